/**
 * Unit tests of the canonical form of the symmetry reduction
 * (checker/packed/symmetry.ts) on hand-made packed vectors, without a
 * program: a small world of thread ids, masks, an entity id, a per-thread
 * array and entity records, and call stacks of two functions. Every expected
 * vector, permutation and signature below is worked out by hand; a
 * signature is checked through the order it gives (its 64-bit hash, computed
 * here with hashWords from the words the signature should read).
 */
import test, { type ExecutionContext } from 'ava';
import { makeCanon } from '../../checker/packed/symmetry.ts';
import { slotPlan } from '../../checker/packed/renaming.ts';
import { shapeOf } from '../../checker/packed/world-view.ts';
import { Interner } from '../../checker/packed/codec.ts';
import { hashWords } from '../../checker/packed/visited.ts';
import type { SymmetrySpec } from '../../checker/program/index.ts';

/** Stack words per thread (by default): sp, then a `main` frame (5 words) and a `sub` frame (4). */
const STACK = 10;
/** Frame sizes: main = [fn+1, pc, ret, p, q] (p names an entity, q does not), sub = [fn+1, pc, ret, r] (r names an entity). */
const FRAME = Int32Array.from([5, 4]);
const ENT_SLOTS = [Int32Array.from([0]), Int32Array.from([0])];
const MAIN = 0;
const SUB = 1;

/** A frame: function, pc, ret word, then its locals as values (interned; undefined is 0). */
type Frame = readonly [fn: number, pc: number, ret: number, ...locals: unknown[]];

interface State {
  owner?: number;
  waker?: number;
  held?: number;
  pick?: number;
  turn?: readonly number[];
  /** Entity e's record [v, m] (default [0, 0]). */
  pages?: Readonly<Record<number, readonly [number, number]>>;
  g?: number;
  fault?: number;
  /** Thread t's frames, bottom first (default: none). */
  stacks?: Readonly<Record<number, readonly Frame[]>>;
}

/**
 * A layout of `T` threads and `P` entities. World slots: owner 0 (thread id), waker 1 (10 + thread id),
 * held 2 (mask), pick 3 (entity id), turn 4..4+T-1 (per thread), then entity e's v at 4+T+2e and its m
 * (a mask) at 5+T+2e, then g; the fault slot after the world, then the threads' regions.
 */
function rig(T: number, P: number, groups: SymmetrySpec['groups'], C = STACK) {
  const world = { owner: -1, waker: -1, held: 0, pick: -1, turn: new Array<number>(T).fill(0), pages: Array.from({ length: P }, () => ({ v: 0, m: 0 })), g: 0 };
  const { shape, next: W } = shapeOf(world);
  const threadBase = W + 1;
  const width = (threadBase + T * C + 1) & ~1;
  const intern = new Interner();
  // Entity e has code e + 1, -1 code 9 and 'x' code 10 (interned in that order before anything else).
  for (let e = 0; e < 8; e++) intern.code(e);
  intern.code(-1);
  intern.code('x');
  const spec: SymmetrySpec = {
    groups,
    entityLocals: ['p', 'r'],
    world: { entities: 'pages', threadMasks: ['held', 'pages/*/m'], threadIds: [{ path: 'owner' }, { path: 'waker', base: 10 }], entityIds: ['pick'], threadArrays: [{ path: 'turn', offset: 0 }] },
  };
  const buf = new Int16Array(width);
  const canon = makeCanon({
    spec,
    plan: slotPlan(shape, W, spec.world, T),
    worldSlots: W,
    threads: T,
    stackWords: C,
    threadBase,
    width,
    frameSize: FRAME,
    entitySlots: ENT_SLOTS,
    vals: intern.vals,
    code: (v) => intern.code(v),
    buf,
    scratch: new Int16Array(width),
  });
  const pageSlot = (e: number) => 4 + T + 2 * e;
  /** The vector of state `s`. */
  const vec = (s: State): Int16Array => {
    const b = new Int16Array(width);
    b[0] = s.owner ?? -1;
    b[1] = s.waker ?? -1;
    b[2] = s.held ?? 0;
    b[3] = s.pick ?? -1;
    (s.turn ?? []).forEach((v, t) => (b[4 + t] = v));
    for (const [e, [v, m]] of Object.entries(s.pages ?? {})) {
      b[pageSlot(Number(e))] = v;
      b[pageSlot(Number(e)) + 1] = m;
    }
    b[W - 1] = s.g ?? 0;
    b[W] = s.fault ?? 0;
    for (const [t, frames] of Object.entries(s.stacks ?? {})) {
      const at = threadBase + Number(t) * C;
      b[at] = frames.length;
      let off = at + 1;
      for (const [fn, pc, ret, ...locals] of frames) {
        b[off] = fn + 1;
        b[off + 1] = pc;
        b[off + 2] = ret;
        locals.forEach((l, j) => (b[off + 3 + j] = intern.code(l)));
        off += FRAME[fn] as number;
      }
    }
    return b;
  };
  /** buf := v; canon; the result, the permutation and whether it said something moved. */
  const run = (v: Int16Array) => {
    buf.set(v);
    const tperm = new Int32Array(T);
    const moved = canon.canon(tperm);
    return { moved, tperm: [...tperm], out: buf.slice() };
  };
  /** v renamed by tperm. */
  const permuted = (v: Int16Array, tperm: readonly number[]) => {
    buf.set(v);
    canon.permute(tperm);
    return buf.slice();
  };
  return { canon, vec, run, permuted, width, threadBase, W, pageSlot, buf };
}

/** Every ordering of xs. */
const orderings = (xs: readonly number[]): number[][] =>
  xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => orderings(xs.filter((_, j) => j !== i)).map((r) => [x, ...r]));

