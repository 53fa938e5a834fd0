/**
 * The packed search's first layout is a guess: the entry arguments of each
 * thread, and the locals and stack depth that earlier searches of the same
 * functions needed. A guess that falls short costs a restart (counted in
 * stats.fingerprint.restarts), never a different answer. Every program here
 * is built afresh inside its test, so nothing was learned about it before;
 * the tests pin what a later build saves, not how the first one grows.
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec } from '../../checker/index.ts';

interface W {
  out: number[];
}
const src = { file: 'toy/layout.c', fn: 'f', code: 'step' };

/** f(a): x = a + 1 (a local no argument names), then out[tid] = x. */
function writesLocal(): FnDef<W> {
  return {
    steps: [
      { label: 'w', src, run: (c) => void (c.l.x = (c.l.a as number) + 1) },
      { label: 'r', src, run: (c) => void (c.w.out[c.tid] = c.l.x as number) },
    ],
  };
}

const spec = (f: FnDef<W>, args: Record<string, number>[]): ProgramSpec<W> => ({
  name: 'layout',
  world: { out: args.map(() => 0) },
  fns: { f },
  threads: args.map((a, i) => ({ name: `T${i}`, fn: 'f', args: a })),
});

const restarts = (s: ProgramSpec<W>) => explore(buildModel(s), { progress: null }).stats.fingerprint?.restarts;

test('entry arguments are in the first layout: a program that writes only them never restarts', (t) => {
  const f: FnDef<W> = { steps: [{ label: 'r', src, run: (c) => void ((c.w.out[c.tid] = c.l.a as number), (c.l.a = 0)) }] };
  t.is(restarts(spec(f, [{ a: 1 }, { a: 2 }])), 0);
});

test('a local no argument names may cost the first search a restart, and a later build of the same functions none', (t) => {
  const f = writesLocal();
  t.true([0, 1].includes(restarts(spec(f, [{ a: 1 }, { a: 2 }])) ?? -1));
  t.is(restarts(spec(f, [{ a: 1 }, { a: 2 }])), 0);
  // Another program over the same functions, with other arguments, starts with what the first one learned.
  t.is(restarts(spec(f, [{ a: 3 }])), 0);
});

test('what one program learned survives another program over the same functions with other argument names', (t) => {
  const f: FnDef<W> = {
    steps: [
      { label: 'w', src, run: (c) => void (c.l.x = ((c.l.a as number | undefined) ?? 0) + ((c.l.b as number | undefined) ?? 0)) },
      { label: 'r', src, run: (c) => void (c.w.out[c.tid] = c.l.x as number) },
    ],
  };
  t.true([0, 1].includes(restarts(spec(f, [{ a: 1 }])) ?? -1)); // learns a, x
  t.is(restarts(spec(f, [{ b: 1 }])), 0); // b is an argument; x was learned
  t.is(restarts(spec(f, [{ a: 2 }])), 0);
});

test('a deep call stack costs one search its restarts, and a later build of it none', (t) => {
  interface R {
    n: number;
  }
  const rec: FnDef<R> = {
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
  // 40 frames of 4 slots each: far past the first guess of a thread's stack.
  const s: ProgramSpec<R> = { name: 'deep', world: { n: 0 }, fns: { rec }, threads: [{ name: 'T0', fn: 'rec', args: { d: 40 } }] };
  const first = explore(buildModel(s), { progress: null });
  t.is(first.stats.states, 42);
  const again = explore(buildModel(s), { progress: null });
  t.is(again.stats.states, 42);
  t.is(again.stats.fingerprint?.restarts, 0);
});
