/**
 * The packed search at edges no catalog run reaches: a search that must start
 * again (a read past the warm-up's 2000-step walks) and grow its layout in
 * the same run, each counted in stats.fingerprint.restarts; a first layout
 * without the entry arguments (the initial state itself grows it); the memory
 * bound to the byte (the tables the search counts, with the queue in chunks
 * of 4,096 states); a path through state 4096, where the parent table first
 * grows; RangeErrors: a table the machine refuses is the memory bound, any
 * other RangeError is the model's error.
 *
 * The memory tests fix the layout (stackWords 8 through their own factory)
 * so the state width, and with it every table's size, is known: at a bound
 * check of a search of at most 4096 queued and 4096 distinct states the
 * tables are the hashed set's 2^16 slots of 8 bytes, one queue chunk (4096
 * states of W Int16 slots, their fingerprint parts of four Int32 each on one
 * thread, an Int32 id and depth each) and parent and via (4096 Int32 each).
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec } from '../../checker/index.ts';
import { newCodes } from '../../checker/packed/compile.ts';
import { explorePacked, type PackedFactory } from '../../checker/packed/explore.ts';
import { packedOptions } from './packed-options.ts';

const src = { file: 'toy/edges.c', fn: 'f', code: 'step' };

/**
 * f: x = 1, then `loops` turns of a counting loop over local i, then a jump over a step that does nothing (no dead set
 * changes with it), then out = x === 1 ? 1 : 2 and y = 1 (a new local).
 */
function lateRead(loops: number): FnDef<{ out: number }> {
  return {
    steps: [
      { label: 'set', src, run: (c) => void ((c.l.x = 1), (c.l.i = 0)) },
      {
        label: 'loop',
        src,
        run: (c) => {
          c.l.i = (c.l.i as number) + 1;
          if ((c.l.i as number) < loops) c.goto('loop');
        },
      },
      { label: 'skip', src, run: (c) => c.goto('read') },
      { label: 'never', src, run: () => {} },
      // y through a variable: a first build's guess from the source (hints.ts) does not see it, so it grows the layout.
      { label: 'read', src, run: (c) => void ((c.w.out = c.l.x === 1 ? 1 : 2), (c.l[late] = 1)) },
    ],
  };
}
const late = 'y';