/** Thread permutations of `T` threads that reorder `group` by every ordering. */
const groupPerms = (T: number, group: readonly number[]) =>
  orderings(group).map((o) => {
    const p = Array.from({ length: T }, (_, t) => t);
    group.forEach((t, i) => (p[t] = o[i] as number));
    return p;
  });

/**
 * A thread's control as its signature words start: sp, then per frame from the bottom its function (+1), pc and
 * return word, skipping the frame's locals (`size(fn)` words a frame, header included).
 */
function controlOf(w: readonly number[], size: (fn: number) => number): number[][] {
  const out: number[][] = [];
  let off = 1;
  for (let k = 0; k < (w[0] as number); k++) {
    out.push([w[off] as number, w[off + 1] as number, w[off + 2] as number]);
    off += size((w[off] as number) - 1);
  }
  return out;
}

/** Controls compared as canon does: frame by frame from the bottom, a stack that is a prefix of the other first. */
function controlCmp(a: readonly number[][], b: readonly number[][]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    for (let x = 0; x < 3; x++) {
      const d = (a[k]![x] as number) - (b[k]![x] as number);
      if (d !== 0) return d;
    }
  }
  return a.length - b.length;
}

/**
 * The permutation canon should choose when the group's threads have these signature words (no two equal): sorted by
 * control (the stack's frame headers, read off the words with frame sizes `size`), then by the signature's hash.
 */
function orderBy(group: readonly number[], T: number, words: readonly (readonly number[])[], size: (fn: number) => number = (fn) => FRAME[fn] as number): number[] {
  const h = words.map((w) => {
    const out = new Int32Array(2);
    hashWords(Int32Array.from(w), w.length, out);
    return [out[0] as number, out[1] as number] as const;
  });
  const c = words.map((w) => controlOf(w, size));
  const order = group.map((_, i) => i).sort((a, b) => controlCmp(c[a]!, c[b]!) || h[a]![0] - h[b]![0] || h[a]![1] - h[b]![1] || a - b);
  const tperm = Array.from({ length: T }, (_, t) => t);
  order.forEach((i, j) => (tperm[group[i] as number] = group[j] as number));
  return tperm;
}

// The main layout: 4 threads, threads 0-2 interchangeable with blocks [0,1], [2,3], [5,6]; entity 4 in no block
// (below E = 7), entity 7 past every block; thread 3 in no group.
const G3 = [{ threads: [0, 1, 2], blocks: [[0, 1], [2, 3], [5, 6]] }];
const BLOCK = [[0, 1], [2, 3], [5, 6]] as const;
/** Thread i at the start of main with p = its own first entity. */
const start = (i: number): Frame[] => [[MAIN, 0, 0, BLOCK[i]![0], undefined]];
const starts = { 0: start(0), 1: start(1), 2: start(2) };

/**
 * The words thread i's signature reads in the main layout: sp and its frames (entity locals as "my k-th" -1000-k,
 * "another's k-th" -2000-k, other entities as themselves), its bit in held, pages/4/m and pages/7/m, whether
 * owner and waker name it, pick relative to it (0 unless in a group block), its turn, and its own block's v fields.
 */
function words(o: { stack?: number[]; bits?: [number, number, number]; owner?: 0 | 1; waker?: 0 | 1; pick?: number; turn?: number; own?: [number, number] }): number[] {
  return [...(o.stack ?? [1, 1, 0, 0, -1000, 0]), ...(o.bits ?? [0, 0, 0]), o.owner ?? 0, o.waker ?? 0, o.pick ?? 0, o.turn ?? 0, ...(o.own ?? [0, 0])];
}

test('makeCanon refuses a group with more threads than blocks', (t) => {
  const e = t.throws(() => rig(3, 4, [{ threads: [0, 1, 2], blocks: [[0], [1]] }]));
  t.is(e?.message, 'symmetry: each thread of a group needs its block');
});

test('makeCanon refuses blocks of different lengths in a group', (t) => {
  const e = t.throws(() => rig(3, 4, [{ threads: [0, 1], blocks: [[0, 1], [2]] }]));
  t.is(e?.message, 'symmetry: the blocks of a group must be equally long');
  // A later group may have other lengths.
  t.notThrows(() => rig(4, 6, [{ threads: [0, 1], blocks: [[0, 1], [2, 3]] }, { threads: [2, 3], blocks: [[4], [5]] }]));
});

test('makeCanon refuses a thread number below 0 or past the last thread', (t) => {
  t.is(t.throws(() => rig(3, 4, [{ threads: [0, 3], blocks: [[0], [1]] }]))?.message, 'symmetry: no thread 3');
  t.is(t.throws(() => rig(3, 4, [{ threads: [-1, 1], blocks: [[0], [1]] }]))?.message, 'symmetry: no thread -1');
  t.notThrows(() => rig(3, 4, [{ threads: [0, 2], blocks: [[0], [1]] }]));
});

test('threads counts the members of every group; swaps are one neighbour transposition per pair in a group', (t) => {
  const one = rig(4, 8, G3).canon;
  t.is(one.threads, 3);
  t.deepEqual(one.swaps.map((s) => [...s]), [
    [1, 0, 2, 3],
    [0, 2, 1, 3],
  ]);
  const two = rig(5, 8, [
    { threads: [3, 1], blocks: [[6], [7]] },
    { threads: [4, 0, 2], blocks: [[0], [1], [2]] },
  ]).canon;
  t.is(two.threads, 5);
  t.deepEqual(two.swaps.map((s) => [...s]), [
    [0, 3, 2, 1, 4],
    [4, 1, 2, 3, 0],
    [2, 1, 0, 3, 4],
  ]);
  // A group of one thread swaps nothing.
  t.deepEqual(rig(2, 2, [{ threads: [1], blocks: [[0]] }]).canon.swaps, []);
});

