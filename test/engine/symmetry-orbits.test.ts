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
import { newCodes, type PackedModel } from '../../checker/packed/compile.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';

const key = (b: Int16Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Every reachable state of `factory`'s model, as whole vectors, and the compiled model that made them. */
function allStates(factory: PackedFactory): { pm: PackedModel; states: Int16Array[] } {
  const codes = newCodes(true, false);
  let hints = factory.hints();
  for (;;) {
    try {
      const pm = factory.compile(hints, codes);
      pm.init();
      const seen = new Map<string, Int16Array>([[key(pm.dst), pm.dst.slice()]]);
      const todo = [pm.dst.slice()];
      const acts = new Int32Array(4096);
      while (todo.length) {
        pm.src.set(todo.pop() as Int16Array);
        pm.loaded();
        const n = pm.actions(0, acts);
        for (let i = 0; i < n; i++) {
          pm.apply(acts[i] as number);
          const k = key(pm.dst);
          if (!seen.has(k)) {
            const c = pm.dst.slice();
            seen.set(k, c);
            todo.push(c);
          }
        }
      }
      return { pm, states: [...seen.values()] };
    } catch (e) {
      const h = (e as { hints?: typeof hints }).hints;
      if (!h) throw e;
      hints = h;
    }
  }
}

/** Every ordering of xs. */
const orderings = (xs: readonly number[]): number[][] =>
  xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => orderings(xs.filter((_, j) => j !== i)).map((r) => [x, ...r]));

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
    const orbits = new Set<string>();
    for (const st of states) {
      let least: string | null = null;
      for (const order of orderings(group)) {
        const tperm = Array.from({ length: pm.layout.threads }, (_, x) => x);
        group.forEach((th, i) => (tperm[th] = order[i] as number));
        pm.dst.set(st);
        pm.symmetry?.permute(tperm);
        const k = key(pm.dst);
        if (least === null || k < least) least = k;
      }
      orbits.add(least as string);
    }
    const sym = explore(s.build(p, {}, { threads, pages, driver }), { progress: null, symmetry: true, exact: true, deadLocals: false });
    t.is(sym.verdict, 'pass');
    t.is(sym.stats.states, orbits.size, `${states.length} states, ${orbits.size} orbits`);
    t.true(orbits.size < states.length);
  });
}
