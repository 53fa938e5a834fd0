/** `--check-writes`: a step that changes a shared field it does not declare is a one-line error (exit 2). */
import test from 'ava';
import { catalog } from '../../scenarios/index.ts';
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
  // The undeclared extra mapper is then an ordinary state change, caught by mapcount-consistent after one step.
  const out = await cli(['run', 'migration-preserves-data', '--protocol', FILE]);
  t.is(out.code, 1, out.stderr);
  t.regex(out.stdout, /^verdict: {2}VIOLATION of mapcount-consistent \(state invariant\)$/m);
  t.regex(out.stdout, /^searched 3 states, 2 transitions, depth 1; 64-bit fingerprints, P\(collision\) <= [^;\s]+(;|$)/m);
  // Partial-order reduction (the default) met it two steps in, so the search ran again without it for the shortest.
  t.regex(out.stdout, /--por\s+met\s+it\s+at\s+2\s+steps\s+\(4\s+states\):\s+searched\s+again\s+without\s+it\s+for\s+the\s+shortest/);
  t.notRegex(out.stderr, /undeclared write:/);
});

test('the catalog passes --check-footprints (every read and write declared; it implies --check-writes)', async (t) => {
  // Every pair of the catalog, checked (a gate that ignored the flag would let the fixture's write through: see below).
  const pairs = catalog.reduce((n, s) => n + s.protocols.length, 0);
  const out = await cli(['gate', '--check-footprints']);
  t.is(out.code, 0, out.stderr.split('\n').filter((l) => !l.includes(' states in ')).join('\n'));
  t.true(out.stdout.endsWith(`\ngate: ${pairs}/${pairs} match\n`));
  t.notRegex(out.stderr, /undeclared (write|read):/);
  const bad = await cli(['gate', '--protocol', FILE, '--check-writes']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /undeclared write: step drv_lru:rotate \(thread D\) changed pages\/0\/mappers/);
  // The same step reads page->mappers (+= 1) before it writes it: --check-footprints names the read first.
  const both = await cli(['gate', '--protocol', FILE, '--check-footprints']);
  t.is(both.code, 2);
  t.regex(both.stderr, /undeclared read: step drv_lru:rotate \(thread D\) read pages\/0\/mappers/);
});