test('permute renames thread ids, masks, entity ids and per-thread arrays, moves records and stacks, copies the fault', (t) => {
  const r = rig(4, 8, G3);
  const before = r.vec({
    owner: 1,
    waker: 12,
    held: 0b0110,
    pick: 2,
    turn: [5, 6, 7, 8],
    pages: { 0: [10, 0b001], 1: [11, 0], 2: [12, 0b010], 3: [13, 0], 4: [14, 0b100], 5: [15, 0b100], 6: [16, 0b1000], 7: [17, 0b1001] },
    g: 9,
    fault: 3,
    stacks: {
      0: [[MAIN, 1, 0, 3, 5]],
      1: [
        [MAIN, 2, 0, 0, 'x'],
        [SUB, 0, 7, 4],
      ],
      3: [[MAIN, 0, 0, 5, -1]],
      2: [[SUB, 1, 0, 'x']],
    },
  });
  // tperm: 0 -> 1, 1 -> 2, 2 -> 0; so entities 0,1 -> 2,3; 2,3 -> 5,6; 5,6 -> 0,1; 4 and 7 stay.
  const after = r.permuted(before, [1, 2, 0, 3]);
  const expected = r.vec({
    owner: 2,
    waker: 10,
    held: 0b0101,
    pick: 5,
    turn: [7, 5, 6, 8],
    pages: { 2: [10, 0b010], 3: [11, 0], 5: [12, 0b100], 6: [13, 0], 4: [14, 0b001], 0: [15, 0b001], 1: [16, 0b1000], 7: [17, 0b1010] },
    g: 9,
    fault: 3,
    stacks: {
      1: [[MAIN, 1, 0, 6, 5]],
      2: [
        [MAIN, 2, 0, 2, 'x'],
        [SUB, 0, 7, 4],
      ],
      3: [[MAIN, 0, 0, 0, -1]],
      0: [[SUB, 1, 0, 'x']],
    },
  });
  t.deepEqual([...after], [...expected]);
});

test('permute of an entity local: -1, null, true, a string, an entity past every block and the empty local stay as they are', (t) => {
  const r = rig(4, 8, G3);
  const before = r.vec({ stacks: { 0: [[MAIN, 0, 0, -1, 0]], 1: [[MAIN, 0, 0, 'x', 3], [SUB, 0, 0, null]], 2: [[MAIN, 0, 0, 7, 0], [SUB, 0, 0, undefined]], 3: [[MAIN, 0, 0, true, 0]] } });
  const after = r.permuted(before, [2, 0, 1, 3]);
  const expected = r.vec({ stacks: { 2: [[MAIN, 0, 0, -1, 0]], 0: [[MAIN, 0, 0, 'x', 3], [SUB, 0, 0, null]], 1: [[MAIN, 0, 0, 7, 0], [SUB, 0, 0, undefined]], 3: [[MAIN, 0, 0, true, 0]] } });
  t.deepEqual([...after], [...expected]);
});

test('permute writes every word of a thread region afresh: nothing is left from the state renamed before', (t) => {
  const r = rig(4, 8, G3);
  r.permuted(r.vec({ stacks: { 0: [[MAIN, 1, 0, 0, 1], [SUB, 2, 3, 1]], 1: [[MAIN, 1, 0, 2, 1], [SUB, 2, 3, 3]] } }), [1, 0, 2, 3]);
  const small = r.vec({ stacks: { 2: [[MAIN, 1, 0, 5, 1]] } });
  t.deepEqual([...r.permuted(small, [1, 0, 2, 3])], [...small]);
});

test('the identity permutation leaves a state as it is', (t) => {
  const r = rig(4, 8, G3);
  const s = r.vec({ owner: 2, held: 0b101, pick: 3, turn: [1, 2, 3, 4], pages: { 0: [1, 2], 6: [3, 4] }, fault: 7, stacks: { 0: start(0), 2: [[SUB, 3, 0, 6]] } });
  t.deepEqual([...r.permuted(s, [0, 1, 2, 3])], [...s]);
});

type Words = Parameters<typeof words>[0];
/**
 * For each salt k (every group thread's turn = k: a word every signature reads alike), canon orders the threads of
 * `s` as the hashes of their words `ws` say. A signature that read something else would give each salt an order of
 * its own: five salts make a chance agreement unlikely (1 in 6^5).
 */
function ordersAsWords(t: ExecutionContext, r: ReturnType<typeof rig>, s: State, ws: readonly Words[]) {
  for (const k of [0, 1, 2, 3, 4]) {
    const v = r.vec({ ...s, turn: [k, k, k, 0] });
    const expected = orderBy([0, 1, 2], 4, ws.map((o) => words({ ...o, turn: k })));
    const got = r.run(v);
    t.deepEqual(got.tperm, expected, `salt ${k}`);
    t.deepEqual([...got.out], [...r.permuted(v, expected)], `salt ${k}`);
  }
}

test('canon: three threads that differ in pc and depth only are ordered by their control', (t) => {
  const r = rig(4, 8, G3);
  ordersAsWords(t, r, { stacks: { 0: [[MAIN, 0, 0, 0, undefined]], 1: [[MAIN, 1, 0, 2, undefined]], 2: [[MAIN, 0, 0, 5, undefined], [SUB, 2, 4, 'x']] } }, [
    { stack: [1, 1, 0, 0, -1000, 0] },
    { stack: [1, 1, 1, 0, -1000, 0] },
    { stack: [2, 1, 0, 0, -1000, 0, 2, 2, 4, 10] },
  ]);
});

