/**
 * Partial-order reduction on the whole catalog (passing scenarios, their
 * mutants, the review comments): every pair gives the same verdict with
 * --por as without, hashed and exact, breadth and depth first, with and
 * without --symmetry, never with more states on a pass; each invariant on
 * its own (--only, hashed and exact), and no-hang on its own, gives the
 * same verdict too. A reduced depth-first search may meet another invariant
 * first, so the first comparison is of pass against violation, and the
 * --only ones name the invariant (a breadth-first one gives the unreduced
 * search's very violation: por-shortest.test.ts).
 */
import test from 'ava';
import { explore, type ExploreOptions, type Result } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { onlyRuns } from './only-runs.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const verdict = (r: Result) => `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant}` : ''}`;
const pairs = catalog.flatMap((s) => s.protocols.map((v) => ({ s, p: protocolById(v) })));
let reducedPairs = 0;

for (const { s, p } of pairs) {
  if (!p) continue;
  test.serial(`${s.id} under ${p.id}: --por keeps the verdict`, async (t) => {
    await tick();
    const run = (o: ExploreOptions) => explore(s.build(p), { progress: null, ...o });
    const full = run({});
    const por = run({ por: true });
    t.is(por.verdict, full.verdict);
    // A violation met while reducing was searched again without it (por-shortest.test.ts): porFirst says so.
    if ((por.stats.fingerprint?.porReduced ?? 0) > 0 || por.stats.fingerprint?.porFirst) reducedPairs++;
    // (A search that stops at a violation counts the states it met on the way: the orders differ.)
    if (full.verdict === 'pass') {
      t.true(por.stats.states <= full.stats.states, `${por.stats.states} > ${full.stats.states}`);
      t.is(run({ por: true, exact: true }).stats.states, por.stats.states, 'exact');
    } else t.is(run({ por: true, exact: true }).verdict, full.verdict, 'exact');
    t.is(run({ por: true, strategy: 'dfs' }).verdict, full.verdict, 'dfs');
    t.is(run({ por: true, symmetry: true }).verdict, full.verdict, 'with --symmetry');
  });
}

for (const { s, p } of pairs) {
  if (!p) continue;
  test.serial(`${s.id} under ${p.id}, each invariant on its own (--only) and no-hang alone: --por keeps the verdict`, async (t) => {
    await tick();
    for (const { id, run } of onlyRuns(s, p)) {
      const a = run();
      const b = run({ por: true });
      if (a.verdict === 'incomplete' || b.verdict === 'incomplete') continue;
      t.is(verdict(b), verdict(a), `--only ${id}`);
      t.is(verdict(run({ por: true, exact: true })), verdict(a), `--only ${id} --exact`);
    }
    const none = new Set<string>();
    const a = explore(s.build(p, { only: none }), { progress: null, maxStates: 20000 });
    const b = explore(s.build(p, { only: none }), { progress: null, maxStates: 20000, por: true });
    if (a.verdict !== 'incomplete' && b.verdict !== 'incomplete') t.is(verdict(b), verdict(a), '--only no-hang');
  });
}

test.after('most pairs are reduced', () => {
  // Reported, not asserted per pair: a pair whose every step meets another thread's writes keeps all its states.
  if (reducedPairs * 2 < pairs.length) throw new Error(`--por reduced only ${reducedPairs} of ${pairs.length} pairs`);
});
