/**
 * The world view's dirty mask, which tells `apply` which slots a transition
 * may have changed (so it need not compare the whole world): a leaf write
 * marks its slot, reaching an integer array marks all its slots (its element
 * writes are unseen), a whole object or array assigned marks its slots, and a
 * read of a leaf marks nothing. MOVCHECK_DEBUG_DIRTY=1 compares the whole
 * world after every apply: every catalog pair passes it, and a step that keeps
 * an integer array from an earlier step is named by it.
 */
import test from 'ava';
import { Interner } from '../../checker/packed/codec.ts';
import { shapeOf, worldView } from '../../checker/packed/world-view.ts';
import { buildModel, explore, type ProgramSpec, type Result, type StepDef } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';

interface W {
  n: number;
  pages: { flags: number; ok: boolean; tag: string | null; holds: number[] }[];
  rec: { a: number; b: number };
}

const world = (): W => ({
  n: 0,
  pages: [
    { flags: 1, ok: false, tag: null, holds: [0, 0, 0] },
    { flags: 2, ok: true, tag: 'a', holds: [1, 0, 0] },
  ],
  rec: { a: 0, b: 0 },
});

/** The slots whose dirty bits are set. */
const marked = (m: Int32Array): number[] => {
  const out: number[] = [];
  for (let s = 0; s < 32 * m.length; s++) if (((m[s >>> 5] as number) >>> (s & 31)) & 1) out.push(s);
  return out;
};

test('writes mark their slots; reaching an integer array marks all of it; a leaf read marks nothing', (t) => {
  // Slots: n 0; page 0: flags 1, ok 2, tag 3, holds 4-6; page 1: flags 7, ok 8, tag 9, holds 10-12; rec 13-14; fault 15.
  const { shape, next } = shapeOf(world());
  t.is(next, 15);
  const v = worldView(shape, new Interner());
  const buf = new Int16Array(next + 1);
  v.bind(buf);
  const w = v.root as W;
  const m = v.holder.m;
  t.is(m.length, 1);
  t.deepEqual(marked(m), []);
  void w.n;
  void w.pages[1]?.flags;
  void w.pages[0]?.ok;
  t.deepEqual(marked(m), [], 'leaf reads');
  w.n = 3;
  (w.pages[1] as W['pages'][number]).ok = false;
  (w.pages[0] as W['pages'][number]).tag = 'x';
  t.deepEqual(marked(m), [0, 3, 8]);
  m.fill(0);
  const h = (w.pages[1] as W['pages'][number]).holds;
  t.deepEqual(marked(m), [10, 11, 12], 'an integer array, reached (to read or to write)');
  h[2] = 4;
  t.is(buf[12], 4);
  m.fill(0);
  w.rec = { a: 1, b: 2 };
  t.deepEqual(marked(m), [13, 14], 'an object assigned whole');
  m.fill(0);
  (w.pages[0] as W['pages'][number]).holds = [7, 8, 9];
  t.deepEqual(marked(m), [4, 5, 6], 'an integer array assigned whole');
  t.deepEqual([...buf.subarray(4, 7)], [7, 8, 9]);
});

test('a world past 32 slots: marks land in the right word', (t) => {
  const big = { xs: Array.from({ length: 40 }, () => ({ v: 0 })), last: 0 };
  const { shape, next } = shapeOf(big);
  const v = worldView(shape, new Interner());
  v.bind(new Int16Array(next + 1));
  const w = v.root as typeof big;
  t.is(v.holder.m.length, 2);
  (w.xs[33] as { v: number }).v = 1;
  w.last = 5;
  t.deepEqual(marked(v.holder.m), [33, 40]);
});

test('MOVCHECK_DEBUG_DIRTY: every catalog pair passes the whole-world comparison, with its usual result', (t) => {
  const key = (r: Result) => `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} ${r.schedule}` : ''} ${r.stats.states}/${r.stats.transitions}`;
  const pairs = catalog.flatMap((s) => s.protocols.map((id) => ({ s, p: protocolById(id)! })));
  const usual = pairs.map(({ s, p }) => key(explore(s.build(p), { progress: null })));
  process.env.MOVCHECK_DEBUG_DIRTY = '1';
  try {
    t.deepEqual(
      pairs.map(({ s, p }) => key(explore(s.build(p), { progress: null }))),
      usual,
    );
  } finally {
    delete process.env.MOVCHECK_DEBUG_DIRTY;
  }
  t.true(pairs.length > 300);
});

test('MOVCHECK_DEBUG_DIRTY names a write through an integer array kept from an earlier step', (t) => {
  let kept: number[] | null = null;
  const src = { file: 'toy/dirty.c', fn: 'f', code: 'step' };
  const steps: StepDef<W>[] = [
    { label: 'keep', src, run: (c) => void (kept = (c.w.pages[0] as W['pages'][number]).holds) },
    { label: 'write', src, run: () => void ((kept as number[])[1] = 5) },
  ];
  const spec: ProgramSpec<W> = { name: 'dirty', world: world(), fns: { f: { steps } }, threads: [{ name: 'T', fn: 'f', args: {} }] };
  process.env.MOVCHECK_DEBUG_DIRTY = '1';
  try {
    const err = t.throws(() => explore(buildModel(spec), { progress: null }));
    t.regex(err.message, /thread T changed world field \/pages\/0\/holds\/1 \(0 -> 5\) unseen by the dirty mask/);
  } finally {
    delete process.env.MOVCHECK_DEBUG_DIRTY;
  }
});
