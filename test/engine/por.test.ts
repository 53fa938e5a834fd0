/**
 * Partial-order reduction (--por) on tiny programs counted by hand: the
 * states it keeps, the cycle proviso, and when it must reduce nothing
 * (footprints not declared complete, an invariant that reads a thread).
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec, type StateInvariant, type SysState } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';

interface W {
  k: number;
  x: number[];
}
const src = (code: string) => ({ file: 'toy/por.c', fn: 't', code });

/** Each thread reads the constant k (a step nobody can interfere with), then writes its own cell. */
const peekPut: FnDef<W> = {
  steps: [
    { label: 'peek', src: src('a = k'), reads: () => ['k'], run: (c) => void (c.l.a = c.w.k) },
    { label: 'put', src: src('x[me] = a'), writes: (l) => [`x/${String(l.me)}`], run: (c) => void (c.w.x[c.l.me as number] = 1) },
  ],
};

function spec(fn: FnDef<W>, extra: Partial<ProgramSpec<W>> = {}): ProgramSpec<W> {
  return {
    name: 'por',
    world: { k: 7, x: [0, 0] },
    fns: { t: fn },
    threads: [
      { name: 'T0', fn: 't', args: { me: 0 } },
      { name: 'T1', fn: 't', args: { me: 1 } },
    ],
    footprints: 'complete',
    ...extra,
  };
}

/** x[0] stays 0. */
const x0Zero: StateInvariant<SysState<W>> = { id: 'x0-zero', description: 'x[0] stays 0', worldOnly: true, check: (s) => (s.w.x[0] === 1 ? 'x[0] is 1' : null) };

/** T0 running `first`, T1 running `second` (no arguments), checked against x[0] staying 0. */
function pairSpec(first: FnDef<W>, second: FnDef<W>): ProgramSpec<W> {
  return {
    ...spec(first),
    fns: { first, second },
    threads: [
      { name: 'T0', fn: 'first', args: {} },
      { name: 'T1', fn: 'second', args: {} },
    ],
    stateInvariants: [x0Zero],
  };
}

test('two threads of peek-then-put: 9 states and 12 transitions in full, 6 and 6 with --por', (t) => {
  // Full: a state is the pair of pcs, 3 x 3 = 9; 12 transitions (see interleavings.test.ts).
  // --por: at (0,0) T0's peek alone -> (1,0); at (1,0) T0's put writes, T1's peek alone -> (1,1); at (1,1) both puts
  // -> (2,1), (1,2); each -> (2,2). States (0,0) (1,0) (1,1) (2,1) (1,2) (2,2): 6; transitions 1+1+2+1+1 = 6.
  const full = explore(buildModel(spec(peekPut)), { progress: null });
  const por = explore(buildModel(spec(peekPut)), { progress: null, por: true });
  t.deepEqual([full.verdict, full.stats.states, full.stats.transitions], ['pass', 9, 12]);
  t.deepEqual([por.verdict, por.stats.states, por.stats.transitions, por.stats.fingerprint?.porReduced], ['pass', 6, 6, 2]);
  // The same with whole states stored, and depth first.
  t.is(explore(buildModel(spec(peekPut)), { progress: null, por: true, exact: true }).stats.states, 6);
  t.is(explore(buildModel(spec(peekPut)), { progress: null, por: true, strategy: 'dfs' }).stats.states, 6);
});

test('without complete footprints, or with an invariant that reads a thread, --por reduces nothing', (t) => {
  const { footprints: _, ...undeclared } = spec(peekPut);
  const r = explore(buildModel(undeclared), { progress: null, por: true });
  t.deepEqual([r.stats.states, r.stats.fingerprint?.porReduced], [9, 0]);
  const readsPc: StateInvariant<SysState<W>> = { id: 'pc-read', description: 'reads a thread', check: (s) => (s.t.length < 0 ? 'never' : null) };
  const q = explore(buildModel(spec(peekPut, { stateInvariants: [readsPc] })), { progress: null, por: true });
  t.deepEqual([q.stats.states, q.stats.fingerprint?.porReduced], [9, undefined]);
});

test('the cycle proviso: a thread spinning on a local does not hide the other thread forever', (t) => {
  // T0 toggles a local for ever (each step independent and invisible); T1 sets x[0] = 1, which the invariant forbids.
  // Without the proviso T0 alone would be expanded round its cycle and T1 never run. With it, the state whose T0
  // successor was already visited (a = 0, after two toggles) is expanded in full: T0, T0, T1.
  const spin: FnDef<W> = {
    steps: [{ label: 'spin', src: src('a = !a; goto spin'), reads: () => ['k'], run: (c) => (c.l.a = c.l.a === 1 ? 0 : 1, c.goto('spin')) }],
  };
  const bad: FnDef<W> = { steps: [{ label: 'bad', src: src('x[0] = 1'), writes: () => ['x/0'], run: (c) => void (c.w.x[0] = 1) }] };
  const sp = pairSpec(spin, bad);
  const full = explore(buildModel(sp), { progress: null });
  const por = explore(buildModel(sp), { progress: null, por: true });
  t.is(full.verdict, 'violation');
  t.is(por.verdict, 'violation');
  if (full.verdict !== 'violation' || por.verdict !== 'violation') return;
  t.is(full.schedule, '1');
  // The reduced search met the violation three steps in (T0, T0, T1: longer than the shortest), so the search ran
  // again without the reduction (shortest.ts) and gives the unreduced one, counts and all.
  t.is(por.stats.fingerprint?.porFirst?.steps, 3);
  t.is(por.schedule, '1');
  t.deepEqual([por.invariant, por.stats.states, por.stats.transitions, por.stats.depth], [full.invariant, full.stats.states, full.stats.transitions, full.stats.depth]);
  // The same with whole states stored (the exact set's lookup); depth first promises no shortest and searches once.
  const exact = explore(buildModel(sp), { progress: null, por: true, exact: true });
  t.deepEqual(exact.verdict === 'violation' ? [exact.schedule, exact.stats.fingerprint?.porFirst?.steps] : exact.verdict, ['1', 3]);
  const dfs = explore(buildModel(sp), { progress: null, por: true, strategy: 'dfs', exact: true });
  t.deepEqual([dfs.verdict, dfs.stats.fingerprint?.porFirst], ['violation', undefined]);
});

