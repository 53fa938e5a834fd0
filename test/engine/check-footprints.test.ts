/**
 * --check-footprints (BuildOptions.checkReads): a step, its guard, or a local
 * step that reads a world field its footprint does not declare is an error
 * naming the step and the field; declared reads (or writes) pass, and the
 * check changes no count.
 */
import test from 'ava';
import { buildModel, explore, UndeclaredReadError, type FnDef, type ProgramSpec } from '../../checker/index.ts';

interface W {
  a: number;
  b: number;
  arr: number[];
}
const src = (code: string) => ({ file: 'toy/fp.c', fn: 'f', code });

function spec(f: FnDef<W>): ProgramSpec<W> {
  return { name: 'fp', world: { a: 0, b: 0, arr: [0, 0] }, fns: { f }, threads: [{ name: 'T0', fn: 'f', args: { i: 1 } }, { name: 'T1', fn: 'f', args: { i: 0 } }] };
}

const good: FnDef<W> = {
  steps: [
    { label: 'copy', src: src('b = a'), reads: () => ['a'], writes: () => ['b'], run: (c) => void (c.w.b = c.w.a) },
    { label: 'bump', src: src('a++'), writes: () => ['a'], run: (c) => void (c.w.a += 1) },
    { label: 'slot', src: src('arr[i] = b'), reads: () => ['b'], writes: (l) => [`arr/${String(l.i)}`], run: (c) => void (c.w.arr[c.l.i as number] = c.w.b) },
  ],
};

test('declared reads and writes pass, with the same counts as without the check', (t) => {
  const plain = explore(buildModel(spec(good)), { progress: null });
  const checked = explore(buildModel(spec(good), { checkWrites: true, checkReads: true }), { progress: null });
  t.is(checked.verdict, 'pass');
  t.is(checked.stats.states, plain.stats.states);
  t.is(checked.stats.transitions, plain.stats.transitions);
});

test('a step reading an undeclared field is named with the field and what it declares', (t) => {
  const bad: FnDef<W> = { steps: [{ label: 'peek', src: src('b = a + b'), reads: () => ['a'], writes: () => ['b'], run: (c) => void (c.w.b = c.w.a + c.w.arr[0]!) }] };
  const e = t.throws(() => explore(buildModel(spec(bad), { checkReads: true }), { progress: null }), { instanceOf: UndeclaredReadError });
  t.is(e?.message, 'undeclared read: step f:peek (thread T0) read arr/0 but declares reads and writes [a, b]');
});

test("a guard's reads count too", (t) => {
  const bad: FnDef<W> = { steps: [{ label: 'wait', src: src('while (!b);'), reads: () => ['a'], when: (w) => w.b === 0, run: () => {} }] };
  const e = t.throws(() => explore(buildModel(spec(bad), { checkReads: true }), { progress: null }), { instanceOf: UndeclaredReadError });
  t.is(e?.message, 'undeclared read: the guard of step f:wait (thread T0) read b but declares reads and writes [a]');
});

test('a local step reads only what it declares', (t) => {
  const bad: FnDef<W> = {
    steps: [
      { label: 'bump', src: src('a++'), writes: () => ['a'], reads: () => ['a'], run: (c) => void (c.w.a += 1) },
      { label: 'look', src: src('if (a)'), local: true, run: (c) => void (c.w.a > 5 && c.ret(null)) },
    ],
  };
  const e = t.throws(() => explore(buildModel(spec(bad), { checkReads: true }), { progress: null }), { instanceOf: UndeclaredReadError });
  t.is(e?.message, 'undeclared read: step f:look (thread T0) read a but declares reads and writes []');
});
