/**
 * The example GitHub Actions workflow (for a kernel-patch repository that is
 * not movcheck's) runs the commands this CLI actually accepts: the packed CLI
 * through `npx movcheck`, on the repository's own protocol file, and its
 * gate command, run on examples/my-patch.ts, writes the step summary.
 */
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../cli/args.ts';
import { ROOT, cli } from './_helpers.ts';

const y = readFileSync(join(ROOT, 'examples/github-actions.yml'), 'utf8');

/** The words of a `run:` line with the workflow's variables set (double quotes only, as the workflow uses). */
function words(line: string, env: Record<string, string>): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).replace(/\$(\w+)/g, (_, v: string) => env[v] ?? `$${v}`));
}

test('examples/github-actions.yml: pull_request, node 20, npm ci, gate on the protocol file with junit and step summary, report, upload', (t) => {
  t.regex(y, /^on:\n {2}pull_request:/m);
  t.regex(y, /uses: actions\/checkout@v\d/);
  t.regex(y, /uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version: 20/);
  t.regex(y, /run: npm ci$/m);
  t.regex(y, /uses: actions\/upload-artifact@v\d/);
  t.notRegex(y, /\t/, 'YAML has no tabs');
  t.regex(y, /^env:\n {2}# .*\n {2}MOVCHECK_PROTOCOL: movcheck\/my-patch\.ts$/m);
  t.regex(y, /npm install --save-dev movcheck/, 'says how the repository gets the packed CLI');
  const runs = [...y.matchAll(/run: npx movcheck (.+)$/gm)].map((m) => m[1]!);
  t.deepEqual(runs, [
    'gate --protocol "$MOVCHECK_PROTOCOL" --junit movcheck-junit.xml --md "$GITHUB_STEP_SUMMARY"',
    'report --protocol "$MOVCHECK_PROTOCOL" --out movcheck-report',
  ]);
  const env = { MOVCHECK_PROTOCOL: 'movcheck/my-patch.ts', GITHUB_STEP_SUMMARY: '/tmp/summary.md' };
  t.like(parseArgs(words(runs[0]!, env)), { command: 'gate', protocols: ['movcheck/my-patch.ts'], junit: 'movcheck-junit.xml', md: '/tmp/summary.md' });
  t.like(parseArgs(words(runs[1]!, env)), { command: 'report', protocols: ['movcheck/my-patch.ts'], out: 'movcheck-report' });
  t.regex(y, /- name: movcheck report\n\s+if: always\(\)/);
  t.regex(y, /path: \|\n\s+movcheck-report\/\n\s+movcheck-junit\.xml/);
});

test("the workflow's gate command on examples/my-patch.ts: the patch's pairs only, the summary appended, exit 1 (the patch adds violations)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-workflow-'));
  const gate = [...y.matchAll(/run: npx movcheck (gate .+)$/gm)].map((m) => m[1]!)[0]!;
  const env = { MOVCHECK_PROTOCOL: 'examples/my-patch.ts', GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  const argv = words(gate, env).map((w) => (w === 'movcheck-junit.xml' ? join(dir, w) : w));
  const r = await cli(argv);
  t.is(r.code, 1, r.stderr);
  const md = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  t.regex(md, /^## movcheck gate: \d+\/\d+ match ❌$/m);
  t.regex(md, /^\| scenario \| my-patch \|$/m, 'one column: the patch');
  t.regex(md, /^\| r6-putback-unlocked-clear \| ❌ \*\*✗ isolated-cleared-under-lock\*\* \(expected pass\) \|$/m);
  t.true(readFileSync(join(dir, 'movcheck-junit.xml'), 'utf8').startsWith('<?xml'));
});
