/**
 * Symmetry on the whole catalog: every pair gives the same verdict, invariant
 * and shortest counterexample length with --symmetry as without, never more
 * states, and under dfs the same verdict; the scenarios with interchangeable
 * compaction threads store fewer states.
 */
import test from 'ava';
import { explore, type Result } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { onlyRuns } from './only-runs.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const verdict = (r: Result) => `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} in ${r.trace.length} steps` : ''}`;

/** True when the pair's model declares interchangeable threads (without any, --symmetry leaves the search as it is). */
const symmetric = (m: unknown) => ((m as { spec?: { symmetry?: { groups: readonly unknown[] } } }).spec?.symmetry?.groups.length ?? 0) > 0;
const all = catalog.flatMap((s) => s.protocols.map((v) => ({ s, p: protocolById(v) })));
const pairs = all.filter(({ s, p }) => p && symmetric(s.build(p)));
let reduced = 0;

test.serial('a pair without interchangeable threads searches the same states with --symmetry', (t) => {
  const plain = all.find(({ s, p }) => p && !symmetric(s.build(p)));
  if (!plain?.p) return t.fail('every pair is symmetric');
  const { s, p } = plain;
  t.is(explore(s.build(p), { progress: null, symmetry: true }).stats.states, explore(s.build(p), { progress: null }).stats.states);
});

for (const { s, p } of pairs) {
  if (!p) continue;
  test.serial(`${s.id} under ${p.id}: --symmetry keeps the verdict and the counterexample length`, async (t) => {
    await tick();
    const full = explore(s.build(p), { progress: null });
    const sym = explore(s.build(p), { progress: null, symmetry: true });
    t.is(verdict(sym), verdict(full));
    t.true(sym.stats.states <= full.stats.states, `${sym.stats.states} > ${full.stats.states}`);
    if (sym.stats.states < full.stats.states) reduced++;
    // dfs may meet another invariant first (the gate judges each invariant with --only); the verdict must agree.
    t.is(explore(s.build(p), { progress: null, symmetry: true, strategy: 'dfs' }).verdict, full.verdict, 'dfs');
  });
}

test.serial('the catalog pairs with interchangeable threads all shrink', (t) => {
  t.true(pairs.length >= 20, `only ${pairs.length} pairs have interchangeable threads`);
  t.is(reduced, pairs.length);
});

test.serial('parallel-compaction, 3 threads and the driver: hashed and exact symmetric searches agree, and store under a quarter of the states', (t) => {
  const s = catalog.find((x) => x.id === 'parallel-compaction');
  const p = protocolById('v4.8-atomic');
  if (!s || !p) return t.fail('missing');
  const params = { threads: 3, driver: true };
  const full = explore(s.build(p, {}, params), { progress: null });
  const hashed = explore(s.build(p, {}, params), { progress: null, symmetry: true });
  const exact = explore(s.build(p, {}, params), { progress: null, symmetry: true, exact: true });
  t.is(hashed.verdict, 'pass');
  t.is(hashed.stats.states, exact.stats.states);
  t.true(hashed.stats.states * 4 < full.stats.states, `${hashed.stats.states} vs ${full.stats.states}`);
});

for (const { s, p } of pairs) {
  if (!p) continue;
  test.serial(`${s.id} under ${p.id}, each invariant on its own (--only): --symmetry keeps the verdict`, async (t) => {
    await tick();
    for (const { id, run } of onlyRuns(s, p)) {
      const a = run();
      const b = run({ symmetry: true });
      if (a.verdict === 'incomplete' || b.verdict === 'incomplete') continue;
      t.is(verdict(b), verdict(a), `--only ${id}`);
    }
  });
}
