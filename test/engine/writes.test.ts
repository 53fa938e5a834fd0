/** checkWrites: a step that changes a world path outside its declared `writes` throws UndeclaredWriteError. */
import test from 'ava';
import { UndeclaredWriteError, buildModel, covered, explore, type ProgramSpec, type StepDef } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';
import { petersonSpec } from '../toys/peterson.ts';
import { locksSpec } from '../toys/locks.ts';
import { independentSpec } from '../toys/independent.ts';
import { coinSpec } from '../toys/coin.ts';

interface World {
  a: number;
  b: number;
  pages: { flags: number; refs: number }[];
}

const src = { file: 'toy/writes.c', fn: 'w', code: 'x = 1' };

/** One thread running one step. */
function oneStep(step: Omit<StepDef<World>, 'src' | 'label'>): ProgramSpec<World> {
  return {
    name: 'writes',
    world: { a: 0, b: 0, pages: [{ flags: 0, refs: 0 }, { flags: 0, refs: 0 }] },
    fns: { main: { steps: [{ label: 'sneaky', src, ...step }] } },
    threads: [{ name: 'writer', fn: 'main', args: {} }],
  };
}

const opts = { checkWrites: true, progress: null } as const;

test('writing b while declaring only a throws, naming the path and the step', (t) => {
  const spec = oneStep({ writes: () => ['a'], run: (c) => void (c.w.b = 1) });
  const e = t.throws(() => explore(buildModel(spec, opts), { progress: null }), { instanceOf: UndeclaredWriteError });
  t.regex(e?.message ?? '', /changed b but declares writes \[a\]/);
  t.regex(e?.message ?? '', /main:sneaky/);
  t.regex(e?.message ?? '', /thread writer/);
});

test('a step with no writes declared may not write at all', (t) => {
  const spec = oneStep({ run: (c) => void (c.w.a = 1) });
  t.throws(() => explore(buildModel(spec, opts), { progress: null }), {
    instanceOf: UndeclaredWriteError,
    message: /changed a but declares writes \[\]/,
  });
});

test('a nested write outside the declared subtree names the full path', (t) => {
  const spec = oneStep({ writes: () => ['pages/0'], run: (c) => void ((c.w.pages[1] as { flags: number }).flags = 4) });
  t.throws(() => explore(buildModel(spec, opts), { progress: null }), {
    instanceOf: UndeclaredWriteError,
    message: /changed pages\/1\/flags/,
  });
});

test('model.explain also checks writes when checkWrites is on', (t) => {
  const model = buildModel(oneStep({ writes: () => ['a'], run: (c) => void (c.w.b = 1) }), opts);
  const s = model.init();
  const a = model.actions(s)[0];
  if (!a) return t.fail('no action');
  t.throws(() => model.explain(s, a), { instanceOf: UndeclaredWriteError });
  t.throws(() => model.apply(s, a), { instanceOf: UndeclaredWriteError });
});

test('correctly declared writes do not throw', (t) => {
  const specs = [
    oneStep({ writes: () => ['a'], run: (c) => void (c.w.a = 1) }),
    oneStep({ writes: () => ['a', 'b'], run: (c) => void ((c.w.a = 1), (c.w.b = 2)) }),
    // A declared path covers everything below it.
    oneStep({
      writes: () => ['pages/0'],
      run: (c) => {
        const p = c.w.pages[0] as { flags: number; refs: number };
        p.flags = 1;
        p.refs = 2;
      },
    }),
    oneStep({ writes: () => ['pages/1/refs'], run: (c) => void ((c.w.pages[1] as { refs: number }).refs += 1) }),
    // Writing the same value is no change, hence nothing to declare.
    oneStep({ run: (c) => void (c.w.a = 0) }),
  ];
  for (const spec of specs) {
    const r = t.notThrows(() => explore(buildModel(spec, opts), { progress: null }));
    void r;
  }
  t.pass();
});

test('without checkWrites an undeclared write goes unnoticed', (t) => {
  const spec = oneStep({ writes: () => ['a'], run: (c) => void (c.w.b = 1) });
  t.is(explore(buildModel(spec), { progress: null }).verdict, 'pass');
});

test('covered: a declared path covers itself and its descendants, not siblings sharing a prefix', (t) => {
  t.true(covered('pages/0/flags', ['pages/0']));
  t.true(covered('pages/0', ['pages/0']));
  t.true(covered('pages/0/flags', ['pages']));
  t.false(covered('pages/1/flags', ['pages/0']));
  t.false(covered('pages/10', ['pages/1']));
  t.false(covered('pagesx', ['pages']));
  t.false(covered('a', []));
});

test('every toy declares its writes correctly', (t) => {
  const models = [
    buildModel(counterSpec(3, false), { checkWrites: true, only: new Set() }),
    buildModel(counterSpec(3, true), { checkWrites: true }),
    buildModel(petersonSpec({ rounds: 2 }), { checkWrites: true }),
    buildModel(petersonSpec({ broken: true, rounds: 2 }), { checkWrites: true, only: new Set() }),
    buildModel(locksSpec({ sameOrder: true }), { checkWrites: true }),
    buildModel(independentSpec(), { checkWrites: true }),
    buildModel(coinSpec(), { checkWrites: true, only: new Set() }),
  ];
  for (const m of models) t.is(explore(m as never, { progress: null }).verdict, 'pass', m.name);
});
