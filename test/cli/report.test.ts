/** `movcheck report`: the files it writes, byte-identical across runs, and free of timing. */
import test from 'ava';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../../scenarios/index.ts';
import { withClock } from './_clock.ts';
import { FX, cli } from './_helpers.ts';

const ALL = [FX.racy, FX.atomic, FX.abba, FX.racy3, '--protocol', FX.toy, '--protocol', FX.toy2];

/** Every file of a directory with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

test.serial('report writes byte-identical files across two runs', async (t) => {
  // Two runs whose clocks differ (a fast and a slow machine): stderr shows the timing, the files must not.
  const base = mkdtempSync(join(tmpdir(), 'movcheck-report-'));
  const a = await withClock(0.001, () => cli(['report', ...ALL, '--out', join(base, 'a')]));
  const b = await withClock(1234.5, () => cli(['report', ...ALL, '--out', join(base, 'b')]));
  t.not(a.stderr, b.stderr, 'the clocks differ');
  t.is(a.code, 0, a.stderr);
  t.is(b.code, 0, b.stderr);
  const sa = snapshot(join(base, 'a'));
  const sb = snapshot(join(base, 'b'));
  t.deepEqual(Object.keys(sa), [
    'index.html',
    'index.md',
    'results.json',
    'toy-abba--toy.md',
    'toy-abba--toy2.md',
    'toy-atomic-counter--toy.md',
    'toy-racy-counter--toy.md',
    'toy-racy-counter-3--toy.md',
  ]);
  t.deepEqual(sa, sb);
  t.regex(a.stdout, /^report: wrote 8 files to .*a \(open .*index.html\); gate: 5\/5 match\n$/);
});

test('report files: index matrix links to pages, pages carry diagram and text trace, results.json has no timing', async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), 'movcheck-report-')), 'r');
  t.is((await cli(['report', ...ALL, '--out', out])).code, 0);
  const s = snapshot(out);
  const index = s['index.md']!;
  t.regex(index, /^\| scenario \| review \| toy \| toy2 \|$/m);
  t.regex(index, /^\| toy-abba \| R6 \| \[✗ no-hang\]\(toy-abba--toy\.md\) ✅ \| \[pass\]\(toy-abba--toy2\.md\) ✅ \|$/m);
  t.regex(index, /gate: 5\/5 match · \[interactive viewer\]\(index\.html\)/);
  const page = s['toy-abba--toy.md']!;
  t.regex(page, /```mermaid\nsequenceDiagram\n/);
  t.regex(page, /```text\ntoy-abba — Two threads/);
  t.regex(page, /^replay: movcheck replay test\/fixtures\/abba\.ts --protocol test\/fixtures\/toy-protocol\.ts --schedule 0a01a1$/m);
  const json = JSON.parse(s['results.json']!);
  t.is(json.results.length, 5);
  for (const r of json.results) t.false('seconds' in r.stats);
  for (const [name, content] of Object.entries(s)) t.notRegex(content, /\d+\.\d+ ?s(econds)?\b/, name);
  const html = s['index.html']!;
  t.regex(html, /^<!DOCTYPE html>/);
  t.notRegex(html, /(src|href)=["']?(https?:)?\/\//, 'no network');
  t.true(html.includes('"scenario": "toy-abba"'));
});

test('report on the catalog with the default directory name in a temp cwd', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'movcheck-cwd-'));
  const r = await cli(['report'], cwd);
  t.is(r.code, 0, r.stderr);
  const pairs = catalog.flatMap((s) => s.protocols.map((p) => ({ scenario: s.id, protocol: p })));
  t.is(pairs.length, 387);
  t.is(r.stdout, 'report: wrote 390 files to reports/out (open reports/out/index.html); gate: 387/387 match\n');
  // One page per pair (a file name replaces `~` by `_`), the index, the viewer and results.json, in cwd.
  const pages = pairs.map((p) => `${p.scenario}--${p.protocol}.md`.replaceAll('~', '_'));
  const s = snapshot(join(cwd, 'reports/out'));
  t.deepEqual(Object.keys(s), [...pages, 'index.html', 'index.md', 'results.json'].sort());
  t.deepEqual(
    JSON.parse(s['results.json']!).results.map((x: { scenario: string; protocol: string; match: boolean }) => [x.scenario, x.protocol, x.match]),
    pairs.map((p) => [p.scenario, p.protocol, true]),
  );
  t.regex(s['index.md']!, /^gate: 387\/387 match · \[interactive viewer\]\(index\.html\)/m);
  t.regex(s['r2-release-isolated-page--v3.md']!, /--schedule 111$/m);
});
