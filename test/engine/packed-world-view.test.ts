/**
 * The packed search's world views behave as the plain world does: nested
 * objects off the first slot, arrays of booleans, strings and mixed values
 * (length and Array methods), integer arrays, arrays of objects, whole
 * objects and arrays assigned to a field, values of every kind. Two threads
 * over such a world visit the same worlds in both searches (each state's
 * world read field by field) and meet the same end. A step that stores a
 * value of the wrong kind is an error naming the field. The last tests, marked
 * failing, show two known gaps: assigning a whole element of an array of
 * objects, and enumerating a world object (for-in).
 */
import test from 'ava';
import { buildModel, explore, type ProgramSpec, type StateInvariant, type StepDef, type SysState } from '../../checker/index.ts';

interface W {
  n: number;
  rec: { a: number; b: boolean; s: string | null; inner: { x: number; y: boolean } };
  bools: boolean[];
  names: (string | null)[];
  mixed: (number | string)[];
  ints: number[];
  recs: { a: number; t: boolean }[];
  grid: number[][];
}

const world = (): W => ({
  n: 0,
  rec: { a: 1, b: false, s: null, inner: { x: 0, y: false } },
  bools: [false, false, true],
  names: [null, 'b'],
  mixed: [3, 'x'],
  ints: [1, 2, 3],
  recs: [
    { a: 0, t: false },
    { a: 5, t: true },
  ],
  grid: [
    [0, 1],
    [2, 3],
  ],
});

/** Every field of the world, read the way steps read them. */
const snap = (w: W) =>
  JSON.stringify([
    w.n,
    [w.rec.a, w.rec.b, w.rec.s, w.rec.inner.x, w.rec.inner.y],
    w.bools.map((b) => b),
    w.bools.length,
    w.names.map((s) => s),
    [w.mixed[0], w.mixed[1], w.mixed.length],
    [...w.ints],
    w.recs.map((r) => [r.a, r.t]),
    w.grid.map((row) => [...row]),
  ]);

const src = { file: 'toy/world.c', fn: 'f', code: 'step' };
const step = (label: string, run: StepDef<W>['run']): StepDef<W> => ({ label, src, run });

const t0: StepDef<W>[] = [
  step('whole-object', (c) => void (c.w.rec.inner = { x: c.w.n + 1, y: !c.w.rec.inner.y })),
  step('array-methods', (c) => {
    c.w.bools[1] = c.w.bools.every((b) => !b) || c.w.bools.length === 3;
    c.w.names[0] = c.w.names.indexOf(null) >= 0 ? 'set' : null;
    c.w.mixed[0] = typeof c.w.mixed[1] === 'string' ? c.w.mixed.length + c.w.ints.length : 0;
  }),
  step('whole-arrays', (c) => {
    c.w.ints = [c.w.ints[2]!, c.w.ints[0]!, c.w.ints.reduce((a, b) => a + b, 0)];
    c.w.rec.inner.x = c.w.grid[1]![0]! + c.w.grid[0]!.length;
  }),
];
const t1: StepDef<W>[] = [
  step('fields', (c) => {
    c.w.rec.a += 1;
    c.w.rec.s = c.w.rec.b ? 'yes' : 'no';
    c.w.rec.b = !c.w.rec.b;
  }),
  step('array-of-objects', (c) => {
    c.w.recs[1]!.a = c.w.recs.map((r) => r.a).reduce((a, b) => a + b, 0) % 7;
    c.w.recs[0]!.t = !c.w.recs[0]!.t;
    c.w.grid[0]![1] = c.w.recs[1]!.a;
  }),
  step('counter', (c) => void (c.w.n = c.w.rec.inner.x + c.w.names.length + (c.w.names[1] === 'b' ? 1 : 0))),
];

/** Records the world of every state it is asked about. */
const recorder = (seen: Set<string>): StateInvariant<SysState<W>> => ({
  id: 'record',
  description: 'records each world',
  check: (s) => {
    seen.add(snap(s.w));
    return null;
  },
});

const spec = (seen: Set<string>): ProgramSpec<W> => ({
  name: 'world-views',
  world: world(),
  fns: { t0: { steps: t0 }, t1: { steps: t1 } },
  threads: [
    { name: 'T0', fn: 't0', args: {} },
    { name: 'T1', fn: 't1', args: {} },
  ],
  stateInvariants: [recorder(seen)],
  endChecks: [{ id: 'end', description: 'the final world', check: (s) => snap(s.w) }],
});

test('two threads over every kind of world field: the same worlds and the same final world in both searches', (t) => {
  const worlds = { object: new Set<string>(), packed: new Set<string>(), exact: new Set<string>() };
  const runs = {
    object: explore(buildModel(spec(worlds.object)), { progress: null, engine: 'object' }),
    packed: explore(buildModel(spec(worlds.packed)), { progress: null }),
    exact: explore(buildModel(spec(worlds.exact)), { progress: null, exact: true }),
  };
  // The end check reports the final world of the first finished state bfs meets.
  const o = runs.object;
  t.is(o.verdict, 'violation');
  for (const k of ['packed', 'exact'] as const) {
    const r = runs[k];
    t.is(r.verdict, 'violation', k);
    if (r.verdict === 'violation' && o.verdict === 'violation') {
      t.is(r.message, o.message, k);
      t.is(r.schedule, o.schedule, k);
    }
    t.is(r.stats.states, o.stats.states, k);
    t.deepEqual([...worlds[k]].sort(), [...worlds.object].sort(), k);
  }
  t.true(worlds.object.size >= 10);
});

