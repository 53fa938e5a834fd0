/**
 * Packed world views at the edges the catalog's worlds do not reach: for-in
 * over a view lists value and object fields too; arrays of arrays and of
 * objects are real arrays; an array mixing leaves and objects; a whole object
 * stored into the second element of an array of objects (its slots shifted
 * from the first element's); the paths in the wrong-kind errors of array
 * elements and whole objects; a packed state read back into the plain world
 * (decode), in the initial state and after steps.
 */
import test from 'ava';
import { buildModel, explore, type ProgramSpec, type Result, type StepDef, type SysState } from '../../checker/index.ts';
import { Interner } from '../../checker/packed/codec.ts';
import { newCodes } from '../../checker/packed/compile.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';
import { shapeOf, store } from '../../checker/packed/world-view.ts';

interface W {
  n: number;
  keys: string | null;
  rec: { a: number; b: boolean; s: string | null; inner: { x: number; y: boolean } };
  flags: boolean[];
  grid: number[][];
  recs: { a: number; inner: { y: boolean; s: string | null } }[];
  mix: (number | { a: number })[];
}

const world = (): W => ({
  n: 0,
  keys: null,
  rec: { a: 1, b: true, s: 'v', inner: { x: 2, y: false } },
  flags: [true, false],
  grid: [
    [1, 2],
    [3, 4],
  ],
  recs: [
    { a: 1, inner: { y: false, s: null } },
    { a: 2, inner: { y: false, s: 'p' } },
  ],
  mix: [5, { a: 6 }],
});

const src = { file: 'toy/view.c', fn: 'f', code: 'step' };

const oneStep = (run: StepDef<W>['run']): ProgramSpec<W> => ({
  name: 'view-edges',
  world: world(),
  fns: { f: { steps: [{ label: 's', src, run }] } },
  threads: [{ name: 'T0', fn: 'f', args: {} }],
  endChecks: [{ id: 'end', description: 'the final world', check: (s) => snap(s.w) }],
});

/** Every field of the world, read the way steps read them (JSON.stringify sees no fields of a view: they are accessors). */
const snap = (w: W) =>
  JSON.stringify({
    n: w.n,
    keys: w.keys,
    rec: { a: w.rec.a, b: w.rec.b, s: w.rec.s, inner: { x: w.rec.inner.x, y: w.rec.inner.y } },
    flags: [w.flags[0], w.flags[1]],
    grid: w.grid.map((row) => [row[0], row[1]]),
    recs: w.recs.map((r) => ({ a: r.a, inner: { y: r.inner.y, s: r.inner.s } })),
    mix: [w.mix[0], (w.mix[1] as { a: number }).a],
  });

const outcome = (r: Result) => (r.verdict === 'violation' ? r.message : r.verdict);
const both = (run: StepDef<W>['run']) => ({
  object: outcome(explore(buildModel(oneStep(run)), { progress: null, engine: 'object' })),
  packed: outcome(explore(buildModel(oneStep(run)), { progress: null })),
});

test('for-in over a view lists its value and object fields as the plain object does', (t) => {
  const { object, packed } = both((c) => {
    const ks: string[] = [];
    for (const k in c.w.rec) ks.push(k);
    c.w.keys = ks.join(',');
  });
  t.is(packed, object);
  t.true(object.includes('"keys":"a,b,s,inner"'));
});

test('arrays of arrays and arrays of objects are arrays; an array mixing numbers and objects reads as the plain one', (t) => {
  const { object, packed } = both((c) => {
    c.w.n = (Array.isArray(c.w.grid) ? 1 : 0) + (Array.isArray(c.w.recs) ? 2 : 0) + (c.w.mix[0] as number) * 10 + (c.w.mix[1] as { a: number }).a * 100;
  });
  t.is(packed, object);
  t.true(object.startsWith('{"n":653,'));
});

