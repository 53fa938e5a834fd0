/** The example GitHub Actions workflow runs the commands this CLI actually accepts. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../cli/args.ts';
import { ROOT } from './_helpers.ts';

test('examples/github-actions.yml: pull_request, node 20, npm ci, gate with junit and step summary, report, upload', (t) => {
  const y = readFileSync(join(ROOT, 'examples/github-actions.yml'), 'utf8');
  t.regex(y, /^on:\n {2}pull_request:/m);
  t.regex(y, /uses: actions\/checkout@v\d/);
  t.regex(y, /uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version: 20/);
  t.regex(y, /run: npm ci$/m);
  t.regex(y, /uses: actions\/upload-artifact@v\d/);
  t.notRegex(y, /\t/, 'YAML has no tabs');
  const runs = [...y.matchAll(/run: npx movcheck (.+)$/gm)].map((m) => m[1]!);
  t.deepEqual(runs, ['gate --junit movcheck-junit.xml --md "$GITHUB_STEP_SUMMARY"', 'report --out movcheck-report']);
  t.like(parseArgs(['gate', '--junit', 'movcheck-junit.xml', '--md', 'summary.md']), { command: 'gate', junit: 'movcheck-junit.xml', md: 'summary.md' });
  t.like(parseArgs(['report', '--out', 'movcheck-report']), { command: 'report', out: 'movcheck-report' });
  t.regex(y, /- name: movcheck report\n\s+if: always\(\)/);
  t.regex(y, /path: \|\n\s+movcheck-report\/\n\s+movcheck-junit\.xml/);
});
