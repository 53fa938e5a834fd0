/**
 * The static side of partial-order reduction (packed/por.ts): footprints run
 * on symbolic locals and world, the overlap of the paths they give, the
 * table of independent steps, and --check-footprints catching a footprint
 * whose symbolic run misses a concrete path.
 */
import test from 'ava';
import { buildModel, explore, UndeclaredReadError, type FnDef, type Footprint, type ProgramSpec } from '../../checker/index.ts';
import { coveredBy, independentSteps, overlaps, symbolicPaths } from '../../checker/packed/por.ts';

type Fp = Footprint<{ obj: number; list: number[] }>;
const sym = (fp: Fp | undefined) => symbolicPaths(fp);

test('fixed paths, a local and a world value each give a path, a segment from a value standing for any', (t) => {
  t.deepEqual(sym(undefined), []);
  t.deepEqual(sym(() => ['a', 'b/c']), [['a'], ['b', 'c']]);
  t.deepEqual(sym((l) => [`pages/${String(l.p)}/flags`]), [['pages', '*', 'flags']]);
  t.deepEqual(sym((_l, w) => [`pages/${w.obj}/ref`]), [['pages', '*', 'ref']]);
  // A value changed into a string still shows in its segment.
  t.deepEqual(sym((l) => [`arr/${String(l.i)}1`]), [['arr', '*']]);
  // A world list iterates as one element.
  t.deepEqual(sym((_l, w) => [...w.list].map((p) => `pages/${p}`)), [['pages', '*']]);
});

test('a footprint that chooses on a value, computes with it or throws cannot be bounded (null)', (t) => {
  t.is(sym((l) => (l.x ? ['a'] : ['b'])), null);
  t.is(sym((l) => [`arr/${(l.i as number) * 2}`]), null);
  t.is(sym((_l, w) => (w.obj > 0 ? ['a'] : [])), null);
  t.is(
    sym(() => {
      throw new Error('no');
    }),
    null,
  );
  t.is(sym((_l, w) => w.list.map((p) => `pages/${p}`)), null);
  t.is(sym(() => [null] as never), null);
  t.is(sym(() => 'a' as never), null);
});

test('coveredBy: a concrete path at or below a pattern, a wildcard matching one segment', (t) => {
  const pats = [['pages', '*', 'flags'], ['k']];
  t.true(coveredBy('pages/3/flags', pats));
  t.true(coveredBy('pages/3/flags/lock', pats));
  t.true(coveredBy('k/0', pats));
  t.false(coveredBy('pages/3', pats));
  t.false(coveredBy('pages/3/ref', pats));
  t.false(coveredBy('x', pats));
  t.true(coveredBy('anything', null));
  t.false(coveredBy('k', []));
});

test('overlap: a wildcard meets any segment, a path meets what lies below it, an unbounded footprint meets every non-empty one', (t) => {
  t.true(overlaps([['pages', '*', 'flags']], [['pages', '0']]));
  t.true(overlaps([['pages', '*', 'flags']], [['pages', '1', 'flags']]));
  t.false(overlaps([['pages', '*', 'flags']], [['pages', '0', 'ref']]));
  t.false(overlaps([['k']], [['x', '0']]));
  t.true(overlaps(null, [['k']]));
  t.false(overlaps(null, []));
});

interface W {
  k: number;
  a: number;
  arr: number[];
}
const src = (code: string) => ({ file: 'toy/fp.c', fn: 'f', code });

test('independent steps: no write, and reads that no step of the program writes', (t) => {
  const f: FnDef<W> = {
    steps: [
      { label: 'readK', src: src('v = k'), reads: () => ['k'], run: () => {} },
      { label: 'readA', src: src('v = a'), reads: () => ['a'], run: () => {} },
      { label: 'local', src: src('v++'), run: () => {} },
      { label: 'writeA', src: src('a = 1'), writes: () => ['a'], run: () => {} },
      { label: 'readArr', src: src('v = arr[i]'), reads: (l) => [`arr/${String(l.i)}`], run: () => {} },
    ],
  };
  t.deepEqual([...(independentSteps([f], true)[0] as Uint8Array)], [1, 0, 1, 0, 1]);
  t.deepEqual([...(independentSteps([f], false)[0] as Uint8Array)], [0, 0, 0, 0, 0]);
  const g: FnDef<W> = { steps: [{ label: 'writeSome', src: src('arr[j] = 1'), writes: (l) => (l.j ? ['arr/0'] : ['arr/1']), run: () => {} }] };
  // An unbounded write may touch anything: only a step that reads nothing stays independent.
  t.deepEqual([...(independentSteps([f, g], true)[0] as Uint8Array)], [0, 0, 1, 0, 0]);
});

test('--check-footprints fails on a footprint whose symbolic run misses the path it gives', (t) => {
  // Symbolically x is not null, so the run gives arr/<x> only; at x = null it writes a.
  const f: FnDef<W> = {
    steps: [{ label: 'hide', src: src('x == NULL ? a = 1 : arr[x] = 1'), writes: (l) => (l.x === null ? ['a'] : [`arr/${String(l.x)}`]), run: (c) => void (c.w.a = 1) }],
  };
  const spec: ProgramSpec<W> = { name: 'fp', world: { k: 0, a: 0, arr: [0, 0] }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: { x: null } }], footprints: 'complete' };
  const e = t.throws(() => explore(buildModel(spec, { checkWrites: true, checkReads: true }), { progress: null }), { instanceOf: UndeclaredReadError });
  // A read hidden the same way is named as a read.
  const g: FnDef<W> = {
    steps: [{ label: 'peek', src: src('v = x == NULL ? k : arr[x]'), reads: (l) => (l.x === null ? ['k'] : [`arr/${String(l.x)}`]), run: (c) => void (c.l.v = c.w.k) }],
  };
  const r = t.throws(() => explore(buildModel({ ...spec, fns: { f: g } }, { checkWrites: true, checkReads: true }), { progress: null }), { instanceOf: UndeclaredReadError });
  t.regex(r?.message ?? '', /^footprint: step f:peek \(thread T0\) reads k, which its footprint run on symbolic/);
  // A program that does not declare its footprints complete is not held to it (no reduction rests on them).
  const { footprints: _, ...plain } = spec;
  t.is(explore(buildModel(plain, { checkWrites: true, checkReads: true }), { progress: null }).verdict, 'pass');
  t.is(
    e?.message,
    'footprint: step f:hide (thread T0) writes a, which its footprint run on symbolic locals and world does not give (it chooses between paths on a value): partial-order reduction would miss it; write the footprint as one list of paths',
  );
});
