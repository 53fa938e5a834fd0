/**
 * Tests for mutants that survived a mutation run over the lines changed in
 * this session (b55424a..HEAD): the world's Zobrist fingerprint (both halves
 * depend on the world), the world delta of a step (a step that moves only
 * thread 0's stack pointer, the slot right after the fault slot, leaves the
 * world unchanged), the locals class shared by every compiled program of a
 * process (a local name first met by a later program gets its accessor; these
 * mutants die only in a fresh process, as ava runs this file, not in the
 * in-process mutation runner whose class was filled by the dry run), the slot
 * plan's renaming (it writes the world slots only), and the symmetry
 * reduction with an entity-valued local that is not its frame's first local
 * (renamed by a renaming, read as an entity by the signature). Every expected
 * value is worked out by hand; each test was checked to fail with its mutants
 * applied.
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec, type Result, type StepInvariant, type SysState } from '../../checker/index.ts';
import { newCodes } from '../../checker/packed/compile.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';
import { Interner } from '../../checker/packed/codec.ts';
import { slotPlan } from '../../checker/packed/renaming.ts';
import { makeCanon } from '../../checker/packed/symmetry.ts';
import type { SymmetrySpec } from '../../checker/program/index.ts';
import { load, shapeOf, store } from '../../checker/packed/world-view.ts';

const src = { file: 'toy/session.c', fn: 'f', code: 'step' };
const key = (r: Result) => `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} '${r.schedule}' ${r.message}` : ''} states=${r.stats.states} transitions=${r.stats.transitions}`;

test('both halves of the fingerprint depend on the world', (t) => {
  // One thread whose one step adds 1 to n and jumps back to itself: its stack is the same in every state, only the world differs.
  const f: FnDef<{ n: number }> = { steps: [{ label: 'inc', src, run: (c) => void ((c.w.n += 1), c.goto('inc')) }] };
  const spec: ProgramSpec<{ n: number }> = { name: 'world-halves', world: { n: 0 }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  const factory = (buildModel(spec) as { packed?: PackedFactory }).packed as PackedFactory;
  const pm = factory.compile({ names: new Map([['f', []]]), stackWords: 8 }, newCodes());
  const acts = new Int32Array(16);
  const h = new Int32Array(2);
  pm.init();
  pm.hash(h);
  const first = [...h];
  pm.src.set(pm.dst);
  pm.loaded();
  t.is(pm.actions(0, acts), 1);
  pm.apply(acts[0] as number);
  t.deepEqual(pm.decode(pm.dst).w, { n: 1 });
  t.deepEqual(pm.decode(pm.dst).t, pm.decode(pm.src).t);
  pm.hash(h);
  // Each half is a 32-bit hash of the world (XOR the thread's, the same in both states): equal only by a 2^-32 chance.
  t.not(h[0], first[0]);
  t.not(h[1], first[1]);
});

test("a step that moves only thread 0's stack pointer (the slot after the fault slot) leaves the world unchanged", (t) => {
  // World {n, m}: slots 0 and 1, the fault slot 2, thread 0's stack pointer slot 3, in the same 32-bit word as the
  // fault slot. main calls sub (the world stays), sub adds 1 to n, main's last step writes nothing.
  type W = { n: number; m: number };
  const main: FnDef<W> = {
    steps: [
      { label: 'call', src, run: (c) => c.call('sub', {}) },
      { label: 'end', src, run: () => {} },
    ],
  };
  const sub: FnDef<W> = { steps: [{ label: 'inc', src, run: (c) => void (c.w.n += 1) }] };
  let calls = 0;
  const seen: string[] = [];
  const count: StepInvariant<SysState<W>> = {
    id: 'count-steps',
    description: 'counts its calls',
    worldOnly: true,
    check: (b, a) => {
      calls++;
      seen.push(`${b.w.n}->${a.w.n}`);
      return null;
    },
  };
  const spec: ProgramSpec<W> = { name: 'sp-beside-fault', world: { n: 0, m: 0 }, fns: { main, sub }, threads: [{ name: 'T0', fn: 'main', args: {} }], stepInvariants: [count] };
  const r = explore(buildModel(spec), { progress: null });
  t.is(r.verdict, 'pass');
  // The one step that changes the world is sub's inc (n 0 -> 1); the call and main's end leave it as it was.
  t.deepEqual(seen, ['0->1']);
  t.is(calls, 1);
});

test('a local name first met by a program compiled after another gets its accessor', (t) => {
  // Each program has a local the other has not (names no other test file uses, so that in a fresh process the
  // second program's name is new to the process's locals class).
  type W = { n: number };
  const prog = (local: string): ProgramSpec<W> => ({
    name: `fresh-local-${local}`,
    world: { n: 0 },
    fns: {
      f: {
        steps: [
          { label: 'pick', src, choices: ['one', 'two'], run: (c) => void ((c.l as Record<string, unknown>)[local] = c.choice === 'one' ? 1 : 2) },
          { label: 'use', src, run: (c) => void (c.w.n = (c.l as Record<string, unknown>)[local] as number) },
        ],
      },
    },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  });
  for (const local of ['sessionLocalFirst', 'sessionLocalSecond']) {
    const spec = prog(local);
    // init; after pick (1 or 2); after use (n = 1 or n = 2, the local dead or not): the object search's count
    const object = key(explore(buildModel(spec), { progress: null, engine: 'object' }));
    t.is(object, 'pass states=5 transitions=4', local);
    t.is(key(explore(buildModel(spec), { progress: null, deadLocals: false })), object, local);
  }
});

test("the slot plan's apply writes the world slots only", (t) => {
  const w = { pages: [{ owner: 0 }, { owner: 1 }], lock: 1, turn: [5, 6] };
  const { shape, next } = shapeOf(w);
  t.is(next, 5);
  const intern = new Interner();
  // One slot past the world (as the fault slot of a packed vector): the plan must leave it as out has it.
  const buf = new Int16Array(next + 1);
  store(shape, w, buf, intern);
  buf[next] = 7;
  const plan = slotPlan(shape, next, { entities: 'pages', threadIds: [{ path: 'pages/*/owner' }, { path: 'lock' }], threadArrays: [{ path: 'turn', offset: 0 }] }, 2);
  const out = new Int16Array(next + 1);
  out[next] = -5;
  plan.apply(buf, out, [1, 0], [1, 0]);
  t.is(out[next], -5);
  const moving = Int16Array.from(buf);
  moving[next] = -5;
  plan.applyMoving(buf, moving, [1, 0], [1, 0]);
  t.is(moving[next], -5);
  // Threads 0 and 1 swapped, pages 0 and 1 swapped: each page's record moves to the other's place with its owner
  // renamed (page 0, owner 0, becomes page 1, owner 1), the lock's holder renamed, the per-thread array swapped.
  const renamed = { pages: [{ owner: 0 }, { owner: 1 }], lock: 0, turn: [6, 5] };
  t.deepEqual(load(shape, out.subarray(0, next), intern), renamed);
  t.deepEqual(load(shape, moving.subarray(0, next), intern), renamed);
});

