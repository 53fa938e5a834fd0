/**
 * Renaming a plain world by a thread and an entity permutation, as a
 * WorldRenaming declares (the packed search does the same on slots, see
 * packed/renaming.ts). Models use it to check that a group of threads they
 * declare interchangeable really starts symmetric.
 */
import type { WorldRenaming } from './types.ts';

/** True when path segments `segs` match `pattern` (`*` matches any array index). */
export function matches(pattern: string, segs: readonly string[]): boolean {
  const ps = pattern.split('/').filter((x) => x !== '');
  if (ps.length !== segs.length) return false;
  return ps.every((p, i) => p === segs[i] || (p === '*' && /^\d+$/.test(segs[i] as string)));
}

/** Mask `m` with bit t moved to bit tperm[t] (bits past the threads stay). */
export function renameMask(m: number, tperm: ArrayLike<number>): number {
  let r = 0;
  for (let t = 0; m >>> t !== 0 && t < 31; t++) if ((m >>> t) & 1) r |= 1 << (t < tperm.length ? (tperm[t] as number) : t);
  return r;
}

/** Thread number (or `base` + thread number) `v` renamed; other values stay. */
export function renameThreadId(v: number, base: number, tperm: ArrayLike<number>): number {
  const t = v - base;
  return t >= 0 && t < tperm.length ? base + (tperm[t] as number) : v;
}

/** Entity number `v` renamed; negative and unknown numbers stay. */
export function renameEntity(v: number, eperm: ArrayLike<number>): number {
  return v >= 0 && v < eperm.length ? (eperm[v] as number) : v;
}

/** `world` (plain data) renamed: thread t becomes tperm[t], entity e becomes eperm[e]. A new object. */
export function renameWorldObject<W>(world: W, r: WorldRenaming, tperm: ArrayLike<number>, eperm: ArrayLike<number>): W {
  const leaf = (v: unknown, segs: readonly string[]): unknown => {
    if (typeof v !== 'number') return v;
    if (r.threadMasks?.some((p) => matches(p, segs))) return renameMask(v, tperm);
    const id = r.threadIds?.find((x) => matches(x.path, segs));
    if (id) return renameThreadId(v, id.base ?? 0, tperm);
    if (r.entityIds?.some((p) => matches(p, segs))) return renameEntity(v, eperm);
    return v;
  };
  const walk = (v: unknown, segs: readonly string[]): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x, i) => walk(x, [...segs, String(i)]));
      const arr = r.threadArrays?.find((x) => matches(x.path, segs));
      if (arr) {
        const out = [...items];
        items.forEach((x, k) => {
          const t = k - arr.offset;
          if (t >= 0 && t < tperm.length) out[arr.offset + (tperm[t] as number)] = x;
        });
        return out;
      }
      if (matches(r.entities, segs)) {
        const out = [...items];
        items.forEach((x, i) => (out[renameEntity(i, eperm)] = x));
        return out;
      }
      return items;
    }
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, [...segs, k]);
      return o;
    }
    return leaf(v, segs);
  };
  return walk(world, []) as W;
}
