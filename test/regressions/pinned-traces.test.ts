/**
 * Regression pins: every counterexample the catalog reports (BFS, the default
 * search) in full: invariant, kind, message, schedule and the trace, one line
 * per step (index, token, thread, kernel function and step, statement, the
 * changed fields as the report words them and as raw paths). The pins live in
 * pinned-traces.json; regenerate them with
 * `node --import tsx test/regressions/pin-counts.ts` after a deliberate change.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { catalogPairs, explorePair, pinnedTrace, type PinnedTrace } from './_pins.ts';

const PINS = JSON.parse(readFileSync(new URL('./pinned-traces.json', import.meta.url), 'utf8')) as Record<string, PinnedTrace>;
const pairs = catalogPairs();

for (const pair of pairs) {
  const expected = PINS[pair.key];
  test(`trace: ${pair.key}${expected ? '' : ' (passes)'}`, (t) => {
    const where = `scenario ${pair.scenario.id}, version ${pair.version}`;
    const actual = pinnedTrace(explorePair(pair, 'bfs'));
    if (expected === undefined) return t.is(actual, null, `${where}: expected pass, got a violation of ${actual?.invariant}`);
    if (actual === null) return t.fail(`${where}: expected a violation of ${expected.invariant}, got none`);
    const head = (p: PinnedTrace) => `${p.invariant} (${p.kind}) ${p.schedule}: ${p.message}`;
    t.is(head(actual), head(expected), `${where}:\n  expected ${head(expected)}\n  actual   ${head(actual)}`);
    const n = Math.max(actual.trace.length, expected.trace.length);
    for (let i = 0; i < n; i++) {
      const [e, a] = [expected.trace[i], actual.trace[i]];
      if (e !== a) return t.is(a, e, `${where}, step ${i + 1}:\n  expected ${e ?? '(none)'}\n  actual   ${a ?? '(none)'}`);
    }
    t.pass();
  });
}

test('the trace pins name only catalog pairs: 211 counterexamples', (t) => {
  const keys = new Set(pairs.map((p) => p.key));
  t.deepEqual(Object.keys(PINS).filter((k) => !keys.has(k)), []);
  t.is(Object.keys(PINS).length, 211);
});
