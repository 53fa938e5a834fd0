/**
 * Issue 8, item 4: tsx loads only for a .ts user file. The compiled CLI,
 * copied with only immer beside it (no tsx), runs a built-in pair and a .mjs
 * protocol file, also under `ulimit -v 4000000`; a .ts file is then the one
 * thing that cannot load, and says so in one line.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './_helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'movcheck-notsx-'));
for (const p of ['dist', 'bin', 'package.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
mkdirSync(join(dir, 'node_modules'));
symlinkSync(join(ROOT, 'node_modules/immer'), join(dir, 'node_modules/immer'));
writeFileSync(join(dir, 'p.mjs'), "export default (api) => ({ ...api.protocolById('v4.8'), id: 'mine', title: 'mine', base: 'v4.8' });\n");
writeFileSync(join(dir, 'p.ts'), "export default { id: 'ts', title: 'ts', fns: {} };\n");

const run = (shell: string) => spawnSync('bash', ['-c', shell], { cwd: dir, encoding: 'utf8' });

test('without tsx: a built-in pair and a .mjs protocol run, under ulimit -v 4000000 too', (t) => {
  const a = run('node bin/movcheck.mjs run r6-putback-unlocked-clear --protocol v4.8');
  t.is(a.status, 0, a.stderr);
  const b = run('ulimit -v 4000000; node bin/movcheck.mjs run r6-putback-unlocked-clear --protocol p.mjs');
  t.is(b.status, 0, b.stderr);
  t.regex(b.stderr, /^movcheck: r6-putback-unlocked-clear under mine: \d+ states in [\d.]+s\n$/);
});

test('without tsx: a .ts protocol file is the one thing that cannot load (exit 2, one line)', (t) => {
  const r = run('node bin/movcheck.mjs run r6-putback-unlocked-clear --protocol p.ts');
  t.is(r.status, 2);
  t.is(r.stderr, "movcheck: cannot load protocol file 'p.ts': a TypeScript file needs the tsx package, which is not installed; run npm install in movcheck's directory, or give a .js or .mjs file\n");
});