test('canon: control decides before the signature: the lower pc of the bottom frame first, then a stack that is a prefix of the other', (t) => {
  const r = rig(4, 8, G3);
  // Thread 0 at main pc 2; thread 1 at main pc 1 inside sub pc 5; thread 2 at main pc 1. Sorted: 2 (a prefix of 1), 1, 0.
  const s = r.vec({ stacks: { 0: [[MAIN, 2, 0, 0, undefined]], 1: [[MAIN, 1, 0, 2, undefined], [SUB, 5, 0, undefined]], 2: [[MAIN, 1, 0, 5, undefined]] } });
  const got = r.run(s);
  t.deepEqual(got.tperm, [2, 1, 0, 3]);
  t.true(got.moved);
  // Already in that order: nothing moves.
  t.false(r.run(got.out).moved);
  // Same function and pc, other return slots: the lower return slot first (thread 1, then 0, then 2).
  const rets = r.vec({ stacks: { 0: [[MAIN, 1, 5, 0, undefined]], 1: [[MAIN, 1, 2, 2, undefined]], 2: [[MAIN, 1, 9, 5, undefined]] } });
  t.deepEqual(r.run(rets).tperm, [1, 0, 2, 3]);
});

test("canon: a signature writes entity locals relative to the thread (mine, another's, none), and reads them only in entity slots", (t) => {
  const r = rig(4, 8, G3);
  // Thread 0: p = its own 2nd entity, q = 2 (a plain number). Thread 1: p = thread 0's first entity. Thread 2: p = its own
  // first, then a sub frame whose r is entity 4 (in no block), and no deeper frame; thread 2 also has -1 in q.
  ordersAsWords(t, r, { stacks: { 0: [[MAIN, 0, 0, 1, 2]], 1: [[MAIN, 0, 0, 0, undefined]], 2: [[MAIN, 0, 0, 5, -1], [SUB, 0, 0, 4]] } }, [
    { stack: [1, 1, 0, 0, -1001, 3] },
    { stack: [1, 1, 0, 0, -2000, 0] },
    { stack: [2, 1, 0, 0, -1000, 9, 2, 0, 0, 4] },
  ]);
  // -1, a string, and an entity past every block stand as themselves (-1, the string's code, 7).
  ordersAsWords(t, r, { stacks: { 0: [[MAIN, 0, 0, -1, undefined]], 1: [[MAIN, 0, 0, 'x', undefined]], 2: [[MAIN, 0, 0, 7, undefined]] } }, [
    { stack: [1, 1, 0, 0, -1, 0] },
    { stack: [1, 1, 0, 0, 10, 0] },
    { stack: [1, 1, 0, 0, 7, 0] },
  ]);
  // Thread 1 points at thread 2's second entity, thread 2 at thread 0's second, thread 0 at thread 1's first (from a sub frame).
  ordersAsWords(t, r, { stacks: { 0: [[MAIN, 0, 0, 0, undefined], [SUB, 1, 0, 2]], 1: [[MAIN, 0, 0, 6, undefined]], 2: [[MAIN, 0, 0, 1, undefined]] } }, [
    { stack: [2, 1, 0, 0, -1000, 0, 2, 1, 0, -2000] },
    { stack: [1, 1, 0, 0, -2001, 0] },
    { stack: [1, 1, 0, 0, -2001, 0] },
  ]);
});

test('canon: a signature reads its thread bit of every mask outside the blocks (held, pages/4/m, pages/7/m)', (t) => {
  const r = rig(4, 8, G3);
  ordersAsWords(t, r, { held: 0b1101, pages: { 4: [0, 0b0110], 7: [0, 0b0011] }, stacks: starts }, [{ bits: [1, 0, 1] }, { bits: [0, 1, 1] }, { bits: [1, 1, 0] }]);
  ordersAsWords(t, r, { held: 0b0010, pages: { 4: [0, 0b0100] }, stacks: starts }, [{}, { bits: [1, 0, 0] }, { bits: [0, 1, 0] }]);
});

test('canon: a signature reads whether each thread-id field names the thread (with its base)', (t) => {
  const r = rig(4, 8, G3);
  ordersAsWords(t, r, { owner: 2, waker: 11, stacks: starts }, [{}, { waker: 1 }, { owner: 1 }]);
  ordersAsWords(t, r, { owner: 0, waker: 12, stacks: starts }, [{ owner: 1 }, {}, { waker: 1 }]);
});

test("canon: a signature reads an entity-id field as the thread sees it: mine, another's, or nothing", (t) => {
  const r = rig(4, 8, G3);
  // pick = 3: thread 1's second entity.
  ordersAsWords(t, r, { pick: 3, stacks: starts }, [{ pick: -2001 }, { pick: -1001 }, { pick: -2001 }]);
  // pick = 5: thread 2's first.
  ordersAsWords(t, r, { pick: 5, stacks: starts }, [{ pick: -2000 }, { pick: -2000 }, { pick: -1000 }]);
  // pick = 4 (in no block) and 7 (past every block) say nothing of any thread: a tie, settled by the least vector.
  for (const pick of [4, 7]) t.false(r.run(r.vec({ pick, stacks: starts })).moved);
});

