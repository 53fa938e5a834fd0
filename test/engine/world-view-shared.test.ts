/**
 * World views of the same structure share their prototypes across searches
 * (so a step's property loads see one hidden class from one search to the
 * next), yet each view reads and writes its own vector, interns into its own
 * table, and names its own world's fields in errors.
 */
import test from 'ava';
import { Interner } from '../../checker/packed/codec.ts';
import { shapeOf, worldView } from '../../checker/packed/world-view.ts';

interface W {
  n: number;
  pages: { flags: number; ok: boolean; tag: string | null }[];
}

const world = (): W => ({
  n: 0,
  pages: [
    { flags: 1, ok: false, tag: null },
    { flags: 2, ok: true, tag: 'a' },
  ],
});

test('two views of one structure share prototypes, not vectors, interners or paths', (t) => {
  // The second world has one more leaf in front, so its pages sit one slot further on: same structure below the root.
  const a = shapeOf(world());
  const b = shapeOf({ m: 7, ...world() });
  const ia = new Interner();
  const ib = new Interner();
  const va = worldView(a.shape, ia);
  const vb = worldView(b.shape, ib);
  const ra = va.root as W;
  const rb = vb.root as W;
  t.is(Object.getPrototypeOf(ra.pages[0]), Object.getPrototypeOf(rb.pages[1]));
  const ba = new Int16Array(a.next);
  const bb = new Int16Array(b.next);
  va.bind(ba);
  vb.bind(bb);
  (ra.pages[1] as W['pages'][number]).flags = 9;
  (rb.pages[1] as W['pages'][number]).flags = 5;
  // a: n, then pages 0 (flags, ok, tag) and 1 (flags at slot 4); b: m, n, then its pages one slot on.
  t.deepEqual([...ba], [0, 0, 0, 0, 9, 0, 0]);
  t.deepEqual([...bb], [0, 0, 0, 0, 0, 5, 0, 0]);
  (rb.pages[0] as W['pages'][number]).tag = 'z';
  t.is(ib.vals[bb[4] as number], 'z');
  t.is(ia.vals.includes('z'), false);
  t.is((rb.pages[0] as W['pages'][number]).tag, 'z');
  t.is((ra.pages[0] as W['pages'][number]).tag as unknown, undefined); // slot 0 of a's never-stored vector
  // A wrong kind names the field of the view's own world.
  const err = t.throws(() => ((rb.pages[1] as W['pages'][number]).ok = 1 as unknown as boolean));
  t.is(err?.message, 'world field /pages/1/ok holds a boolean; a step stored 1');
  const err2 = t.throws(() => ((ra.pages[0] as W['pages'][number]).flags = 1.5));
  t.is(err2?.message, 'world field /pages/0/flags holds a small integer; a step stored 1.5');
});
