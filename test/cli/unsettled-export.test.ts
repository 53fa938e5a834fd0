/**
 * Regression (issue 8): a user file whose default export (or top-level await)
 * never settles used to make the process exit 13 with nothing on stderr. It is
 * now exit 2 with one line saying which file never settles. Spawned: the
 * condition is the event loop running dry, which only a real process shows.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from './_helpers.ts';

/** A file with `content` in a fresh temporary directory. */
function file(name: string, content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'movcheck-unsettled-')), name);
  writeFileSync(f, content);
  return f;
}

test('a default export function whose promise never settles: exit 2, one line', async (t) => {
  const f = file('never.mjs', 'export default () => new Promise(() => {});\n');
  const r = await spawnCli(['run', f, '--protocol', 'v4.8']);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.is(r.stderr, `movcheck: the promise returned by the function exported by '${f}' never settles (nothing is left that could resolve it); fix the file\n`);
});

test('a protocol file whose top-level await never settles: exit 2, one line', async (t) => {
  const f = file('never-tla.mjs', 'await new Promise(() => {});\nexport default {};\n');
  const r = await spawnCli(['run', 'r5-movable-and-mapped', '--protocol', f]);
  t.is(r.code, 2);
  t.is(r.stderr, `movcheck: loading '${f}' (its top-level await) never settles (nothing is left that could resolve it); fix the file\n`);
});

test('a default export function whose promise settles later still loads', async (t) => {
  const f = file('later.mjs', "export default (api) => new Promise((ok) => setTimeout(() => ok(api.scenarioById('r5-movable-and-mapped')), 50));\n");
  const r = await spawnCli(['run', f, '--protocol', 'v4.8']);
  t.is(r.code, 0, r.stderr);
});
