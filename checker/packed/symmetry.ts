/**
 * Symmetry reduction on packed states: interchangeable threads (each with its
 * own block of entities, a kernel model's pages) are put in a canonical order,
 * so the search stores one state per class of states equal up to renaming.
 *
 * Canonical form: threads of a group are sorted by their control (each
 * frame's function, step and return slot, bottom frame first), then, among
 * threads of equal control, by a signature (a hash of the call stack, with
 * entity-valued locals written relative to the thread: "my k-th entity",
 * "another thread's k-th entity", or the entity itself, and of what the
 * world says of the thread). Neither changes under renaming, so sorting by
 * them orders threads the same way in every member of a class. Control comes
 * first because a step moves one thread's control a little: most successors
 * keep src's order and need no renaming (on three threads over two pages,
 * renamings fell from 55 % of the canonicalised successors to 23 %), and a
 * signature is computed only for threads whose controls are equal. Threads
 * with equal signatures (same pc, same locals) are first checked for swaps
 * that leave the state as it is; when every neighbour swap of a tie does,
 * every arrangement gives the same vector and the sorted one stands.
 * Otherwise each arrangement is tried and the lexicographically least vector
 * kept (up to 120 candidates; past that the first, which is still sound: any
 * member of the class stands for it).
 *
 * Sound when the model is symmetric: renaming commutes with every step and
 * leaves every invariant's verdict alone. The engine checks this on the
 * initial state (see `initInvariant`) and, during the warm-up, on sampled
 * transitions (packed/explore.ts), and the catalog's differential tests check
 * verdicts with and without it.
 */
import type { SymmetrySpec } from '../program/index.ts';
import { hashWords } from './visited.ts';
import { COPY, ENTITY, MASK, TID, type SlotPlan } from './renaming.ts';

/** What the canonicaliser needs of a compiled layout. */
export interface SymmetryParts {
  readonly spec: SymmetrySpec;
  /** The renaming of the world slots [0, worldSlots); slots from there to threadBase (the fault) are copied. */
  readonly plan: SlotPlan;
  readonly worldSlots: number;
  readonly threads: number;
  /** Slots per thread region, and where the regions start. */
  readonly stackWords: number;
  readonly threadBase: number;
  readonly width: number;
  /** Slots of a frame of function f. */
  readonly frameSize: Int32Array;
  /** Per function, the local slots (0-based after the frame header) holding entity numbers. */
  readonly entitySlots: readonly Int32Array[];
  /** Interned values and their coder (locals are interned). */
  readonly vals: readonly unknown[];
  code(v: unknown): number;
  /** The vector canonicalised (the explorer's dst), and a scratch vector. */
  readonly buf: Int16Array;
  readonly scratch: Int16Array;
}

/** A canonicaliser bound to one compiled layout. */
export interface Canon {
  /** Puts `buf` in canonical form; `tperm[t]` receives where thread t went. False (and tperm the identity) when nothing moved. */
  canon(tperm: Int32Array): boolean;
  /** Renames `buf` by `tperm` (threads outside every group must map to themselves). */
  permute(tperm: ArrayLike<number>): void;
  /** Thread permutations to test symmetry with: one transposition of neighbours per group pair. */
  readonly swaps: readonly Int32Array[];
  /** How many threads belong to a group. */
  readonly threads: number;
}

