/**
 * The read tracker of --check-footprints on its own: leaf reads are recorded
 * with their paths (null leaves too, and a field named length of a plain
 * object); an array's length, its methods and iteration are structure, the
 * elements they visit are reads; objects stored through the proxy are stored
 * unwrapped, and null and numbers go through; a declared path covers the
 * paths below it, not a path that merely ends like it.
 */
import test from 'ava';
import { firstUndeclared, trackReads } from '../../checker/program/reads.ts';

interface W {
  n: number | null;
  none: null;
  rec: { x: number; length: number };
  pages: { flags: number }[];
  other: { x: number } | null;
}

const world = (): W => ({ n: 1, none: null, rec: { x: 2, length: 7 }, pages: [{ flags: 1 }, { flags: 2 }], other: { x: 9 } });

test('leaf reads are recorded with their paths, null leaves and a plain field named length too', (t) => {
  const seen: string[] = [];
  const w = trackReads(world(), seen);
  t.is(w.n, 1);
  t.is(w.none, null);
  t.is(w.rec.length, 7);
  t.is(w.rec.x, 2);
  t.deepEqual(seen, ['n', 'none', 'rec/length', 'rec/x']);
});

test('array length, methods and iteration are structure; the elements they visit are reads', (t) => {
  const seen: string[] = [];
  const w = trackReads(world(), seen);
  t.is(w.pages.length, 2);
  t.deepEqual(seen, []);
  t.deepEqual(
    w.pages.map((p) => p.flags),
    [1, 2],
  );
  t.deepEqual(seen, ['pages/0/flags', 'pages/1/flags']);
  seen.length = 0;
  let sum = 0;
  for (const p of w.pages) sum += p.flags;
  t.is(sum, 3);
  t.deepEqual(seen, ['pages/0/flags', 'pages/1/flags']);
  // A symbol-keyed read (Symbol.toStringTag, read by Object.prototype.toString) is not a leaf read.
  seen.length = 0;
  t.is(Object.prototype.toString.call(w.rec), '[object Object]');
  t.deepEqual(seen, []);
});

test('writes go through unwrapped: an object read through the proxy is stored as itself; null and numbers as they are', (t) => {
  const seen: string[] = [];
  const raw = world();
  const w = trackReads(raw, seen);
  w.rec = w.other as unknown as W['rec'];
  w.other = null;
  w.n = null;
  (w as unknown as Record<string, unknown>).extra = undefined;
  w.pages[1] = { flags: 8 };
  t.deepEqual(seen, []);
  // Reading the raw world afterwards records nothing: no proxy was stored in it.
  t.is(raw.rec.x, 9);
  t.is(raw.other, null);
  t.is(raw.n, null);
  t.true('extra' in raw);
  t.is(raw.pages[1]!.flags, 8);
  t.deepEqual(seen, []);
});

test('firstUndeclared: a declared path covers itself and the paths below it', (t) => {
  t.is(firstUndeclared(['pages/0/flags', 'n'], ['pages/0', 'n']), null);
  t.is(firstUndeclared(['pages/0/flags'], ['pages/0/flags']), null);
  t.is(firstUndeclared(['pages/0/flags', 'n'], ['pages/0']), 'n');
  t.is(firstUndeclared(['pages/10/flags'], ['pages/1']), 'pages/10/flags');
  t.is(firstUndeclared(['a/pages/0'], ['pages/0']), 'a/pages/0');
  t.is(firstUndeclared([], []), null);
});

test('a typed array in the world: its length is structure, its elements are reads (the accessors see the array, not the proxy)', (t) => {
  const seen: string[] = [];
  const w = trackReads({ holds: new Int16Array([3, 4]) }, seen);
  t.is(w.holds.length, 2);
  t.deepEqual(seen, []);
  t.is(w.holds[1], 4);
  t.deepEqual(seen, ['holds/1']);
});
