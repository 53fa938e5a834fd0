/**
 * Renaming the world slots of a packed state without views: a WorldRenaming
 * is compiled once per layout into a plan, one entry per slot (how its value
 * is renamed, and where an entity's record or a per-thread array moves it), so
 * renaming a state is one pass over typed arrays.
 */
import type { WorldRenaming } from '../program/index.ts';
import { matches, renameMask } from '../program/renaming.ts';
import type { Shape } from './world-view.ts';

/** How a slot's value is renamed. */
export const COPY = 0;
export const MASK = 1;
export const TID = 2;
export const ENTITY = 3;

/** A compiled renaming of the world slots [0, slots). */
export interface SlotPlan {
  /** out[...] := buf[0, slots) renamed by tperm and eperm (every world slot of `out` is written). */
  apply(buf: Int16Array, out: Int16Array, tperm: ArrayLike<number>, eperm: ArrayLike<number>): void;
  /**
   * What apply does to the slots a renaming changes (the records of moved
   * entities, thread and entity names, per-thread arrays): out must hold
   * buf's world slots already, for the others keep their place and value.
   */
  applyMoving(buf: Int16Array, out: Int16Array, tperm: ArrayLike<number>, eperm: ArrayLike<number>): void;
  /** True when renaming leaves buf's world slots as they are (apply would write buf's world back unchanged). */
  fixedBy(buf: Int16Array, tperm: ArrayLike<number>, eperm: ArrayLike<number>): boolean;
  readonly slots: number;
  /** Per slot: COPY, MASK, TID or ENTITY. */
  readonly kind: Int8Array;
  /** Per TID slot: the base its thread numbers start from. */
  readonly base: Int32Array;
  /** Per slot: the entity whose record holds it (-1: none). */
  readonly entity: Int32Array;
  /** Per slot of a per-thread array: the thread it belongs to (-1: none). */
  readonly threadOf: Int32Array;
}