test('canon: a signature reads its own slot of a per-thread array', (t) => {
  const r = rig(4, 8, G3);
  // Salted by the own blocks' first v (the same for every thread).
  for (const k of [0, 1, 2, 3, 4]) {
    const s = r.vec({ turn: [3, 1, 2, 9], pages: { 0: [k, 0], 2: [k, 0], 5: [k, 0] }, stacks: starts });
    t.deepEqual(r.run(s).tperm, orderBy([0, 1, 2], 4, [words({ turn: 3, own: [k, 0] }), words({ turn: 1, own: [k, 0] }), words({ turn: 2, own: [k, 0] })]), `salt ${k}`);
  }
});

test("canon: a signature reads its own block's plain fields, in block order", (t) => {
  const r = rig(4, 8, G3);
  ordersAsWords(t, r, { pages: { 0: [4, 0], 1: [0, 0], 3: [4, 0], 5: [1, 0], 6: [2, 0] }, stacks: starts }, [{ own: [4, 0] }, { own: [0, 4] }, { own: [1, 2] }]);
});

test('canon: the canonical form is the same for every renaming of a state, and canon of it moves nothing', (t) => {
  const r = rig(4, 8, G3);
  const s = r.vec({
    owner: 1,
    waker: 10,
    held: 0b1011,
    pick: 6,
    turn: [2, 2, 0, 5],
    pages: { 0: [1, 0b100], 2: [1, 0], 3: [0, 0b001], 4: [3, 0b010], 6: [1, 0], 7: [0, 0b1100] },
    g: 4,
    fault: 1,
    stacks: { 0: [[MAIN, 1, 0, 0, 2]], 1: [[MAIN, 1, 0, 2, 2], [SUB, 0, 1, 1]], 2: [[MAIN, 2, 0, 3, 'x']], 3: [[MAIN, 0, 0, 5, undefined]] },
  });
  const forms = new Set<string>();
  for (const p of groupPerms(4, [0, 1, 2])) forms.add(r.run(r.permuted(s, p)).out.join(','));
  t.is(forms.size, 1);
  const c = Int16Array.from([...forms][0]!.split(',').map(Number));
  const again = r.run(c);
  t.false(again.moved);
  t.deepEqual(again.tperm, [0, 1, 2, 3]);
  t.deepEqual([...again.out], [...c]);
});

test('canon: a group listed out of order ([2, 0, 1]) still gives one form per class', (t) => {
  const r = rig(4, 8, [{ threads: [2, 0, 1], blocks: [[5, 6], [0, 1], [2, 3]] }]);
  const s = r.vec({ owner: 0, held: 0b010, pages: { 5: [2, 0b001], 0: [1, 0] }, stacks: { 0: [[MAIN, 1, 0, 0, 1]], 1: [[MAIN, 0, 0, 2, 1]], 2: [[MAIN, 0, 0, 5, 1]] } });
  const forms = new Set<string>();
  for (const p of groupPerms(4, [0, 1, 2])) forms.add(r.run(r.permuted(s, p)).out.join(','));
  t.is(forms.size, 1);
});

test('canon: moved threads are reported with their permutation, and the vector is the renamed one', (t) => {
  const r = rig(4, 8, G3);
  // Threads 0 and 2 differ in pc; which goes first is the hash's choice, and one of s and its swap must move.
  const s = r.vec({ stacks: { 0: [[MAIN, 1, 0, 0, undefined]], 1: start(1), 2: start(2) } });
  const a = r.run(s);
  const b = r.run(r.permuted(s, [2, 1, 0, 3]));
  t.deepEqual([...a.out], [...b.out]);
  t.not(a.moved, b.moved);
  const moved = a.moved ? a : b;
  t.notDeepEqual(moved.tperm, [0, 1, 2, 3]);
  const still = a.moved ? b : a;
  t.deepEqual(still.tperm, [0, 1, 2, 3]);
  t.deepEqual([...still.out], [...(a.moved ? r.permuted(s, [2, 1, 0, 3]) : s)]);
});

test('canon: threads with equal signatures are tried in every arrangement and the least vector is kept', (t) => {
  const r = rig(4, 8, G3);
  // Every thread at its start; only thread 0's first page marks thread 1 (a mask inside a block, not in any signature).
  // The least vector has 0 in pages/0/m and pages/2/m (so thread 0 goes to 2) and the smallest pages/5/m: thread 1 -> 0.
  const s = r.vec({ pages: { 0: [0, 0b010] }, stacks: starts });
  const got = r.run(s);
  t.true(got.moved);
  t.deepEqual(got.tperm, [2, 0, 1, 3]);
  t.deepEqual([...got.out], [...r.vec({ pages: { 5: [0, 0b001] }, stacks: starts })]);
  for (const p of groupPerms(4, [0, 1, 2])) t.deepEqual([...r.run(r.permuted(s, p)).out], [...got.out]);
});

test('canon: tied threads whose arrangements all give the same vector move nothing', (t) => {
  const r = rig(4, 8, G3);
  const s = r.vec({ owner: 3, held: 0b1000, pages: { 4: [2, 0b1000] }, stacks: { ...starts, 3: [[MAIN, 1, 0, 4, 'x']] } });
  const got = r.run(s);
  t.false(got.moved);
  t.deepEqual(got.tperm, [0, 1, 2, 3]);
  t.deepEqual([...got.out], [...s]);
});