test('a read the warm-up cannot reach starts the search again, and a local first written there grows the layout', (t) => {
  // The read of x comes after 2100 steps of one thread; the warm-up's walks stop at 2000, so the search meets it
  // with x reset as dead and starts again (at least once); the new local y, written at the same step, grows the
  // layout in the last search (once). Each counts in restarts. (How much the warm-up learns before its time cut
  // depends on the machine's load, so only the lower bound is pinned.)
  const spec: ProgramSpec<{ out: number }> = { name: 'late-read', world: { out: 0 }, fns: { f: lateRead(2100) }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  const r = explore(buildModel(spec), { progress: null });
  t.is(r.verdict, 'pass');
  // init, after set, i = 1..2100 (the last at skip), after skip, after read (the thread done)
  t.is(r.stats.states, 2104);
  t.is(r.stats.transitions, 2103);
  t.true((r.stats.fingerprint?.restarts ?? 0) >= 2, `restarts ${r.stats.fingerprint?.restarts}`);
  // The layout and the read are learnt now: a second build of the same functions starts with them.
  const again = explore(buildModel(spec), { progress: null });
  t.is(again.stats.states, 2104);
  t.is(again.stats.fingerprint?.restarts, 0);
});

/** A factory over `spec`'s packed form whose first layout is `first` (not the learnt guess). */
function factoryOf<W>(spec: ProgramSpec<W>, first: { names: ReadonlyMap<string, readonly string[]>; stackWords: number }) {
  const model = buildModel(spec);
  const real = (model as { packed?: PackedFactory }).packed as PackedFactory;
  const factory: PackedFactory = { hints: () => first, compile: (h, codes) => real.compile(h, codes) };
  return { model, factory, real };
}

/** g(a): out += a, twice. */
const addTwice = (): FnDef<{ out: number }> => ({
  steps: [
    { label: 'one', src, run: (c) => void (c.w.out += c.l.a as number) },
    { label: 'two', src, run: (c) => void (c.w.out += c.l.a as number) },
  ],
});

test('a first layout without the entry arguments: the initial state grows it, and the search goes on', (t) => {
  const spec: ProgramSpec<{ out: number }> = {
    name: 'no-args-layout',
    world: { out: 0 },
    fns: { g: addTwice() },
    threads: [
      { name: 'T0', fn: 'g', args: { a: 1 } },
      { name: 'T1', fn: 'g', args: { a: 10 } },
    ],
  };
  const { model, factory } = factoryOf(spec, { names: new Map(), stackWords: 8 });
  const r = explorePacked(model, factory, packedOptions());
  t.is(r.verdict, 'pass');
  // (pc of T0, pc of T1) in 0..2 each; out is fixed by them
  t.is(r.stats.states, 9);
  t.is(r.stats.transitions, 12);
  t.is(r.stats.fingerprint?.restarts, 1);
});

/** h: n += 1 while n < `to` (one state per value of n), then done. */
function chain(to: number): ProgramSpec<{ n: number }> {
  return {
    name: `chain-${to}`,
    world: { n: 0 },
    fns: {
      h: {
        steps: [
          {
            label: 'inc',
            src,
            run: (c) => {
              c.w.n += 1;
              if (c.w.n < to) c.goto('inc');
            },
          },
        ],
      },
    },
    threads: [{ name: 'T0', fn: 'h', args: {} }],
  };
}

/**
 * Bytes of the search's tables at its bound checks, for a state width w (see the file comment): the visited set, one
 * queue chunk of 4096 states, their fingerprint parts (two words for the world and two for the one thread), ids and
 * depths, and the parent and action tables.
 */
const tableBytes = (w: number) => 2 ** 16 * 8 + 4096 * (w * 2 + 4 * 4 + 4 * 2) + 4096 * 4 * 2;

const chainSearch = (to: number, maxMemoryBytes: (bytes: number) => number) => {
  const hints = { names: new Map([['h', [] as string[]]]), stackWords: 8 };
  const { model, factory, real } = factoryOf(chain(to), hints);
  const w = real.compile(hints, newCodes(false, false)).width;
  return explorePacked(model, factory, packedOptions({ maxMemory: maxMemoryBytes(tableBytes(w)) / 2 ** 20 }));
};

test('max-memory to the byte: tables of exactly the bound pass, one byte less is incomplete', (t) => {
  const exact = chainSearch(600, (b) => b);
  t.is(exact.verdict, 'pass');
  t.is(exact.stats.states, 601);
  const less = chainSearch(600, (b) => b - 1);
  t.is(less.verdict, 'incomplete');
  if (less.verdict === 'incomplete') t.is(less.bound, 'max-memory');
  // cut at the first check, before the 256th expansion: states n = 0..255 discovered
  t.is(less.stats.states, 256);
});

test('a bfs queue reuses its chunk: a long chain keeps its tables', (t) => {
  // 3000 states pass through a queue that holds one at a time: the chunk emptied is the one the next state fills.
  const r = chainSearch(3000, (b) => b);
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 3001);
});

test('a bfs queue grows by a chunk when its frontier passes 4,096 states: the bound of one chunk cuts a binary tree at the 2,304th expansion', (t) => {
  // One thread takes 13 binary choices (n = 2n + bit from n = 1, state number n - 1): at the e-th expansion 2e - 1
  // states are known, all but the e - 1 expanded queued. The 2048th (a bound check: every 256th) sees 4095, one chunk
  // and parent tables of 4096; by the 2304th (4607 states) the queue has a second chunk and the parent tables grew.
  const spec: ProgramSpec<{ n: number }> = {
    name: 'tree',
    world: { n: 1 },
    fns: {
      b: {
        steps: [
          {
            label: 'bit',
            src,
            choices: ['0', '1'],
            run: (c) => {
              c.w.n = c.w.n * 2 + (c.choice === '1' ? 1 : 0);
              if (c.w.n < 8192) c.goto('bit');
            },
          },
        ],
      },
    },
    threads: [{ name: 'T0', fn: 'b', args: {} }],
  };
  const hints = { names: new Map([['b', [] as string[]]]), stackWords: 8 };
  const { model, factory, real } = factoryOf(spec, hints);
  const w = real.compile(hints, newCodes(false, false)).width;
  const r = explorePacked(model, factory, packedOptions({ maxMemory: tableBytes(w) / 2 ** 20 }));
  t.is(r.verdict, 'incomplete');
  if (r.verdict === 'incomplete') t.is(r.bound, 'max-memory');
  t.is(r.stats.states, 4607);
  for (const strategy of ['bfs', 'dfs'] as const) t.is(explorePacked(model, factory, packedOptions({ strategy })).stats.states, 16383);
});

test('a counterexample through state 4096, where the parent table first grows, is the whole path', (t) => {
  const spec: ProgramSpec<{ n: number }> = {
    ...chain(5000),
    name: 'chain-violation',
    stateInvariants: [{ id: 'below-4500', description: 'n < 4500', check: (s) => (s.w.n < 4500 ? null : `n is ${s.w.n}`) }],
  };
  const r = explore(buildModel(spec), { progress: null });
  t.is(r.verdict, 'violation');
  if (r.verdict !== 'violation') return;
  t.is(r.message, 'n is 4500');
  t.is(r.trace.length, 4500);
  t.is(r.stats.states, 4501);
});

