/**
 * A first build's layout comes from the source of its steps: the locals they
 * name (`c.l.x`, a guard's `l.y`, `l['z']`) and the arguments callers pass
 * (`c.call('g', { p, q: 1 })`), so a fresh process does not grow the layout
 * once per name. And a search goes on with its warm-up's compiled model: a
 * build whose guess is complete compiles once.
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec } from '../../checker/index.ts';
import { explorePacked, type PackedFactory } from '../../checker/packed/explore.ts';
import { packedOptions } from './packed-options.ts';
import { guessHints } from '../../checker/packed/hints.ts';

const src = { file: 'toy/guess.c', fn: 'f', code: 'step' };

/** f: a = 1; b = a + 1 (guarded on a's absence first); calls g(p = b, q = 2); out = c. g: out = p + q, c of f gets it. */
const fns = (): Record<string, FnDef<{ out: number }>> => ({
  f: {
    steps: [
      { label: 'one', src, when: (_w, l) => l.a === undefined, run: (c) => void (c.l.a = 1) },
      { label: 'two', src, run: (c) => void (c.l['b'] = (c.l.a as number) + 1) },
      { label: 'three', src, run: (c) => c.call('g', { p: c.l.b as number, q: 2 }, undefined, 'c') },
      { label: 'four', src, run: (c) => void (c.w.out = c.l.c as number) },
    ],
  },
  g: {
    steps: [{ label: 'sum', src, run: (c) => c.ret((c.l.p as number) + (c.l.q as number)) }],
  },
});

test('a first build guesses each function locals from the source of its steps and of its callers', (t) => {
  const h = guessHints(fns() as Record<string, FnDef<never>>, [{ name: 'T0', fn: 'f', args: {} }]);
  t.false(h.seen);
  t.deepEqual(h.names.get('f'), ['a', 'b', 'c']);
  t.deepEqual(h.names.get('g'), ['p', 'q']);
});

test('names on Object.prototype are never guessed (the locals class must not shadow them)', (t) => {
  const f: FnDef<{ out: number }> = { steps: [{ label: 's', src, run: (c) => void (c.w.out = (c.l.constructor === Object ? 1 : 0) + (c.l.x === undefined ? 0 : 1)) }] };
  const h = guessHints({ f } as Record<string, FnDef<never>>, [{ name: 'T0', fn: 'f', args: {} }]);
  t.deepEqual(h.names.get('f'), ['x']);
});

test('a build whose guess is complete compiles once: the search goes on with the warm-up model', (t) => {
  const spec: ProgramSpec<{ out: number }> = { name: 'guess', world: { out: 0 }, fns: fns(), threads: [{ name: 'T0', fn: 'f', args: {} }] };
  const model = buildModel(spec);
  const real = (model as { packed?: PackedFactory }).packed as PackedFactory;
  let compiles = 0;
  const factory: PackedFactory = {
    hints: () => real.hints(),
    compile: (h, codes) => {
      compiles++;
      return real.compile(h, codes);
    },
  };
  const r = explorePacked(model, factory, packedOptions({ deadLocals: true }));
  t.is(r.verdict, 'pass');
  // init, after one, two, three (g's frame pushed), after sum (back in f at four), after four
  t.is(r.stats.states, 6);
  t.is(compiles, 1);
  t.is(r.stats.fingerprint?.restarts, 0);
  // The object search agrees.
  t.is(explore(buildModel(spec), { progress: null, engine: 'object' }).stats.states, 6);
});

test('a wrapper definition (the CLI wraps steps to watch them) is guessed from the definition it names', (t) => {
  const inner = fns().f as FnDef<never>;
  const wrapped = { steps: inner.steps.map((s) => ({ ...s, run: (c: unknown) => s.run(c as never) })) } as FnDef<never>;
  const plain = guessHints({ f: wrapped }, [{ name: 'T0', fn: 'f', args: {} }]);
  t.deepEqual(plain.names.get('f'), ['a']); // only the guard, which the wrapper kept, names a local
  Object.defineProperty(wrapped, Symbol.for('movcheck.sourceDef'), { value: inner });
  t.deepEqual(guessHints({ f: wrapped }, [{ name: 'T0', fn: 'f', args: {} }]).names.get('f'), ['a', 'b', 'c']);
});

/** A local read through a helper: no `l.` in the step's source. */
const get = (c: { l: Record<string, unknown> }, n: string) => c.l[n] as number;

test("a callee whose steps name no local of their own starts with the argument keys its callers pass", (t) => {
  const defs: Record<string, FnDef<{ out: number }>> = {
    f: {
      steps: [
        { label: 'one', src, run: (c) => c.call(c.tid === 0 ? 'g' : 'h', { p: 1, q: 2 }) },
        // A key on Object.prototype is not a name the locals class may take.
        { label: 'two', src, run: (c) => c.call('h', { r: 3, toString: 0 }) },
      ],
    },
    g: { steps: [{ label: 'sum', src, run: (c) => void (c.w.out = get(c, 'p') + get(c, 'q')) }] },
    h: { steps: [{ label: 'use', src, run: (c) => void (c.w.out = get(c, 'r') + (get(c, 'p') ?? 0)) }] },
  };
  const h = guessHints(defs as Record<string, FnDef<never>>, [{ name: 'T0', fn: 'f', args: {} }]);
  t.deepEqual(h.names.get('g'), ['p', 'q']);
  // Both callees the first call may name get its keys; the second call adds r to h.
  t.deepEqual(h.names.get('h'), ['p', 'q', 'r']);
  t.deepEqual(h.names.get('f'), []);
});

test('a build of functions built before is seen: it starts with the names learnt, not guessed again', (t) => {
  const defs = fns();
  const spec: ProgramSpec<{ out: number }> = { name: 'guess-twice', world: { out: 0 }, fns: defs, threads: [{ name: 'T0', fn: 'f', args: {} }] };
  t.false(guessHints(defs as Record<string, FnDef<never>>, spec.threads).seen);
  explore(buildModel(spec), { progress: null });
  const again = guessHints(defs as Record<string, FnDef<never>>, spec.threads);
  t.true(again.seen);
  t.deepEqual(again.names.get('f'), ['a', 'b', 'c']);
  t.deepEqual(again.names.get('g'), ['p', 'q']);
});