/** Compiles `r` against the world's shape (slots [0, slots)); throws when a declared path is not in the world. */
export function slotPlan(shape: Shape, slots: number, r: WorldRenaming, threads: number): SlotPlan {
  const kind = new Int8Array(slots);
  const base = new Int32Array(slots);
  const entity = new Int32Array(slots).fill(-1);
  const recOff = new Int32Array(slots);
  const arrK = new Int32Array(slots).fill(-1);
  const arrOffset = new Int32Array(slots);
  const recBase: number[] = [];
  const used = new Set<string>();
  const first = (s: Shape): number => (s.kind === 'arr' ? first(s.items[0] as Shape) : s.kind === 'obj' ? first(s.fields[0] as Shape) : s.slot);
  const leaves = (s: Shape, f: (slot: number) => void) => {
    if (s.kind === 'arr') s.items.forEach((x) => leaves(x, f));
    else if (s.kind === 'obj') s.fields.forEach((x) => leaves(x, f));
    else f(s.slot);
  };
  const walk = (s: Shape, segs: string[]) => {
    if (s.kind === 'arr') {
      if (matches(r.entities, segs)) {
        used.add(r.entities);
        s.items.forEach((item, i) => {
          const b = first(item);
          recBase[i] = b;
          leaves(item, (slot) => {
            entity[slot] = i;
            recOff[slot] = slot - b;
          });
        });
      }
      const arr = r.threadArrays?.find((x) => matches(x.path, segs));
      if (arr) {
        used.add(arr.path);
        s.items.forEach((item, k) => {
          if (item.kind === 'arr' || item.kind === 'obj') throw new Error(`symmetry: ${arr.path} must be an array of numbers`);
          arrK[item.slot] = k;
          arrOffset[item.slot] = arr.offset;
        });
      }
      s.items.forEach((x, i) => walk(x, [...segs, String(i)]));
      return;
    }
    if (s.kind === 'obj') {
      s.keys.forEach((k, i) => walk(s.fields[i] as Shape, [...segs, k]));
      return;
    }
    const mask = r.threadMasks?.find((p) => matches(p, segs));
    const id = r.threadIds?.find((x) => matches(x.path, segs));
    const ent = r.entityIds?.find((p) => matches(p, segs));
    if (mask !== undefined) (kind[s.slot] = MASK), used.add(mask);
    else if (id) (kind[s.slot] = TID), (base[s.slot] = id.base ?? 0), used.add(id.path);
    else if (ent !== undefined) (kind[s.slot] = ENTITY), used.add(ent);
  };
  walk(shape, []);
  if (!used.has(r.entities)) throw new Error(`symmetry: the world has no entity array ${r.entities}`);
  const sizes = new Set(recBase.map((b, i) => (recBase[i + 1] ?? b) - b).slice(0, -1));
  if (sizes.size > 1) throw new Error(`symmetry: the elements of ${r.entities} differ in shape`);
  const E = recBase.length;

  const threadOf = new Int32Array(slots).fill(-1);
  for (let s = 0; s < slots; s++) {
    const k = arrK[s] as number;
    if (k >= 0 && k - (arrOffset[s] as number) >= 0 && k - (arrOffset[s] as number) < threads) threadOf[s] = k - (arrOffset[s] as number);
  }
  // A renaming moves whole entity records; besides, it renames the values of thread and entity names and moves
  // the elements of per-thread arrays: those slots (`fix`) are handled one by one, after the records.
  let recSize = 0;
  for (let s = 0; s < slots; s++) if (entity[s] === 0) recSize++;
  const fix: number[] = [];
  for (let s = 0; s < slots; s++) {
    const k = arrK[s] as number;
    const t = k - (arrOffset[s] as number);
    if (kind[s] !== COPY || (k >= 0 && t >= 0 && t < threads)) fix.push(s);
  }
  const recAt = Int32Array.from(recBase);
  const isFix = new Uint8Array(slots);
  for (const x of fix) isFix[x] = 1;

  /** The slot moves of one renaming: out[to[x]] := buf[from[x]], its value renamed by kind[x] (base[x] for a thread id). */
  interface Moves {
    readonly tp: Int32Array;
    readonly ep: Int32Array;
    readonly from: Int32Array;
    readonly to: Int32Array;
    readonly kind: Int8Array;
    readonly base: Int32Array;
  }
  /** Moves of the renamings met so far, by a hash of (tperm, eperm): a search meets a few (one per thread permutation). */
  const cache = new Map<number, Moves>();
  const build = (tperm: ArrayLike<number>, eperm: ArrayLike<number>): Moves => {
    const from: number[] = [];
    const to: number[] = [];
    const kinds: number[] = [];
    const bases: number[] = [];
    const n = Math.min(E, eperm.length);
    // A moved record's plain slots go whole to their new record (its other slots are the entries below).
    for (let e = 0; e < n; e++) {
      const dst = eperm[e] as number;
      if (dst === e) continue;
      for (let k = 0; k < recSize; k++) {
        const s = (recAt[e] as number) + k;
        if (isFix[s] === 1) continue;
        from.push(s);
        to.push((recAt[dst] as number) + k);
        kinds.push(COPY);
        bases.push(0);
      }
    }
    for (const s of fix) {
      let d = s;
      const e = entity[s] as number;
      if (e >= 0 && e < n) d = (recAt[eperm[e] as number] as number) + (recOff[s] as number);
      const t = (arrK[s] as number) >= 0 ? (arrK[s] as number) - (arrOffset[s] as number) : -1;
      if (t >= 0 && t < threads) d += (tperm[t] as number) - t;
      const k = kind[s] as number;
      if (k === COPY && d === s) continue;
      from.push(s);
      to.push(d);
      kinds.push(k);
      bases.push(base[s] as number);
    }
    return { tp: Int32Array.from(tperm), ep: Int32Array.from(eperm), from: Int32Array.from(from), to: Int32Array.from(to), kind: Int8Array.from(kinds), base: Int32Array.from(bases) };
  };
  const same = (a: Int32Array, b: ArrayLike<number>) => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  const movesFor = (tperm: ArrayLike<number>, eperm: ArrayLike<number>): Moves => {
    let key = tperm.length;
    for (let t = 0; t < tperm.length; t++) key = (Math.imul(key, 31) + (tperm[t] as number)) | 0;
    for (let e = 0; e < eperm.length; e++) key = (Math.imul(key, 31) + (eperm[e] as number)) | 0;
    const m = cache.get(key);
    if (m !== undefined && same(m.tp, tperm) && same(m.ep, eperm)) return m;
    if (cache.size >= 5040) cache.clear();
    const b = build(tperm, eperm);
    cache.set(key, b);
    return b;
  };
  /** Move x of m's value in buf, renamed. */
  const moved = (m: Moves, x: number, buf: Int16Array, tperm: ArrayLike<number>, eperm: ArrayLike<number>): number => {
    const v = buf[m.from[x] as number] as number;
    const k = m.kind[x] as number;
    if (k === MASK) return renameMask(v & 0xffff, tperm);
    if (k === TID) {
      const t = v - (m.base[x] as number);
      return t >= 0 && t < tperm.length ? (m.base[x] as number) + (tperm[t] as number) : v;
    }
    return k === ENTITY && v >= 0 && v < eperm.length ? (eperm[v] as number) : v;
  };
  /** What `apply` does to the slots a renaming changes (see SlotPlan.applyMoving). */
  const applyMoving = (buf: Int16Array, out: Int16Array, tperm: ArrayLike<number>, eperm: ArrayLike<number>): void => {
    const m = movesFor(tperm, eperm);
    const to = m.to;
    for (let x = 0; x < to.length; x++) out[to[x] as number] = moved(m, x, buf, tperm, eperm);
  };
  // A slot no move writes keeps its value, and every move writes a distinct slot: fixed iff every move writes the value there.
  const fixedBy = (buf: Int16Array, tperm: ArrayLike<number>, eperm: ArrayLike<number>): boolean => {
    const m = movesFor(tperm, eperm);
    const to = m.to;
    for (let x = 0; x < to.length; x++) if (moved(m, x, buf, tperm, eperm) !== buf[to[x] as number]) return false;
    return true;
  };
  return {
    slots,
    kind,
    base,
    entity,
    threadOf,
    apply(buf, out, tperm, eperm) {
      for (let s = 0; s < slots; s++) out[s] = buf[s] as number;
      applyMoving(buf, out, tperm, eperm);
    },
    applyMoving,
    fixedBy,
  };
}
