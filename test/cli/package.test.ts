/**
 * The package as npm ships it (issue 10): `npm pack` builds dist/ (prepare)
 * and packs only what `files` lists; installed into an empty project, `npx
 * movcheck` runs the compiled CLI (--version, list, one run, a user .ts
 * protocol through tsx, the gate on it as examples/github-actions.yml runs it
 * in a kernel-patch repository), and a user protocol file type-checks against
 * the types of `import type { Api } from 'movcheck'`. The install needs immer and
 * tsx from the npm cache or the registry (`--prefer-offline`).
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './_helpers.ts';

const run = promisify(execFile);

/** Runs a command, resolving to its output and status (never rejecting on a non-zero status). */
async function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env: { ...process.env, MOVCHECK_DEBUG: '', NO_COLOR: '1' }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? String(e) };
  }
}

test('npm pack, install into an empty project, run the CLI and type-check a user protocol', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'movcheck-pack-'));
  const pack = await sh('npm', ['pack', '--silent', '--pack-destination', base], ROOT);
  t.is(pack.code, 0, pack.stderr);
  const tgz = readdirSync(base).find((f) => f.endsWith('.tgz'));
  t.truthy(tgz);
  const list = await sh('tar', ['tzf', join(base, tgz!)], base);
  const files = list.stdout.split('\n').filter(Boolean);
  t.true(files.includes('package/dist/cli/main.js'));
  t.true(files.includes('package/dist/index.d.ts'));
  t.true(files.includes('package/bin/movcheck.mjs'));
  t.false(files.some((f) => f.startsWith('package/test/') || f.startsWith('package/cli/') || f.endsWith('.tsbuildinfo')), 'no sources, tests or build info');

  const proj = join(base, 'proj');
  await sh('mkdir', ['-p', proj], base);
  writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'proj', version: '1.0.0', private: true, type: 'module' }));
  const inst = await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(base, tgz!)], proj);
  t.is(inst.code, 0, `npm install of the tarball failed (it needs immer and tsx from the npm cache or registry): ${inst.stderr}`);

  const v = await sh('npx', ['--no-install', 'movcheck', '--version'], proj);
  t.regex(v.stdout, /^movcheck \d+\.\d+\.\d+\n$/, v.stderr);
  const l = await sh('npx', ['--no-install', 'movcheck', 'list'], proj);
  t.is(l.code, 0, l.stderr);
  t.regex(l.stdout, /^ {2}parallel-compaction /m);
  const r = await sh('npx', ['--no-install', 'movcheck', 'run', 'r5-movable-and-mapped', '--protocol', 'v3'], proj);
  t.is(r.code, 1, r.stderr);
  t.regex(r.stdout, /VIOLATION of mapcount-consistent/);

  const good = [
    "import type { Api, Protocol } from 'movcheck';",
    '',
    'export default (api: Api): Protocol =>',
    "  api.extendProtocol(api.protocolById('v4.8')!, { id: 'mine', title: 'v4.8 unchanged', description: 'a user protocol', fns: {} });",
    '',
  ].join('\n');
  writeFileSync(join(proj, 'my-protocol.ts'), good);
  writeFileSync(
    join(proj, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['my-protocol.ts'] }),
  );
  const tsc = await sh(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], proj);
  t.is(tsc.code, 0, tsc.stdout + tsc.stderr);
  // The types are real: a wrong one is an error.
  writeFileSync(join(proj, 'my-protocol.ts'), "import type { Protocol } from 'movcheck';\nexport const id: Protocol['id'] = 5;\n");
  const bad = await sh(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], proj);
  t.regex(bad.stdout, /my-protocol\.ts\(2,14\): error TS2322/);

  writeFileSync(join(proj, 'my-protocol.ts'), good);
  const mine = await sh('npx', ['--no-install', 'movcheck', 'run', 'r5-movable-and-mapped', '--protocol', './my-protocol.ts'], proj);
  t.is(mine.code, 0, mine.stderr);
  t.regex(mine.stdout, /^protocol: mine — v4\.8 unchanged$/m);

  // What a kernel-patch repository's CI does (examples/github-actions.yml, shipped in the package): the gate on its own protocol file.
  t.true(existsSync(join(proj, 'node_modules/movcheck/examples/github-actions.yml')));
  t.true(existsSync(join(proj, 'node_modules/movcheck/schemas/results.schema.json')));
  const gate = await sh('npx', ['--no-install', 'movcheck', 'gate', '--protocol', './my-protocol.ts', '--md', 'summary.md'], proj);
  t.is(gate.code, 0, gate.stdout + gate.stderr);
  t.regex(gate.stdout, /^scenario +mine$/m);
  t.regex(readFileSync(join(proj, 'summary.md'), 'utf8'), /^## movcheck gate: (\d+)\/\1 match ✅$/m);
});