test('a whole object stored into the second element of an array of objects lands in that element', (t) => {
  const { object, packed } = both((c) => {
    c.w.recs[1]!.inner = { y: true, s: 'q' };
    c.w.recs[0]!.inner = { y: true, s: 'r' };
  });
  t.is(packed, object);
  t.true(object.includes('"recs":[{"a":1,"inner":{"y":true,"s":"r"}},{"a":2,"inner":{"y":true,"s":"q"}}]'));
});

const packedError = (run: StepDef<W>['run']) => () => explore(buildModel(oneStep(run)), { progress: null });

test('wrong kinds in array elements and in whole objects: the error names the element', (t) => {
  t.throws(
    packedError((c) => void ((c.w.flags as unknown[])[1] = 5)),
    { instanceOf: TypeError, message: 'world field /flags/1 holds a boolean; a step stored 5' },
  );
  t.throws(
    packedError((c) => void ((c.w.rec as { inner: unknown }).inner = { x: 'str', y: true })),
    { instanceOf: TypeError, message: 'world field /rec/inner/x holds a small integer; a step stored str' },
  );
});

test('a whole object with a field the initial world does not have: an error naming the field, never a silent drop', (t) => {
  t.throws(
    packedError((c) => void ((c.w.rec as { inner: unknown }).inner = { x: 3, y: true, z: 1 })),
    { instanceOf: TypeError, message: 'world field /rec/inner/z is not in the initial world; a step stored an object with it (give every field a value in the initial world)' },
  );
  const { shape } = shapeOf({ a: 1 });
  t.throws(() => store(shape, { a: 2, b: 3 }, new Int16Array(2), new Interner()), { instanceOf: TypeError, message: /world field \/b is not in the initial world/ });
});

test('store() of a non-object at the root names the root', (t) => {
  const { shape } = shapeOf({ a: 1 });
  t.throws(() => store(shape, 5, new Int16Array(2), new Interner()), { instanceOf: TypeError, message: 'world field (root) is an object; a step stored 5' });
});

test('decode reads a packed state back into the plain state: the initial state and its successors', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'decode',
    world: world(),
    fns: {
      f: {
        steps: [
          { label: 'a', src, run: (c) => void ((c.l.k = 'kv'), (c.w.rec.b = false), (c.w.rec.s = null), (c.w.flags[1] = true)) },
          { label: 'b', src, run: (c) => void ((c.w.recs[1]!.inner.s = c.l.k as string), (c.w.grid[1]![0] = 9), ((c.w.mix[1] as { a: number }).a = 7)) },
        ],
      },
    },
    threads: [
      { name: 'T0', fn: 'f', args: { k: 0 } },
      { name: 'T1', fn: 'f', args: { k: 1 } },
    ],
  };
  const model = buildModel(spec);
  const factory = (model as { packed?: PackedFactory }).packed as PackedFactory;
  const pm = factory.compile({ names: new Map([['f', ['k']]]), stackWords: 8 }, newCodes(false, false));
  pm.init();
  let s: SysState<W> = model.init();
  t.deepEqual(pm.decode(pm.dst), s);
  t.deepEqual((pm.decode(pm.dst) as SysState<W>).w, world());
  // T0 runs both steps, then T1 its first.
  for (const thread of [0, 0, 1]) {
    pm.src.set(pm.dst);
    pm.loaded();
    pm.apply(thread << 8);
    s = model.apply(s, { thread, choice: 0, choices: 1 });
    t.deepEqual(pm.decode(pm.dst), s);
  }
  const w = (pm.decode(pm.dst) as SysState<W>).w;
  t.deepEqual(w.rec, { a: 1, b: false, s: null, inner: { x: 2, y: false } });
  t.deepEqual(w.flags, [true, true]);
  t.deepEqual(w.recs[1], { a: 2, inner: { y: false, s: 'kv' } });
  t.deepEqual(w.grid, [
    [1, 2],
    [9, 4],
  ]);
  t.deepEqual(w.mix, [5, { a: 7 }]);
});