/** A one-step program over `world()` that runs `run`. */
const oneStep = (run: StepDef<W>['run']): ProgramSpec<W> => ({
  name: 'store',
  world: world(),
  fns: { f: { steps: [step('s', run)] } },
  threads: [{ name: 'T0', fn: 'f', args: {} }],
  endChecks: [{ id: 'end', description: 'the final world', check: (s) => snap(s.w) }],
});

const packedError = (run: StepDef<W>['run']) => () => explore(buildModel(oneStep(run)), { progress: null });

test('a step that stores a value of the wrong kind is an error naming the field (packed search)', (t) => {
  const w = (c: { w: W }) => c.w as unknown as Record<string, Record<string, unknown>>;
  t.throws(packedError((c) => void (w(c).rec!.a = 1.5)), { instanceOf: TypeError, message: 'world field /rec/a holds a small integer; a step stored 1.5' });
  t.throws(packedError((c) => void (w(c).rec!.b = 1)), { instanceOf: TypeError, message: 'world field /rec/b holds a boolean; a step stored 1' });
  t.throws(packedError((c) => void ((c.w as unknown as { n: unknown }).n = 'x')), { instanceOf: TypeError, message: 'world field /n holds a small integer; a step stored x' });
  t.throws(packedError((c) => void (w(c).rec!.inner = 3)), { instanceOf: TypeError, message: 'world field /rec/inner is an object; a step stored 3' });
  t.throws(packedError((c) => void (w(c).rec!.inner = null)), { instanceOf: TypeError, message: 'world field /rec/inner is an object; a step stored null' });
  t.throws(packedError((c) => void (w(c).rec!.inner = { x: 1, y: 2 })), { instanceOf: TypeError, message: 'world field /rec/inner/y holds a boolean; a step stored 2' });
  t.throws(packedError((c) => void ((c.w as unknown as { ints: unknown }).ints = [1, 2])), { instanceOf: TypeError, message: 'world field /ints is an array of 3; a step stored [1,2]' });
  t.throws(packedError((c) => void ((c.w as unknown as { ints: unknown }).ints = 'abc')), { instanceOf: TypeError, message: 'world field /ints is an array of 3; a step stored "abc"' });
  t.throws(packedError((c) => void ((c.w as unknown as { names: unknown }).names = [1, 2, 3])), { instanceOf: TypeError, message: 'world field /names is an array of 2; a step stored [1,2,3]' });
});

test('a whole array stored through a typed array, and values of every kind in a value field', (t) => {
  const r = explore(
    buildModel(
      oneStep((c) => {
        c.w.ints = Int16Array.of(7, 8, 9) as unknown as number[];
        c.w.names = ['x', null];
        c.w.mixed = [-4, 'y'];
      }),
    ),
    { progress: null },
  );
  t.is(r.verdict === 'violation' ? r.message : r.verdict, '[0,[1,false,null,0,false],[false,false,true],3,["x",null],[-4,"y",2],[7,8,9],[[0,false],[5,true]],[[0,1],[2,3]]]');
});

test('a step that writes a world field the world does not have is an error (packed search)', (t) => {
  t.throws(packedError((c) => void ((c.w as unknown as Record<string, unknown>).extra = 1)), { instanceOf: TypeError, message: /extra/ });
  t.throws(packedError((c) => void ((c.w.rec as unknown as Record<string, unknown>).extra = 1)), { instanceOf: TypeError, message: /extra/ });
});

test('a world that is not an object or an array cannot be packed', (t) => {
  const s: ProgramSpec<number> = { name: 'scalar', world: 5, fns: { f: { steps: [{ label: 's', src, run: () => {} }] } }, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  t.is(explore(buildModel(s), { progress: null, engine: 'object' }).verdict, 'pass');
  t.throws(() => explore(buildModel(s), { progress: null }), { instanceOf: TypeError, message: 'the world must be an object or an array' });
});

// Known gaps of the packed world views (the object search gets these right).
test.failing('known gap: assigning a whole element of an array of objects or arrays', (t) => {
  const run: StepDef<W>['run'] = (c) => {
    c.w.recs[1] = { a: 6, t: false };
    c.w.grid[1] = [9, 9];
  };
  const o = explore(buildModel(oneStep(run)), { progress: null, engine: 'object' });
  const p = explore(buildModel(oneStep(run)), { progress: null });
  t.is(p.verdict === 'violation' ? p.message : p.verdict, o.verdict === 'violation' ? o.message : o.verdict);
});

test('for-in over a world object lists its fields only', (t) => {
  const run: StepDef<W>['run'] = (c) => {
    let k = 0;
    for (const _ in c.w.rec.inner) k++;
    c.w.n = k;
  };
  const o = explore(buildModel(oneStep(run)), { progress: null, engine: 'object' });
  const p = explore(buildModel(oneStep(run)), { progress: null });
  t.is(p.verdict === 'violation' ? p.message : p.verdict, o.verdict === 'violation' ? o.message : o.verdict);
});
