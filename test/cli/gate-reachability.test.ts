/**
 * The gate judges expectations by reachability, so it gives the same matches
 * under every strategy: "violation of X" holds when X is reachable (decided
 * by a search for X alone when another invariant comes first), `pass` when no
 * invariant is, and a candidate protocol must not reach what its base does not.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './_helpers.ts';

const R2 = 'r2-release-isolated-page';

/** A text report with its wrapped fields on one line each. */
function unwrap(text: string): string {
  return text.replace(/\n {10}(?=\S)/g, ' ');
}

/** A file with `content` in a fresh temporary directory. */
function tmpFile(name: string, content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'movcheck-reach-')), name);
  writeFileSync(f, content);
  return f;
}

for (const strategy of ['bfs', 'dfs'] as const) {
  test(`gate over the whole catalog under --strategy ${strategy}: every pair matches, exit 0`, async (t) => {
    const r = await cli(['gate', '--strategy', strategy]);
    t.is(r.code, 0, r.stdout.slice(-3000));
    t.regex(r.stdout, /\ngate: (\d+)\/\1 match\n$/);
  });
}

test('bfs and dfs give the same matches for a candidate protocol (the worked example)', async (t) => {
  const lines = async (strategy: string) => {
    const r = await cli(['gate', '--protocol', 'examples/my-patch.ts', '--strategy', strategy]);
    t.is(r.code, 1);
    return r.stdout
      .split('\n')
      .filter((l) => l.startsWith('  ') && l.includes(' under my-patch: '))
      .map((l) => l.replace(/ \(movcheck replay .*$/, ''))
      .sort();
  };
  // Which pairs mismatch is the same under both orders; what each meets first may differ where the patch adds two violations.
  const pairs = (ls: string[]) => ls.map((l) => l.replace(/, got .*$/, ''));
  const bfs = await lines('bfs');
  t.deepEqual(pairs(await lines('dfs')), pairs(bfs));
  t.is(bfs.length, 13);
  // The base's own violation is reachable, yet the patch adds one: the kernel's own VM_BUG_ON_PAGE(!PageLocked(page)) in
  // putback_movable_page(), now called after unlock_page(). A mismatch.
  t.true(bfs.includes('  r1-driver-uses-lru-after-isolation under my-patch: expected violation of lru-owned-by-isolator, got violation of kernel-bug-on'));
  t.true(bfs.includes('  r6-putback-unlocked-clear under my-patch: expected pass, got violation of isolated-cleared-under-lock'));
});

test('an expected consequence matches without only: a search for it alone decides, and the report shows its trace', async (t) => {
  const f = tmpFile('expect.json', JSON.stringify({ [R2]: { 'v4.10': 'no-hang' } }));
  for (const strategy of ['bfs', 'dfs']) {
    const r = await cli(['gate', R2, '--protocol', 'v4.10', '--expect', f, '--strategy', strategy]);
    t.is(r.code, 0, r.stdout);
    t.regex(r.stdout, /✗ no-hang/);
  }
});

test('an expected violation that is not reachable is a mismatch under both strategies', async (t) => {
  const f = tmpFile('expect.json', JSON.stringify({ [R2]: { 'v4.8-atomic': 'no-double-isolation' } }));
  for (const strategy of ['bfs', 'dfs']) {
    const r = await cli(['gate', R2, '--protocol', 'v4.8-atomic', '--expect', f, '--strategy', strategy]);
    t.is(r.code, 1);
    t.regex(r.stdout, /r2-release-isolated-page under v4\.8-atomic: expected violation of no-double-isolation, got pass/);
  }
});

test('run shows what it met first and judges the expectation by reachability', async (t) => {
  const scen = tmpFile(
    'r2-hang.mjs',
    `export default (api) => ({ ...api.scenarioById('${R2}'), id: 'r2-hang', protocols: ['v4.10'], expect: { 'v4.10': api.violation('no-hang', 'the sleeper is never woken') } });\n`,
  );
  const r = await cli(['run', scen, '--protocol', 'v4.10']);
  t.is(r.code, 1, r.stderr);
  t.regex(r.stdout, /^verdict: +VIOLATION of no-lost-flag-update/m);
  t.regex(unwrap(r.stdout), /^expected: violation of no-hang \(matches: no-hang is reachable too: a search checking only no-hang \(--only no-hang\) finds it\)/m);
});

test('run --strategy dfs of a mutant that meets another invariant first still matches', async (t) => {
  const r = await cli(['run', 'parallel-compaction~no-isolated-check', '--protocol', 'v3~no-isolated-check', '--strategy', 'dfs']);
  t.is(r.code, 1);
  t.regex(r.stdout, /^verdict: +VIOLATION of lru-owned-by-isolator/m);
  t.regex(unwrap(r.stdout), /^expected: violation of no-double-isolation \(matches: no-double-isolation is reachable too/m);
});

test('gate --strategy dfs shows the decisive trace: the expected invariant, checked alone', async (t) => {
  const r = await cli(['gate', 'parallel-compaction~no-isolated-check', '--protocol', 'v3~no-isolated-check', '--strategy', 'dfs', '--md', join(mkdtempSync(join(tmpdir(), 'movcheck-reach-')), 's.md')]);
  t.is(r.code, 0, r.stdout);
  t.regex(r.stdout, /✗ no-double-isolation/);
});

test('a candidate identical to its base matches, though it reaches the base consequence (no-hang) besides the expected precursor', async (t) => {
  const same = tmpFile(
    'same.mjs',
    `export default (api) => api.extendProtocol(api.protocolById('v4.10'), { id: 'same-as-v4.10', title: 'v4.10 unchanged', description: 'no change', fns: {} });\n`,
  );
  for (const strategy of ['bfs', 'dfs']) {
    const r = await cli(['gate', R2, '--protocol', same, '--strategy', strategy]);
    t.is(r.code, 0, r.stdout);
    t.regex(r.stdout, /gate: 1\/1 match/);
  }
  const run = await cli(['run', R2, '--protocol', same]);
  t.regex(unwrap(run.stdout), /^expected: violation of no-lost-flag-update \(matches: no violation its base v4\.10 does not have; it also reaches no-hang, as its base does\)/m);
});

test('gate --only leaves out pairs expecting a violation it does not check; none left is exit 2', async (t) => {
  const r = await cli(['gate', R2, '--only', 'no-lost-flag-update']);
  t.is(r.code, 0, r.stdout);
  // v3, v3-r6, v3-r7, v3-r9 expect isolated-cleared-under-lock, v3-r2 movable-cleared-under-lock, v3-reviewed driver-page-off-lru, v7.0 no-callback-after-release: all left out.
  t.regex(r.stderr, /^movcheck: skipped 7 pairs expecting a violation that --only does not check$/m);
  t.regex(r.stdout, /gate: 8\/8 match/);
  const none = await cli(['gate', 'r3-driver-uses-reclaim', '--only', 'no-hang']);
  t.is(none.code, 2);
  t.regex(none.stderr, /^movcheck: gate has no scenario×version pair to check: --only leaves none of the 15 pairs/);
});