test('canon: ties in two groups are tried in every combination', (t) => {
  const r = rig(4, 4, [
    { threads: [0, 1], blocks: [[0], [1]] },
    { threads: [2, 3], blocks: [[2], [3]] },
  ]);
  const st = { 0: [[MAIN, 0, 0, 0, undefined]], 1: [[MAIN, 0, 0, 1, undefined]], 2: [[MAIN, 0, 0, 2, undefined]], 3: [[MAIN, 0, 0, 3, undefined]] } as const;
  // Page 0 marks thread 1, page 2 marks thread 3: the least vector has 0 in pages/0/m (swap 0, 1) and in pages/2/m (swap 2, 3).
  const s = r.vec({ pages: { 0: [0, 0b0010], 2: [0, 0b1000] }, stacks: st });
  const got = r.run(s);
  t.deepEqual(got.tperm, [1, 0, 3, 2]);
  t.deepEqual([...got.out], [...r.vec({ pages: { 1: [0, 0b0001], 3: [0, 0b0100] }, stacks: st })]);
  // Only the first group's tie matters: the second group stays.
  const u = r.vec({ pages: { 0: [0, 0b0010], 3: [0, 0b0100] }, stacks: st });
  t.deepEqual(r.run(u).tperm, [1, 0, 2, 3]);
  // Only the second's.
  const v = r.vec({ pages: { 1: [0, 0b0001], 2: [0, 0b1000] }, stacks: st });
  t.deepEqual(r.run(v).tperm, [0, 1, 3, 2]);
});

test('canon: a tie behind a thread with its own signature is settled among the tied threads only', (t) => {
  const r = rig(4, 8, G3);
  // Thread 0 is at pc 1; threads 1 and 2 tie. Thread 1's first page marks thread 0 (bit 0), which no renaming of 1 and 2 moves.
  const s = r.vec({ pages: { 2: [0, 0b001] }, stacks: { 0: [[MAIN, 1, 0, 0, undefined]], 1: start(1), 2: start(2) } });
  const forms = new Set<string>();
  const ps = groupPerms(4, [0, 1, 2]);
  for (const p of ps) forms.add(r.run(r.permuted(s, p)).out.join(','));
  t.is(forms.size, 1);
  // Of the two arrangements that keep the signature order, the one with the mark in the later block is least.
  const got = r.run(s);
  const candidates = ps.map((p) => r.permuted(s, p).join(',')).filter((x) => r.run(Int16Array.from(x.split(',').map(Number))).moved === false);
  t.deepEqual(candidates, [got.out.join(',')]);
});

test('canon: five tied threads (120 arrangements) are all tried; the first least one is kept', (t) => {
  const blocks = [[0], [1], [2], [3], [4]];
  const r = rig(5, 5, [{ threads: [0, 1, 2, 3, 4], blocks }]);
  const st = Object.fromEntries(blocks.map((b, i) => [i, [[MAIN, 0, 0, b[0], undefined]] as Frame[]]));
  // Page 0 marks thread 1: least puts thread 0 last (pages 0-3 unmarked) and thread 1 first (mark 1); threads 2-4 are
  // alike, so every order of them gives that vector, and the first enumerated keeps them in order.
  const s = r.vec({ pages: { 0: [0, 0b00010] }, stacks: st });
  const got = r.run(s);
  t.deepEqual(got.tperm, [4, 0, 1, 2, 3]);
  t.deepEqual([...got.out], [...r.vec({ pages: { 4: [0, 0b00001] }, stacks: st })]);
});

test('canon: past 120 arrangements (six tied threads) only the first is taken', (t) => {
  const blocks = [[0], [1], [2], [3], [4], [5]];
  const r = rig(6, 6, [{ threads: [0, 1, 2, 3, 4, 5], blocks }]);
  const st = Object.fromEntries(blocks.map((b, i) => [i, [[MAIN, 0, 0, b[0], undefined]] as Frame[]]));
  // Page 0 marks thread 1; page 4 marks thread 5 (the second arrangement, which swaps the last two, would be less).
  const cases: State['pages'][] = [{ 0: [0, 0b000010] }, { 4: [0, 0b100000] }];
  for (const pages of cases) {
    const s = r.vec({ pages, stacks: st });
    const got = r.run(s);
    t.false(got.moved);
    t.deepEqual(got.tperm, [0, 1, 2, 3, 4, 5]);
    t.deepEqual([...got.out], [...s]);
  }
});

test('an empty group is allowed and changes nothing', (t) => {
  const r = rig(4, 8, [...G3, { threads: [], blocks: [] }]);
  t.is(r.canon.threads, 3);
  t.is(r.canon.swaps.length, 2);
  const s = r.vec({ pages: { 0: [0, 0b010] }, stacks: starts });
  t.deepEqual(r.run(s).tperm, [2, 0, 1, 3]);
});

/** The permutation of `group` (first found, orderings in lexicographic order) that gives the least vector. */
function leastPerm(r: ReturnType<typeof rig>, s: Int16Array, T: number, group: readonly number[]): number[] {
  let best: { p: number[]; v: Int16Array } | null = null;
  for (const p of groupPerms(T, group)) {
    const v = r.permuted(s, p);
    let less = false;
    if (best) for (let i = 0; i < v.length; i++) if (v[i] !== best.v[i]) { less = (v[i] as number) < (best.v[i] as number); break; }
    if (!best || less) best = { p, v };
  }
  return best!.p;
}

test('canon: a signature reads the whole of a deep stack (300 stack words: 74 frames)', (t) => {
  const r = rig(4, 8, G3, 300);
  // main, then 73 sub frames; the threads differ only in the local of the last one (their controls are equal, so
  // the signature's hash orders them).
  const deep = (i: number, r: unknown): Frame[] => [[MAIN, 0, 0, BLOCK[i]![0], undefined], ...Array.from({ length: 72 }, (): Frame => [SUB, 0, 0, undefined]), [SUB, 1, 0, r]];
  const locals = [-1, 4, 'x'];
  const s = r.vec({ stacks: { 0: deep(0, locals[0]), 1: deep(1, locals[1]), 2: deep(2, locals[2]) } });
  // A signature reads -1 and entity 4 (in no block) as themselves, 'x' as its code 10.
  const stack = (w: number) => [74, 1, 0, 0, -1000, 0, ...Array.from({ length: 72 }, () => [2, 0, 0, 0]).flat(), 2, 1, 0, w];
  const expected = orderBy([0, 1, 2], 4, [-1, 4, 10].map((w) => words({ stack: stack(w) })));
  // Were the signatures cut short, the threads would tie and the least vector win: here that is another order.
  t.notDeepEqual(expected, leastPerm(r, s, 4, [0, 1, 2]));
  t.deepEqual(r.run(s).tperm, expected);
});

