/**
 * The symmetric search stores exactly one state per orbit: on a catalog
 * system, every reachable state (found by a plain search over whole vectors)
 * is mapped to the least vector among all its renamings, by brute force over
 * every thread permutation; the number of distinct results must equal the
 * state count of the --symmetry search (exact, dead locals kept). Fewer would
 * mean the reduction merges states that are not renamings of each other;
 * more, that its canonical form misses some.
 */
import test from 'ava';
import { explore } from '../../checker/index.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { allStates, orbitCount } from '../reference/orbits.ts';

for (const [threads, pages, driver] of [
  [2, 1, true],
  [3, 1, false],
  [2, 2, false],
] as const) {
  test(`parallel-compaction (${threads} threads, ${pages} pages${driver ? ', driver' : ''}): the symmetric search stores one state per orbit`, (t) => {
    const s = catalog.find((x) => x.id === 'parallel-compaction');
    const p = protocolById('v4.8-atomic');
    if (!s || !p) return t.fail('missing');
    const model = s.build(p, {}, { threads, pages, driver }) as unknown as { packed: PackedFactory; spec: { symmetry: { groups: { threads: number[] }[] } } };
    const { pm, states } = allStates(model.packed);
    const group = model.spec.symmetry.groups[0]?.threads ?? [];
    t.is(group.length, threads);
    const orbits = { size: orbitCount(pm, states, group) };
    const sym = explore(s.build(p, {}, { threads, pages, driver }), { progress: null, symmetry: true, exact: true, deadLocals: false });
    t.is(sym.verdict, 'pass');
    t.is(sym.stats.states, orbits.size, `${states.length} states, ${orbits.size} orbits`);
    t.true(orbits.size < states.length);
  });
}
