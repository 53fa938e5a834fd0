/**
 * A malformed thread program is an error that names the program and the
 * problem, in both searches: two steps with one label, a local step with a
 * guard, branches or a footprint, a jump to or a call of something that does
 * not exist, a thread starting in an unknown function, an assertion id the
 * program does not declare, a loop of local steps, a pc past a function's
 * end, a step of a finished thread. Deleting a local (a known gap of the packed
 * search, marked failing). Also: a step's first recorded fault is
 * the one reported.
 */
import test from 'ava';
import { buildModel, explore, type FnDef, type ProgramSpec, type StepDef, type SysState } from '../../checker/index.ts';

interface W {
  n: number;
}
const src = { file: 'toy/bad.c', fn: 'f', code: 'step' };
const step = (label: string, run: StepDef<W>['run'] = () => {}, more: Partial<StepDef<W>> = {}): StepDef<W> => ({ label, src, run, ...more });
const spec = (fns: Record<string, FnDef<W>>, entry = 'f', asserts: string[] = []): ProgramSpec<W> => ({
  name: 'bad',
  world: { n: 0 },
  fns,
  threads: [{ name: 'T0', fn: entry, args: {} }],
  asserts: asserts.map((id) => ({ id, description: id })),
});

const engines = ['object', 'packed'] as const;
const search = (s: ProgramSpec<W>, engine: (typeof engines)[number]) => () => explore(buildModel(s), { progress: null, engine });

test('two steps with one label', (t) => {
  t.throws(() => buildModel(spec({ f: { steps: [step('a'), step('a')] } })), { message: 'program bad: f has two steps labelled a' });
});

test('a local step with when, choices or writes (reads are allowed)', (t) => {
  const extras: Partial<StepDef<W>>[] = [{ when: () => true }, { choices: ['x', 'y'] }, { writes: () => ['n'] }];
  for (const extra of extras) {
    t.throws(() => buildModel(spec({ f: { steps: [step('a'), step('b', () => {}, { local: true, ...extra })] } })), {
      message: 'program bad: local step f:b must not have when, choices or writes',
    });
  }
  t.notThrows(() => buildModel(spec({ f: { steps: [step('a'), step('b', () => {}, { local: true })] } })));
  t.notThrows(() => buildModel(spec({ f: { steps: [step('a'), step('b', () => {}, { local: true, reads: () => ['n'] })] } })));
});

for (const engine of engines) {
  test(`a jump to a label the function does not have (${engine})`, (t) => {
    t.throws(search(spec({ f: { steps: [step('a', (c) => c.goto('nowhere'))] } }), engine), { message: /^program bad: f has no step labelled nowhere$/ });
  });

  test(`a call that continues at a label the function does not have (${engine})`, (t) => {
    const fns = { f: { steps: [step('a', (c) => c.call('g', {}, 'nowhere'))] }, g: { steps: [step('b')] } };
    t.throws(search(spec(fns), engine), { message: /^program bad: f has no step labelled nowhere$/ });
  });

  test(`a call of an unknown function (${engine})`, (t) => {
    t.throws(search(spec({ f: { steps: [step('a', (c) => c.call('ghost', {}))] } }), engine), { message: /^program bad: .*calls unknown function ghost$/ });
  });

  test(`a thread that starts in an unknown function (${engine})`, (t) => {
    t.throws(search(spec({ f: { steps: [step('a')] } }, 'ghost'), engine), { message: 'program bad: thread T0 starts in unknown function ghost' });
  });

  test(`an assertion id the program does not declare (${engine})`, (t) => {
    t.throws(search(spec({ f: { steps: [step('a', (c) => c.fail('ghost', 'boo'))] } }, 'f', ['known']), engine), { message: /^program bad: .*fails unknown assertion ghost$/ });
    t.throws(search(spec({ f: { steps: [step('a', (c) => c.fail('ghost', 'boo'))] } }), engine), { message: /fails unknown assertion ghost$/ });
  });

  test(`local steps that loop forever (${engine})`, (t) => {
    const fns = { f: { steps: [step('a'), step('b', (c) => c.goto('b'), { local: true })] } };
    t.throws(search(spec(fns), engine), { message: /^program bad: local steps loop/ });
  });

  test(`a step's first recorded fault is the one reported (${engine})`, (t) => {
    const fns = {
      f: {
        steps: [
          step('a', (c) => {
            c.fail('first', 'one');
            c.fail('second', 'two');
          }),
        ],
      },
    };
    const r = explore(buildModel(spec(fns, 'f', ['first', 'second'])), { progress: null, engine });
    t.is(r.verdict, 'violation');
    if (r.verdict === 'violation') {
      t.is(r.invariant, 'first');
      t.is(r.message, 'one');
      t.is(r.kind, 'assert');
    }
  });
}

// Known gap: locals are accessors on a prototype, so `delete` of one is a no-op that returns true, and the packed search keeps the value.
test.failing('deleting a local: the packed search reports it as an error (or forgets the value, as the object search does)', (t) => {
  const fns = {
    f: {
      steps: [step('a', (c) => void (c.l.temp = 1)), step('b', (c) => void delete c.l.temp), step('c', (c) => void (c.w.n = (c.l.temp as number | undefined) ?? 5))],
    },
  };
  const endN = { id: 'n', description: 'n at the end', check: (s: SysState<W>) => `n=${s.w.n}` };
  const object = explore(buildModel({ ...spec(fns), endChecks: [endN] }), { progress: null, engine: 'object' });
  t.is(object.verdict === 'violation' ? object.message : object.verdict, 'n=5');
  let packed: string;
  try {
    const r = explore(buildModel({ ...spec(fns), endChecks: [endN] }), { progress: null, deadLocals: false });
    packed = r.verdict === 'violation' ? r.message : r.verdict;
  } catch (e) {
    packed = (e as Error).message;
  }
  t.true(packed === 'n=5' || packed === "program bad: a step of thread T0 deletes local 'temp': locals are slots of a packed state, set it to null instead", packed);
});

test('a state whose pc is past its function, and a step of a finished thread (object model)', (t) => {
  const model = buildModel(spec({ f: { steps: [step('a')] } }));
  const s0 = model.init();
  const bad: SysState<W> = { ...s0, t: [{ frames: [{ fn: 'f', pc: 3, l: {}, ret: null }] }] };
  t.throws(() => model.actions(bad), { message: 'program bad: f has no step 3' });
  const done = model.apply(s0, { thread: 0, choice: 0, choices: 1 });
  t.true(model.isDone(done));
  t.deepEqual(model.actions(done), []);
  t.throws(() => model.apply(done, { thread: 0, choice: 0, choices: 1 }), { message: 'program bad: thread 0 has finished' });
  t.throws(() => model.explain(done, { thread: 0, choice: 0, choices: 1 }), { message: 'program bad: thread 0 has finished' });
});
