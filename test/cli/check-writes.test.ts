/** `--check-writes`: a step that changes a shared field it does not declare is a one-line error (exit 2). */
import test from 'ava';
import { cli } from './_helpers.ts';

const FILE = 'test/fixtures/undeclared-write-protocol.ts';

test('--check-writes names the step and the undeclared path, exit 2', async (t) => {
  const out = await cli(['run', 'migration-preserves-data', '--protocol', FILE, '--check-writes']);
  t.is(out.code, 2);
  t.regex(out.stderr, /undeclared write: step drv_lru:rotate \(thread D\) changed pages\/0\/mappers/);
  t.is(out.stderr.trim().split('\n').filter((l) => l.startsWith('movcheck:') && !l.includes(' states in ')).length, 1);
  t.notRegex(out.stderr, /\n\s+at /);
});

test('without --check-writes the same protocol explores (the write is not checked)', async (t) => {
  const out = await cli(['run', 'migration-preserves-data', '--protocol', FILE]);
  t.not(out.code, 2);
});

test('the catalog passes --check-writes', async (t) => {
  const out = await cli(['run', 'r6-putback-unlocked-clear', '--check-writes']);
  t.is(out.code, 1);
  t.regex(out.stdout, /no-callback-after-release/);
});