test('a counterexample through states past 4096 taken by thread 1: the action table grows with the parent table', (t) => {
  // Thread 0 has one step of its own; thread 1 counts. The shortest path to n = 4500 is thread 1's 4500 steps, through
  // states numbered past 4096: a path read off an action table that stopped growing would say thread 0 (undefined).
  const base = chain(5000);
  const spec: ProgramSpec<{ n: number }> = {
    ...base,
    name: 'chain-violation-thread-1',
    fns: { ...base.fns, idle: { steps: [{ label: 'nop', src, run: () => undefined }] } },
    threads: [
      { name: 'T0', fn: 'idle', args: {} },
      { name: 'T1', fn: 'h', args: {} },
    ],
    stateInvariants: [{ id: 'below-4500', description: 'n < 4500', check: (s) => (s.w.n < 4500 ? null : `n is ${s.w.n}`) }],
  };
  const r = explore(buildModel(spec), { progress: null });
  t.is(r.verdict, 'violation');
  if (r.verdict !== 'violation') return;
  t.is(r.trace.length, 4500);
  t.true(r.trace.every((s) => s.thread === 1));
});

test('a table the machine refuses is the memory bound, not a crash', (t) => {
  // The first layout lacks the entry argument, so the initial state grows it; the grown layout claims a width
  // no arena can hold (2^40 slots for 1024 states): the RangeError of the allocation is reported as max-memory.
  const spec: ProgramSpec<{ out: number }> = { name: 'huge', world: { out: 0 }, fns: { g: addTwice() }, threads: [{ name: 'T0', fn: 'g', args: { a: 1 } }] };
  const { model, real } = factoryOf(spec, { names: new Map(), stackWords: 8 });
  let compiled = 0;
  const factory: PackedFactory = {
    hints: () => ({ names: new Map(), stackWords: 8 }),
    compile: (h, codes) => {
      const pm = real.compile(h, codes);
      return compiled++ === 0 ? pm : { ...pm, width: 2 ** 30 };
    },
  };
  const r = explorePacked(model, factory, packedOptions({ maxMemory: 7 }));
  t.is(r.verdict, 'incomplete');
  if (r.verdict === 'incomplete') {
    t.is(r.bound, 'max-memory');
    t.is(r.limit, 7);
  }
});

test('a RangeError of the model itself is an error, not the memory bound', (t) => {
  const spec: ProgramSpec<{ out: number }> = {
    name: 'range',
    world: { out: 0 },
    fns: {
      g: {
        steps: [
          { label: 'ok', src, run: (c) => void (c.w.out = 1) },
          {
            label: 'bad',
            src,
            run: () => {
              throw new RangeError('index 9 is out of range');
            },
          },
        ],
      },
    },
    threads: [{ name: 'T0', fn: 'g', args: {} }],
  };
  t.throws(() => explore(buildModel(spec), { progress: null }), { instanceOf: RangeError, message: 'index 9 is out of range' });
});

test('without the warm-up (dead locals off) the first layout has the entry arguments and the stack depth earlier builds needed', (t) => {
  const g: FnDef<{ out: number }> = { steps: [{ label: 'add', src, run: (c) => void (c.w.out += c.l.a as number) }] };
  const args: ProgramSpec<{ out: number }> = { name: 'args-only', world: { out: 0 }, fns: { g }, threads: [{ name: 'T0', fn: 'g', args: { a: 3 } }] };
  t.is(explore(buildModel(args), { progress: null, deadLocals: false }).stats.fingerprint?.restarts, 0);
  // rec(d) calls itself down to d = 0: 41 frames, far past the first guess of a thread's stack.
  const rec: FnDef<{ n: number }> = {
    steps: [
      {
        label: 'down',
        src,
        run: (c) => {
          const d = c.l.d as number;
          if (d > 0) c.call('rec', { d: d - 1 });
          else c.w.n += 1;
        },
      },
    ],
  };
  const deep: ProgramSpec<{ n: number }> = { name: 'deep-no-warm-up', world: { n: 0 }, fns: { rec }, threads: [{ name: 'T0', fn: 'rec', args: { d: 40 } }] };
  t.is(explore(buildModel(deep), { progress: null, deadLocals: false }).stats.states, 42);
  const again = explore(buildModel(deep), { progress: null, deadLocals: false });
  t.is(again.stats.states, 42);
  t.is(again.stats.fingerprint?.restarts, 0);
});
