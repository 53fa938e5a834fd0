/** `--version`/`-V` print the package version; a bare `movcheck` prints the help on stderr and exits 2 (issue 10). */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, spawnCli } from './_helpers.ts';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

for (const flag of ['--version', '-V']) {
  test(`${flag}: "movcheck <version>" on stdout, exit 0`, async (t) => {
    const r = await cli([flag]);
    t.is(r.code, 0);
    t.is(r.stdout, `movcheck ${VERSION}\n`);
    t.is(r.stderr, '');
  });
}

test('the real executable (compiled dist/) prints the version too', async (t) => {
  const r = await spawnCli(['-V']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, `movcheck ${VERSION}\n`);
});

test('bare movcheck: the help on stderr, nothing on stdout, exit 2', async (t) => {
  const r = await spawnCli([]);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.regex(r.stderr, /^movcheck: model checker for the Linux non-LRU movable page migration protocol\n\nusage:\n {2}movcheck list/);
  t.regex(r.stderr, /4 internal error/);
});

test('help and --help still print the help on stdout with exit 0', async (t) => {
  for (const args of [['help'], ['--help'], ['-h']]) {
    const r = await cli(args);
    t.is(r.code, 0);
    t.regex(r.stdout, /^movcheck: model checker/);
  }
});
