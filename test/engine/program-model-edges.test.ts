/**
 * The object model of thread programs (build.ts) at its edges: the default
 * change line joins a nested path with dots; a return into a caller that
 * gave no `into` stores nothing; running a finished thread is an error;
 * under checkWrites a step that declares no writes shows an empty list; a
 * fault is reported by its own assertion only; a stuck step without
 * `waitsFor` says its step is not enabled; a state with a thread past the
 * program's list (hand-made) is named T<n>.
 */
import test from 'ava';
import { buildModel, explore, type ProgramSpec, type SysState } from '../../checker/index.ts';

const src = (code: string) => ({ file: 'toy/model.c', fn: 'f', code });

interface W {
  n: number;
  rec: { a: number; b: number };
}

test('the default change line joins the path with dots', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'dots',
    world: { n: 0, rec: { a: 0, b: 0 } },
    fns: { f: { steps: [{ label: 's', src: src('rec.a = 2'), run: (c) => void (c.w.rec.a = 2) }] } },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  };
  const m = buildModel(spec);
  t.deepEqual(m.explain(m.init(), { thread: 0, choice: 0, choices: 1 }).summary, ['rec.a = 2']);
});

test('a return into a caller that gave no `into` leaves the caller\'s locals as they were', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'no-into',
    world: { n: 0, rec: { a: 0, b: 0 } },
    fns: {
      f: {
        steps: [
          { label: 'call', src: src('g()'), run: (c) => void ((c.l.k = 1), c.call('g', {})) },
          { label: 'after', src: src('n = 1'), run: (c) => void (c.w.n = 1) },
        ],
      },
      g: { steps: [{ label: 'ret', src: src('return 7'), run: (c) => c.ret(7) }] },
    },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  };
  const m = buildModel(spec);
  const a = { thread: 0, choice: 0, choices: 1 };
  const s1 = m.apply(m.init(), a);
  const s2 = m.apply(s1, a);
  t.deepEqual(s2.t[0]?.frames, [{ fn: 'f', pc: 1, l: { k: 1 }, ret: null }]);
});

test('running a thread that has finished is an error naming it', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'finished',
    world: { n: 0, rec: { a: 0, b: 0 } },
    fns: { f: { steps: [{ label: 's', src: src('n++'), run: (c) => void (c.w.n += 1) }] } },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  };
  const m = buildModel(spec);
  const a = { thread: 0, choice: 0, choices: 1 };
  const done = m.apply(m.init(), a);
  t.throws(() => m.apply(done, a), { message: 'program finished: thread 0 has finished' });
  t.throws(() => m.explain(done, a), { message: 'program finished: thread 0 has finished' });
});

test('checkWrites: a step that declares no writes lists none in the error', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'undeclared',
    world: { n: 0, rec: { a: 0, b: 0 } },
    fns: { f: { steps: [{ label: 's', src: src('n++'), run: (c) => void (c.w.n += 1) }] } },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  };
  const m = buildModel(spec, { checkWrites: true });
  t.throws(() => m.apply(m.init(), { thread: 0, choice: 0, choices: 1 }), { message: 'undeclared write: step f:s (thread T0) changed n but declares writes []' });
});

test('a recorded fault is reported by its own assertion, not by the first one declared', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'two-asserts',
    world: { n: 0, rec: { a: 0, b: 0 } },
    fns: { f: { steps: [{ label: 's', src: src('BUG_ON(2)'), run: (c) => c.fail('second', 'the second one') }] } },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
    asserts: [
      { id: 'first', description: 'the first holds' },
      { id: 'second', description: 'the second holds' },
    ],
  };
  for (const engine of ['object', 'packed'] as const) {
    const r = explore(buildModel(spec), { progress: null, engine });
    t.is(r.verdict === 'violation' ? `${r.invariant}: ${r.message}` : r.verdict, 'second: the second one', engine);
  }
  const m = buildModel(spec);
  const s = m.apply(m.init(), { thread: 0, choice: 0, choices: 1 });
  t.deepEqual(
    m.stateInvariants.map((i) => i.check(s)),
    [null, 'the second one'],
  );
  // A program that declares no assertions gets no assertion checks.
  const { asserts: _, ...none } = spec;
  t.deepEqual(buildModel(none).stateInvariants, []);
});

test('a stuck step without waitsFor: its step is not enabled; a thread past the list is named T<n>', (t) => {
  const spec: ProgramSpec<W> = {
    name: 'stuck',
    world: { n: 0, rec: { a: 0, b: 0 } },
    fns: { f: { steps: [{ label: 'wait', src: src('wait_for(n)'), when: (w) => w.n > 0, run: () => {} }] } },
    threads: [{ name: 'waiter', fn: 'f', args: {} }],
  };
  const m = buildModel(spec);
  const r = explore(m, { progress: null, engine: 'object' });
  t.is(r.verdict === 'violation' ? r.message : r.verdict, "waiter sleeps in f at 'wait_for(n)': its next step is not enabled");
  // A hand-made state with a second thread the program does not list.
  const s0 = m.init();
  const two: SysState<W> = { ...s0, t: [s0.t[0]!, { frames: [{ fn: 'f', pc: 0, l: {}, ret: null }] }] };
  t.is(m.describeStuck(two), "waiter sleeps in f at 'wait_for(n)': its next step is not enabled; T1 sleeps in f at 'wait_for(n)': its next step is not enabled");
  const moved: SysState<W> = { ...two, w: { ...two.w, n: 1 } };
  t.is(m.explain(moved, { thread: 1, choice: 0, choices: 1 }).step.threadName, 'T1');
});