test('a transition is independent only if every step it runs is: a local step merged after an independent one counts', (t) => {
  // T0 peeks at k (independent), then a local step branches on x[1], which T1 writes: the transition reads x[1], so
  // T0 must not move alone at the start, or the path where T1 wrote first (and T0 then sets x[0]) is lost.
  const branch: FnDef<W> = {
    steps: [
      { label: 'peek', src: src('a = k'), reads: () => ['k'], run: (c) => void (c.l.a = c.w.k) },
      { label: 'test', src: src('if (x[1]) goto set'), local: true, reads: () => ['x/1'], run: (c) => void (c.w.x[1] === 1 ? c.goto('set') : c.ret()) },
      { label: 'set', src: src('x[0] = 1'), writes: () => ['x/0'], run: (c) => void (c.w.x[0] = 1) },
    ],
  };
  const put: FnDef<W> = { steps: [{ label: 'put', src: src('x[1] = 1'), writes: () => ['x/1'], run: (c) => void (c.w.x[1] = 1) }] };
  const sp = pairSpec(branch, put);
  const full = explore(buildModel(sp), { progress: null });
  const por = explore(buildModel(sp), { progress: null, por: true });
  t.is(full.verdict, 'violation');
  t.is(por.verdict, 'violation');
  t.is(por.stats.fingerprint?.porReduced, 0);
});

test('--check-footprints passes a program whose footprints are complete and bounded', (t) => {
  const r = explore(buildModel(spec(peekPut), { checkWrites: true, checkReads: true }), { progress: null });
  t.deepEqual([r.verdict, r.stats.states], ['pass', 9]);
});

test('parallel-compaction, three threads and the driver on one page (v4.8-atomic): the states --por keeps, with and without --symmetry, hashed and exact', (t) => {
  const s = catalog.find((x) => x.id === 'parallel-compaction');
  const p = protocolById('v4.8-atomic');
  if (!s || !p) return t.fail('missing');
  const run = (o: { symmetry?: boolean; exact?: boolean }) => explore(s.build(p, {}, { threads: 3, driver: true }), { progress: null, por: true, ...o }).stats.states;
  // Plain: 267,849 states (README, Speed); the gain comes from the threads' first steps, which are local.
  t.is(run({}), 228751);
  t.is(run({ symmetry: true }), 41139);
  t.is(run({ symmetry: true, exact: true }), 41139);
});

test('the cycle proviso under --symmetry looks successors up by class: two interchangeable spinners do not hide the third thread', (t) => {
  // W0 and W1 (interchangeable, each owning one cell) toggle a local for ever; X sets cells[0] = 1, which the
  // invariant forbids. The spinners' states close cycles only up to swapping them, so the proviso must see a
  // successor's class, not the successor as it is.
  interface SW {
    own: number[];
    cells: number[];
    lock: number;
    mask: number;
    last: number;
  }
  const s2 = (code: string) => ({ file: 'toy/por.c', fn: 'w', code });
  const spin: FnDef<SW> = { steps: [{ label: 'spin', src: s2('a = !a; goto spin'), run: (c) => (c.l.a = c.l.a === 1 ? 0 : 1, c.goto('spin')) }] };
  const bad: FnDef<SW> = { steps: [{ label: 'bad', src: s2('cells[0] = 1'), writes: () => ['cells/0'], run: (c) => void (c.w.cells[0] = 1) }] };
  const sp: ProgramSpec<SW> = {
    name: 'por-sym',
    world: { own: [0, 0], cells: [0], lock: -1, mask: 0, last: -1 },
    fns: { spin, bad },
    threads: [
      { name: 'W0', fn: 'spin', args: { e: 0 } },
      { name: 'W1', fn: 'spin', args: { e: 1 } },
      { name: 'X', fn: 'bad', args: { e: -1 } },
    ],
    stateInvariants: [{ id: 'cell0-zero', description: 'cells[0] stays 0', worldOnly: true, check: (s) => (s.w.cells[0] === 1 ? 'cells[0] is 1' : null) }],
    footprints: 'complete',
    symmetry: {
      groups: [{ threads: [0, 1], blocks: [[0], [1]] }],
      entityLocals: ['e'],
      world: { entities: 'own', threadIds: [{ path: 'lock' }], threadMasks: ['mask'], entityIds: ['last'] },
    },
  };
  for (const o of [{}, { exact: true }, { strategy: 'dfs' as const }]) {
    t.is(explore(buildModel(sp), { progress: null, symmetry: true, por: true, ...o }).verdict, 'violation', JSON.stringify(o));
  }
});