test('canon: a signature reads every shared mask of a wide world (40 entities, 35 masks outside the blocks)', (t) => {
  const r = rig(4, 40, G3);
  // Threads differ only in the masks of entities 38 and 39, the last two a signature reads before the thread ids.
  const s = r.vec({ pages: { 38: [0, 0b010], 39: [0, 0b100] }, stacks: starts });
  const masks = (i: number) => [0, 0, 0, ...new Array<number>(30).fill(0), i === 1 ? 1 : 0, i === 2 ? 1 : 0];
  const w = (i: number) => [1, 1, 0, 0, -1000, 0, ...masks(i), 0, 0, 0, 0, 0, 0];
  const expected = orderBy([0, 1, 2], 4, [w(0), w(1), w(2)]);
  t.notDeepEqual(expected, leastPerm(r, s, 4, [0, 1, 2]));
  t.deepEqual(r.run(s).tperm, expected);
});

test('canon: on a layout with no world slots, threads are still told apart by their stacks', (t) => {
  // The world is an empty entity array, blocks are empty, a frame has no locals: a signature is sp and the frame header.
  const T = 3;
  const C = 4;
  const { shape, next: W } = shapeOf({ pages: [] });
  const threadBase = W + 1;
  const width = (threadBase + T * C + 1) & ~1;
  const intern = new Interner();
  const spec: SymmetrySpec = { groups: [{ threads: [0, 1, 2], blocks: [[], [], []] }], entityLocals: [], world: { entities: 'pages' } };
  const buf = new Int16Array(width);
  const canon = makeCanon({
    spec,
    plan: slotPlan(shape, W, spec.world, T),
    worldSlots: W,
    threads: T,
    stackWords: C,
    threadBase,
    width,
    frameSize: Int32Array.from([3]),
    entitySlots: [new Int32Array(0)],
    vals: intern.vals,
    code: (v) => intern.code(v),
    buf,
    scratch: new Int16Array(width),
  });
  const pcs = [1, 2, 0];
  pcs.forEach((pc, i) => buf.set([1, 1, pc, 0], threadBase + i * C));
  const s = buf.slice();
  // By control: the thread at pc 0 first, thread 2 -> 0, thread 0 -> 1, thread 1 -> 2.
  const expected = orderBy([0, 1, 2], T, pcs.map((pc) => [1, 1, pc, 0]), () => 3);
  t.deepEqual(expected, [1, 2, 0]);
  const tperm = new Int32Array(T);
  canon.canon(tperm);
  t.deepEqual([...tperm], expected);
  // And the result is the renamed state.
  const out = buf.slice();
  buf.set(s);
  canon.permute(expected);
  t.deepEqual([...out], [...buf]);
});

test('canon: in a signature, entity -1 and an entity past every block stand as themselves, not as nothing', (t) => {
  const r = rig(4, 8, G3);
  for (const v of [-1, 7, 4]) {
    // Thread 0 holds v, thread 1 nothing, thread 2 its own first entity at pc 1.
    ordersAsWords(t, r, { stacks: { 0: [[MAIN, 0, 0, v, undefined]], 1: [[MAIN, 0, 0, undefined, undefined]], 2: [[MAIN, 1, 0, 5, undefined]] } }, [
      { stack: [1, 1, 0, 0, v, 0] },
      { stack: [1, 1, 0, 0, 0, 0] },
      { stack: [1, 1, 1, 0, -1000, 0] },
    ]);
  }
});

test('canon: an entity-id field holding -999 (no entity) reads as nothing in a signature, like -1', (t) => {
  const r = rig(4, 8, G3);
  for (const pick of [-999, -1]) ordersAsWords(t, r, { pick, stacks: { 0: start(0), 1: [[MAIN, 1, 0, 2, undefined]], 2: [[MAIN, 2, 0, 5, undefined]] } }, [{}, { stack: [1, 1, 1, 0, -1000, 0] }, { stack: [1, 1, 2, 0, -1000, 0] }]);
});

test('canon: threads whose signatures agree in one half of the hash only are not tied', (t) => {
  const r = rig(4, 8, G3);
  // Found by a search over (turn, own first v): (6, 37) and (220, 525) hash to the same first half, (122, 979) and
  // (186, 784) to the same second half. In both pairs the thread with the smaller other half has the larger turn, so
  // the signature order differs from the least vector (smaller turn first), which a tie would keep.
  // Thread 2 (turn k2) has its signature's halves outside both pairs' range, so that the pair is side by side in the order.
  const pairs = [
    [[6, 37], [220, 525], 0, 0],
    [[122, 979], [186, 784], 1, 1],
  ] as const;
  for (const [[k0, v0], [k1, v1], same, k2] of pairs) {
    const w0 = words({ turn: k0, own: [v0, 0] });
    const w1 = words({ turn: k1, own: [v1, 0] });
    const h = [w0, w1].map((w) => {
      const out = new Int32Array(2);
      hashWords(Int32Array.from(w), w.length, out);
      return [...out];
    });
    t.is(h[0]![same], h[1]![same]);
    t.not(h[0]![1 - same], h[1]![1 - same]);
    const s = r.vec({ turn: [k0, k1, k2, 0], pages: { 0: [v0, 0], 2: [v1, 0] }, stacks: starts });
    const expected = orderBy([0, 1, 2], 4, [w0, w1, words({ turn: k2 })]);
    t.is(Math.abs(expected[0]! - expected[1]!), 1);
    // Thread 1 goes before thread 0 in the signature order.
    t.true((expected[1] as number) < (expected[0] as number));
    const got = r.run(s);
    t.deepEqual(got.tperm, expected);
    t.deepEqual([...got.out], [...r.permuted(s, expected)]);
  }
});