/** Builds the canonicaliser, or throws when the groups are malformed. */
export function makeCanon(p: SymmetryParts): Canon {
  const { spec, threads: T, stackWords: C, threadBase, width, frameSize, entitySlots, vals, buf, scratch } = p;
  let E = 0;
  for (const g of spec.groups) {
    if (g.threads.length !== g.blocks.length) throw new Error('symmetry: each thread of a group needs its block');
    const len = g.blocks[0]?.length ?? 0;
    for (const b of g.blocks) {
      if (b.length !== len) throw new Error('symmetry: the blocks of a group must be equally long');
      for (const e of b) E = Math.max(E, e + 1);
    }
    for (const t of g.threads) if (t < 0 || t >= T) throw new Error(`symmetry: no thread ${t}`);
  }
  // owner[e]: index of the thread owning entity e within its group (-1: shared); ownerGroup[e]: that group.
  const owner = new Int32Array(E).fill(-1);
  const ownerGroup = new Int32Array(E).fill(-1);
  const offset = new Int32Array(E);
  spec.groups.forEach((g, gi) => g.blocks.forEach((b, i) => b.forEach((e, k) => ((owner[e] = i), (ownerGroup[e] = gi), (offset[e] = k)))));
  const indexOf = new Int32Array(T).fill(-1);
  spec.groups.forEach((g) => g.threads.forEach((t, i) => (indexOf[t] = i)));
  const blocks = spec.groups.map((g) => g.blocks.map((b) => Int32Array.from(b)));
  const eperm = new Int32Array(E);
  const plan = p.plan;
  const W = plan.slots;
  // World slots outside every block: in slot order, the same in every renamed state.
  const shared: number[] = [];
  for (let s = 0; s < W; s++) {
    const e = plan.entity[s] as number;
    if (e < 0 || e >= E || owner[e] === -1) shared.push(s);
  }
  // The shared slots that say something of one thread, by kind (a thread's own slots of per-thread arrays apart).
  const pick = (k: number) => shared.filter((x) => plan.kind[x] === k);
  const maskSlots = Int32Array.from(pick(MASK));
  const tidSlots = Int32Array.from(pick(TID));
  const tidBase = Int32Array.from(pick(TID), (x) => plan.base[x] as number);
  const entSlots = Int32Array.from(pick(ENTITY));
  const threadSlots = Array.from({ length: T }, (_, t) => Int32Array.from(shared.filter((x) => plan.threadOf[x] === t)));
  // Per group thread: the COPY slots of its block's records that belong to no thread, in block order.
  const ownPlain = spec.groups.map((g) =>
    g.blocks.map((b) => {
      const out: number[] = [];
      for (const e of b) for (let s = 0; s < W; s++) if (plan.entity[s] === e && plan.kind[s] === COPY && plan.threadOf[s] === -1) out.push(s);
      return Int32Array.from(out);
    }),
  );
  const seq = new Int32Array(C * 2 + 4 * W + 8);
  /** isEnt[f][j]: slot j of a frame of function f (header included) holds an entity number. */
  const isEnt = entitySlots.map((ent, f) => {
    const a = new Uint8Array(frameSize[f] as number);
    for (let x = 0; x < ent.length; x++) a[3 + (ent[x] as number)] = 1;
    return a;
  });
  // buf's world and fault slots, and each thread's region, as views made once (renaming copies them whole).
  const bufHead = buf.subarray(0, threadBase);
  const bufThread = Array.from({ length: T }, (_, t) => buf.subarray(threadBase + t * C, threadBase + (t + 1) * C));
  const sig = new Int32Array(2);

  /** Entity number v as thread i of group g sees it: its own k-th, another thread's k-th, or itself. */
  const relEntity = (v: number, g: number, i: number): number =>
    v >= 0 && v < E && owner[v] !== -1 ? (ownerGroup[v] === g && owner[v] === i ? -1000 - (offset[v] as number) : -2000 - (offset[v] as number)) : v;

  /**
   * Signature of thread t (index i of group g) into sh[2i], sh[2i+1]: its call
   * stack, what the shared world says of it (its bits, its slots, whether it
   * holds an id), and its own block's plain fields, every entity relative to
   * it. Renaming the threads does not change a thread's signature. (The
   * masks and thread slots inside its block are left out: with them the
   * search stored more states than there are orbits, a renaming they miss
   * that was not found; symmetry-orbits.test.ts checks the count.)
   */
  const signature = (b: Int16Array, t: number, g: number, i: number, sh: Int32Array) => {
    const base = threadBase + t * C;
    const sp = b[base] as number;
    let n = 0;
    seq[n++] = sp;
    let off = base + 1;
    for (let k = 0; k < sp; k++) {
      const f = (b[off] as number) - 1;
      const size = frameSize[f] as number;
      const ent = isEnt[f] as Uint8Array;
      for (let j = 0; j < size; j++) {
        let w = b[off + j] as number;
        if (w !== 0 && ent[j] === 1) {
          const v = vals[w];
          if (typeof v === 'number') w = relEntity(v, g, i);
        }
        seq[n++] = w;
      }
      off += size;
    }
    for (let x = 0; x < maskSlots.length; x++) seq[n++] = ((b[maskSlots[x] as number] as number) >>> t) & 1;
    for (let x = 0; x < tidSlots.length; x++) seq[n++] = b[tidSlots[x] as number] === (tidBase[x] as number) + t ? 1 : 0;
    for (let x = 0; x < entSlots.length; x++) {
      const r = relEntity(b[entSlots[x] as number] as number, g, i);
      seq[n++] = r < -999 ? r : 0;
    }
    const mine = threadSlots[t] as Int32Array;
    for (let x = 0; x < mine.length; x++) seq[n++] = b[mine[x] as number] as number;
    // Its own block's plain fields, block entity by block entity (the same order for every thread).
    const own = (ownPlain[g] as Int32Array[])[i] as Int32Array;
    for (let x = 0; x < own.length; x++) seq[n++] = b[own[x] as number] as number;
    hashWords(seq, n, sig);
    sh[2 * i] = sig[0] as number;
    sh[2 * i + 1] = sig[1] as number;
  };

  /**
   * Orders threads t and u of b by their control (each frame's function, step
   * and return slot, from the bottom frame up; a stack that is a prefix of the
   * other first): negative, 0 (equal controls) or positive. Renaming leaves
   * controls alone, and a step moves one thread's control a little, so sorting
   * by it first keeps most successors in src's order (no renaming).
   */
  const control = (b: Int16Array, t: number, u: number): number => {
    let ot = threadBase + t * C;
    let ou = threadBase + u * C;
    const st = b[ot] as number;
    const su = b[ou] as number;
    const n = st < su ? st : su;
    ot++;
    ou++;
    for (let k = 0; k < n; k++) {
      const f = b[ot] as number;
      let d = f - (b[ou] as number);
      if (d !== 0) return d;
      d = (b[ot + 1] as number) - (b[ou + 1] as number);
      if (d !== 0) return d;
      d = (b[ot + 2] as number) - (b[ou + 2] as number);
      if (d !== 0) return d;
      const size = frameSize[f - 1] as number;
      ot += size;
      ou += size;
    }
    return st - su;
  };

  const entCodes = new Int32Array(E).fill(-1);
  /** The interned code of entity number e (cached: codes keep their meaning for the whole search). */
  const entityCode = (e: number): number => {
    let c = entCodes[e] as number;
    if (c < 0) entCodes[e] = c = p.code(e);
    return c;
  };

  /** eperm := the entity renaming that goes with thread renaming tperm (each group thread's block moves with it). */
  const epermOf = (tperm: ArrayLike<number>) => {
    for (let e = 0; e < E; e++) eperm[e] = e;
    for (let g = 0; g < blocks.length; g++) {
      const bs = blocks[g] as Int32Array[];
      const ts = spec.groups[g]?.threads as readonly number[];
      for (let i = 0; i < ts.length; i++) {
        const j = indexOf[tperm[ts[i] as number] as number] as number;
        const from = bs[i] as Int32Array;
        const to = bs[j] as Int32Array;
        for (let k = 0; k < from.length; k++) eperm[from[k] as number] = to[k] as number;
      }
    }
  };

  /** scratch := buf renamed by tperm (eperm derived from it). */
  const renameInto = (tperm: ArrayLike<number>) => {
    epermOf(tperm);
    // The world as it is, then the slots a renaming changes; the fault slot is copied.
    scratch.set(bufHead);
    plan.applyMoving(buf, scratch, tperm, eperm);
    for (let t = 0; t < T; t++) {
      const from = threadBase + t * C;
      const to = threadBase + (tperm[t] as number) * C;
      // The whole region (slots past the top frame are 0), then the entity-valued locals renamed.
      scratch.set(bufThread[t] as Int16Array, to);
      const sp = buf[from] as number;
      let off = 1;
      for (let k = 0; k < sp; k++) {
        const f = (buf[from + off] as number) - 1;
        const ent = entitySlots[f] as Int32Array;
        for (let x = 0; x < ent.length; x++) {
          const j = off + 3 + (ent[x] as number);
          const c = buf[from + j] as number;
          if (c === 0) continue;
          const v = vals[c];
          if (typeof v === 'number' && v >= 0 && v < E) scratch[to + j] = entityCode(eperm[v] as number);
        }
        off += frameSize[f] as number;
      }
    }
  };

  /**
   * True when renaming buf by tperm gives buf again: its world slots (plan.fixedBy) and every thread region, which
   * goes whole to tperm[t]'s place with its entity-valued locals renamed.
   */
  const fixedBy = (tperm: ArrayLike<number>): boolean => {
    epermOf(tperm);
    if (!plan.fixedBy(buf, tperm, eperm)) return false;
    for (let t = 0; t < T; t++) {
      const from = threadBase + t * C;
      const to = threadBase + (tperm[t] as number) * C;
      const sp = buf[from] as number;
      if (buf[to] !== sp) return false;
      // Frame by frame (past the top frame both regions are 0: the frames agree word for word, sizes included).
      let off = 1;
      for (let k = 0; k < sp; k++) {
        const f = (buf[from + off] as number) - 1;
        const size = frameSize[f] as number;
        const ent = isEnt[f] as Uint8Array;
        for (let j = 0; j < size; j++) {
          let w = buf[from + off + j] as number;
          if (w !== 0 && ent[j] === 1) {
            const v = vals[w];
            if (typeof v === 'number' && v >= 0 && v < E) w = entityCode(eperm[v] as number);
          }
          if (w !== buf[to + off + j]) return false;
        }
        off += size;
      }
    }
    return true;
  };

  const G = spec.groups.length;
  const swap = new Int32Array(T);
  const inv = new Int32Array(T);
  /** True when every tie's neighbours (in buf's numbering: the threads base sends to the tie's places) can swap leaving buf as it is. */
  const tiesFixed = (): boolean => {
    for (let t = 0; t < T; t++) inv[base[t] as number] = t;
    for (const tie of ties) {
      for (let m = 0; m + 1 < tie.length; m++) {
        const x = inv[tie[m] as number] as number;
        const y = inv[tie[m + 1] as number] as number;
        for (let t = 0; t < T; t++) swap[t] = t;
        swap[x] = y;
        swap[y] = x;
        if (!fixedBy(swap)) return false;
      }
    }
    return true;
  };
  const sigs = spec.groups.map((g) => new Int32Array(g.threads.length * 2));
  const orders = spec.groups.map((g) => g.threads.map((_, i) => i));
  const best = new Int16Array(width);
  const tp = new Int32Array(T);
  const base = new Int32Array(T);
  const slot = new Int32Array(T);
  const ties: number[][] = [];
  const identity = (tperm: Int32Array) => {
    for (let t = 0; t < T; t++) tperm[t] = t;
  };

  /**
   * Sorts order[j..k) (threads of group g with equal controls) by signature,
   * and records each run of equal signatures, by its places, as a tie.
   */
  const sortRun = (g: number, order: number[], j: number, k: number, sh: Int32Array) => {
    const ts = (spec.groups[g] as SymmetrySpec['groups'][number]).threads;
    for (let m = j; m < k; m++) {
      const i = order[m] as number;
      signature(buf, ts[i] as number, g, i, sh);
    }
    for (let m = j + 1; m < k; m++) {
      const i = order[m] as number;
      const h0 = sh[2 * i] as number;
      const h1 = sh[2 * i + 1] as number;
      let x = m;
      for (; x > j; x--) {
        const a = order[x - 1] as number;
        const a0 = sh[2 * a] as number;
        if (a0 < h0 || (a0 === h0 && (sh[2 * a + 1] as number) <= h1)) break;
        order[x] = a;
      }
      order[x] = i;
    }
    for (let m = j; m < k; ) {
      let q = m + 1;
      const a = order[m] as number;
      while (q < k && sh[2 * (order[q] as number)] === sh[2 * a] && sh[2 * (order[q] as number) + 1] === sh[2 * a + 1]) q++;
      if (q - m > 1) ties.push(ts.slice(m, q) as number[]);
      m = q;
    }
  };

  /** True when a < b lexicographically. */
  const less = (a: Int16Array, b: Int16Array) => {
    for (let i = 0; i < width; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
    return false;
  };

  return {
    threads: spec.groups.reduce((n, g) => n + g.threads.length, 0),
    swaps: spec.groups.flatMap((g) =>
      g.threads.slice(1).map((t, i) => {
        const s = Int32Array.from({ length: T }, (_, x) => x);
        const u = g.threads[i] as number;
        s[u] = t;
        s[t] = u;
        return s;
      }),
    ),
    permute(tperm) {
      renameInto(tperm);
      buf.set(scratch);
    },
    canon(tperm) {
      identity(tperm);
      let moved = false;
      ties.length = 0;
      for (let g = 0; g < G; g++) {
        const grp = spec.groups[g] as SymmetrySpec['groups'][number];
        const ts = grp.threads;
        const sh = sigs[g] as Int32Array;
        const order = orders[g] as number[];
        const n = order.length;
        // Insertion sort by control (then by place): a handful of threads.
        for (let i = 0; i < n; i++) {
          const ti = ts[i] as number;
          let j = i;
          for (; j > 0; j--) {
            const a = order[j - 1] as number;
            if (control(buf, ts[a] as number, ti) <= 0) break;
            order[j] = a;
          }
          order[j] = i;
        }
        // Each run of equal controls, by signature; equal signatures make a tie.
        for (let j = 0; j < n; ) {
          let k = j + 1;
          while (k < n && control(buf, ts[order[j] as number] as number, ts[order[k] as number] as number) === 0) k++;
          if (k - j > 1) sortRun(g, order, j, k, sh);
          j = k;
        }
        // Sorted position j gets the thread in place j of the group.
        for (let j = 0; j < n; j++) {
          const i = order[j] as number;
          tperm[ts[i] as number] = ts[j] as number;
          if (i !== j) moved = true;
        }
      }
      // Tied threads whose swaps leave buf as it is (the usual case: threads in the same place, nothing telling them
      // apart) give the same vector in every arrangement: the sorted one stands. Swapping neighbours of a tie
      // generates all its arrangements.
      if (ties.length > 0) base.set(tperm);
      if (ties.length === 0 || tiesFixed()) {
        if (!moved) return false;
        renameInto(tperm);
        buf.set(scratch);
        return true;
      }
      // Otherwise try every arrangement of each tie (after the sort) and keep the least vector.
      let count = 1;
      for (const tie of ties) count *= (indexPerms(tie.length) as number[][]).length;
      if (count > 120) count = 1;
      let have = false;
      for (let c = 0; c < count; c++) {
        let r = c;
        for (let t = 0; t < T; t++) slot[t] = t;
        // base sends thread x to slot base[x]; an arrangement then moves slot tie[m] to slot tie[perm[m]].
        for (const tie of ties) {
          const perms = indexPerms(tie.length) as number[][];
          const perm = perms[r % perms.length] as number[];
          r = Math.floor(r / perms.length);
          for (let m = 0; m < tie.length; m++) slot[tie[m] as number] = tie[perm[m] as number] as number;
        }
        for (let t = 0; t < T; t++) tp[t] = slot[base[t] as number] as number;
        renameInto(tp);
        if (!have || less(scratch, best)) {
          best.set(scratch);
          tperm.set(tp);
          have = true;
        }
      }
      let same = true;
      for (let t = 0; t < T; t++) if (tperm[t] !== t) same = false;
      if (same) return false;
      buf.set(best);
      return true;
    },
  };
}

/** Every ordering of `xs` (small lists). */
function permutations(xs: readonly number[]): number[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: number[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

const PERMS: number[][][] = [];
/** Every ordering of 0..k-1 (cached). */
function indexPerms(k: number): number[][] {
  return (PERMS[k] ??= permutations(Array.from({ length: k }, (_, i) => i)));
}