/**
 * makeCanon over two interchangeable threads, each owning one of two pages, whose one function has its entity-valued
 * local p at local index 1 (after q): frames are [fn + 1, pc, ret, q, p]. World slots: pages[0].v 0, pages[1].v 1;
 * the fault slot 2; thread t's stack at 3 + 6t (sp, then one frame).
 */
function rig2() {
  const world = { pages: [{ v: 0 }, { v: 0 }] };
  const { shape, next: W } = shapeOf(world);
  const T = 2;
  const C = 6;
  const threadBase = W + 1;
  const width = (threadBase + T * C + 1) & ~1;
  const intern = new Interner();
  // Entity e has code e + 1.
  intern.code(0);
  intern.code(1);
  const spec: SymmetrySpec = { groups: [{ threads: [0, 1], blocks: [[0], [1]] }], entityLocals: ['p'], world: { entities: 'pages' } };
  const buf = new Int16Array(width);
  const canon = makeCanon({
    spec,
    plan: slotPlan(shape, W, spec.world, T),
    worldSlots: W,
    threads: T,
    stackWords: C,
    threadBase,
    width,
    frameSize: Int32Array.from([5]),
    entitySlots: [Int32Array.from([1])],
    vals: intern.vals,
    code: (v) => intern.code(v),
    buf,
    scratch: new Int16Array(width),
  });
  /** The vector of pages [v0, v1] and, per thread, its one frame's pc and p (an entity number). */
  const vec = (v: readonly [number, number], frames: readonly (readonly [pc: number, p: number])[]) => {
    const b = new Int16Array(width);
    b[0] = v[0];
    b[1] = v[1];
    frames.forEach(([pc, p], t) => {
      const at = threadBase + t * C;
      b[at] = 1;
      b.set([1, pc, 0, 0, intern.code(p)], at + 1);
    });
    return b;
  };
  return { canon, buf, vec, W };
}

test('a renaming renames an entity-valued local that is not the first local of its frame', (t) => {
  const r = rig2();
  // Thread 0 at pc 1 with p = page 0, thread 1 at pc 2 with p = page 1; pages' v 5 and 6.
  r.buf.set(r.vec([5, 6], [[1, 0], [2, 1]]));
  r.canon.permute([1, 0]);
  // Threads and pages swapped: thread 0 is at pc 2 with p = page 0 (its own), thread 1 at pc 1 with p = page 1.
  t.deepEqual([...r.buf], [...r.vec([6, 5], [[2, 0], [1, 1]])]);
});

test('the canonical form of a state and of its renaming agree when the entity-valued local is not the first', (t) => {
  const r = rig2();
  const canonOf = (v: Int16Array) => {
    r.buf.set(v);
    r.canon.canon(new Int32Array(2));
    return [...r.buf];
  };
  // Thread 0 at pc a with p = its own page, thread 1 at pc b with p = thread 0's page; and the same state with the
  // threads (and pages) swapped. Distinct pcs: the threads' signatures differ, so the sort alone decides.
  for (const [a, b] of [[1, 2], [1, 3], [2, 3], [1, 4], [2, 4], [3, 4], [2, 5], [4, 7]] as const) {
    const x = r.vec([0, 0], [[a, 0], [b, 0]]);
    const y = r.vec([0, 0], [[b, 1], [a, 1]]);
    t.deepEqual(canonOf(x), canonOf(y), `pcs ${a} ${b}`);
  }
});
