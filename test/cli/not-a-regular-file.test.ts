/**
 * Regression (issue 8): a directory or a FIFO given where a file is read (a
 * scenario, a protocol, an expectations file) used to be reported as "no such
 * file" (and reading a FIFO would block). Each is now named for what it is.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './_helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'movcheck-special-'));
const aDir = join(dir, 'scenario.ts');
mkdirSync(aDir);
const fifo = join(dir, 'pipe.ts');
execFileSync('mkfifo', [fifo]);

test('a directory as the scenario file', async (t) => {
  const r = await cli(['run', aDir, '--protocol', 'v4.8']);
  t.is(r.code, 2);
  t.is(r.stderr, `movcheck: cannot load scenario file '${aDir}': it is a directory, not a regular file; give the path of a .ts, .js or .mjs file\n`);
});

test('a FIFO as the protocol file (no blocking read)', async (t) => {
  const r = await cli(['run', 'r5-movable-and-mapped', '--protocol', fifo]);
  t.is(r.code, 2);
  t.is(r.stderr, `movcheck: cannot load protocol file '${fifo}': it is a FIFO (named pipe), not a regular file; give the path of a .ts, .js or .mjs file\n`);
});

test('a directory and a FIFO as the expectations file', async (t) => {
  const d = await cli(['gate', 'r5-movable-and-mapped', '--expect', dir]);
  t.is(d.code, 2);
  t.regex(d.stderr, /^movcheck: cannot read expectations file '.*': it is a directory, not a regular file; give the path of a JSON file\n$/);
  const f = await cli(['gate', 'r5-movable-and-mapped', '--expect', fifo]);
  t.is(f.code, 2);
  t.regex(f.stderr, /^movcheck: cannot read expectations file '.*pipe\.ts': it is a FIFO \(named pipe\), not a regular file; /);
});

test('a missing file is still "no such file"', async (t) => {
  const r = await cli(['run', join(dir, 'missing.ts'), '--protocol', 'v4.8']);
  t.regex(r.stderr, /: no such file; /);
});
