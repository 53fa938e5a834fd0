/**
 * Regression pins: every catalog (scenario, version) pair's verdict and search
 * counts (distinct states, transitions, depth) under BFS and DFS, through the
 * public `explore()`. A field left out of the fingerprint, a merged state or a
 * changed successor order shows here as a changed number. The pins live in
 * pinned-counts.json; a deliberate change regenerates them with
 * `node --import tsx test/regressions/pin-counts.ts` and shows in review.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { STRATEGIES, catalogPairs, countsLine, explorePair } from './_pins.ts';

const PINS = JSON.parse(readFileSync(new URL('./pinned-counts.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;
const pairs = catalogPairs();

for (const pair of pairs) {
  for (const strategy of STRATEGIES) {
    test(`counts under ${strategy}: ${pair.key}`, (t) => {
      const expected = PINS[pair.key]?.[strategy];
      if (expected === undefined) return t.fail(`scenario ${pair.scenario.id}, version ${pair.version}, ${strategy}: no pin (run pin-counts.ts)`);
      const actual = countsLine(explorePair(pair, strategy));
      t.is(
        actual,
        expected,
        `scenario ${pair.scenario.id}, version ${pair.version}, ${strategy}:\n  expected ${expected}\n  actual   ${actual}`,
      );
    });
  }
}

test('the count pins name exactly the catalog pairs, each under bfs and dfs', (t) => {
  t.deepEqual(Object.keys(PINS), pairs.map((p) => p.key));
  for (const [key, byStrategy] of Object.entries(PINS)) t.deepEqual(Object.keys(byStrategy), [...STRATEGIES], key);
});

test('the catalog is 387 pairs, 78,738 states under BFS and 75,009 under DFS (dead locals reset)', (t) => {
  const sum = (strategy: string) =>
    Object.values(PINS).reduce((n, byStrategy) => n + Number(/ states=(\d+) /.exec(byStrategy[strategy] ?? '')?.[1] ?? NaN), 0);
  t.is(pairs.length, 387);
  t.is(sum('bfs'), 78738);
  t.is(sum('dfs'), 75009);
});
