/**
 * Brute-force orbit counting for the symmetry tests: every reachable state of
 * a packed model (a plain search over whole vectors, no reduction), and the
 * number of classes they fall into when each is mapped to the least vector
 * among its renamings by every permutation of a group of threads. A symmetric
 * search must store exactly that many states.
 */
import { newCodes, type PackedModel } from '../../checker/packed/compile.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';

const key = (b: Int16Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Every reachable state of `factory`'s model, as whole vectors, and the compiled model that made them. */
export function allStates(factory: PackedFactory): { pm: PackedModel; states: Int16Array[] } {
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
export const orderings = (xs: readonly number[]): number[][] =>
  xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => orderings(xs.filter((_, j) => j !== i)).map((r) => [x, ...r]));

/** The number of orbits of `states` under every permutation of the threads of `group` (pm must declare the group). */
export function orbitCount(pm: PackedModel, states: readonly Int16Array[], group: readonly number[]): number {
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
  return orbits.size;
}