test("canon: with two groups, another group's thread's entity is another's, not mine, even at the same index", (t) => {
  const r = rig(4, 4, [
    { threads: [0, 1], blocks: [[0], [1]] },
    { threads: [2, 3], blocks: [[2], [3]] },
  ]);
  // Thread 0 (index 0 of the first group) holds entity 2, owned by index 0 of the second group: "another's first" (-2000).
  // Thread 1 holds nothing. Words: sp and frame, held's bit, owner, waker, pick, turn, own v (no mask outside the blocks).
  const w = (p: number, k: number) => [1, 1, 0, 0, p, 0, 0, 0, 0, 0, k, 0];
  for (const k of [0, 1, 2, 3, 4, 5, 6, 7]) {
    const s = r.vec({ turn: [k, k, 0, 0], stacks: { 0: [[MAIN, 0, 0, 2, undefined]], 1: [[MAIN, 0, 0, undefined, undefined]], 2: [[MAIN, 0, 0, 2, undefined]], 3: [[MAIN, 0, 0, 3, undefined]] } });
    const expected = orderBy([0, 1], 4, [w(-2000, k), w(0, k)]);
    t.deepEqual(r.run(s).tperm.slice(0, 2), expected.slice(0, 2), `salt ${k}`);
  }
});

test('canon: a tie whose swaps leave the state as it is keeps the sorted order, moved or not, without trying arrangements', (t) => {
  const r = rig(4, 8, G3);
  // Thread 0 at pc 1 has its own signature; threads 1 and 2 tie, and swapping them changes nothing (no marks, own pages).
  const s = r.vec({ stacks: { 0: [[MAIN, 1, 0, 0, undefined]], 1: start(1), 2: start(2) } });
  const got = r.run(s);
  const forms = new Set(groupPerms(4, [0, 1, 2]).map((p) => r.run(r.permuted(s, p)).out.join(',')));
  t.is(forms.size, 1);
  t.deepEqual([...got.out], [...r.permuted(s, got.tperm)]);
  // The places of thread 0 and of the tie come from the signatures alone.
  const w0 = words({ stack: [1, 1, 1, 0, -1000, 0] });
  const expected = orderBy([0, 1, 2], 4, [w0, words({}), words({})]);
  t.deepEqual(got.tperm, expected);
});

test('canon: tied threads naming each other in a cycle are not swapped blindly: both directions of the cycle give one form', (t) => {
  const r = rig(4, 8, G3);
  // Each thread's p names the next thread's first page (0 -> 1 -> 2 -> 0, or the reverse): every signature reads
  // "another's first" and the world is empty, so the three tie and the world is unchanged by any swap; only the
  // stacks tell the two directions apart (a swap turns one into the other).
  const cycle = (next: readonly number[]) => Object.fromEntries([0, 1, 2].map((i) => [i, [[MAIN, 0, 0, BLOCK[next[i] as number]![0], undefined]] as Frame[]]));
  const fwd = r.vec({ stacks: cycle([1, 2, 0]) });
  const back = r.vec({ stacks: cycle([2, 0, 1]) });
  const a = r.run(fwd);
  const b = r.run(back);
  t.deepEqual([...a.out], [...b.out]);
  t.true(a.moved !== b.moved);
  // The form kept is the least of the two.
  const least = [fwd, back].map((v) => v.join(',')).sort((x, y) => {
    const u = x.split(',').map(Number);
    const w = y.split(',').map(Number);
    const i = u.findIndex((n, k) => n !== w[k]);
    return (u[i] as number) - (w[i] as number);
  })[0];
  t.is(a.out.join(','), least as string);
});

test("canon: a tie is not settled by the sorted order when a thread outside it names a tied thread's page (its local is renamed by the swap)", (t) => {
  const r = rig(4, 8, G3);
  // Threads 0 and 1 tie at the start of main with no page named (their stacks are the same words); thread 2 is
  // elsewhere. Thread 3, in no group, names thread 0's first page: swapping 0 and 1 leaves the world and their
  // stacks as they are but renames thread 3's local to thread 1's page. So the swap does not fix the state: the
  // state and its swap are one class and must get one form.
  const idle: Frame[] = [[MAIN, 0, 0, undefined, undefined]];
  const s = r.vec({ stacks: { 0: idle, 1: idle, 2: [[MAIN, 1, 0, BLOCK[2]![0], undefined]], 3: [[MAIN, 1, 0, BLOCK[0]![0], 'x']] } });
  const swapped = r.permuted(s, [1, 0, 2, 3]);
  t.notDeepEqual([...swapped], [...s]);
  t.deepEqual([...r.run(s).out], [...r.run(swapped).out]);
});

test('permute: a thread-id field past the last thread (owner 4, waker 10 + 4 of four threads) stays as it is', (t) => {
  const r = rig(4, 8, G3);
  const before = r.vec({ owner: 4, waker: 14, stacks: starts });
  const after = r.permuted(before, [2, 0, 1, 3]);
  t.is(after[0], 4);
  t.is(after[1], 14);
});
