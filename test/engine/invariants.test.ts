/** Step invariants on transitions, and ctx.fail assertions (with BuildOptions.only). */
import test from 'ava';
import { buildModel, explore, replay, type ProgramSpec, type StepInvariant, type SysState } from '../../checker/index.ts';
import { counterSpec, type CounterWorld } from '../toys/counter.ts';
import { NO_TAILS, coinSpec } from '../toys/coin.ts';
import { locksSpec } from '../toys/locks.ts';

/** A store (T's pc 1, the 'store' step) must raise count by exactly one. */
const storeIncrements: StepInvariant<SysState<CounterWorld>> = {
  id: 'store-increments',
  description: 'every store raises count by one',
  check: (before, after, a) =>
    before.t[a.thread]?.frames[0]?.pc === 1 && after.w.count !== before.w.count + 1
      ? `store left count at ${after.w.count} (was ${before.w.count})`
      : null,
};

const withStep = (n: number, inv: StepInvariant<SysState<CounterWorld>>): ProgramSpec<CounterWorld> => ({
  ...counterSpec(n, false),
  stepInvariants: [inv],
});

test('a step invariant fires on a transition with kind step', (t) => {
  // Shortest: T0 load 0, T1 load 0, T0 store (0 -> 1, fine), T1 store (1 -> 1):
  // 4 steps. The end check no-lost-update fails on the same final state, but
  // the transition is checked before the state it leads to.
  const model = buildModel(withStep(2, storeIncrements));
  const r = explore(model, { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'store-increments');
  t.is(r.kind, 'step');
  t.is(r.message, 'store left count at 1 (was 1)');
  t.is(r.trace.length, 4);
  t.is(r.trace[3]?.label, 'store');
  const again = replay(model, r.schedule);
  t.deepEqual(again.violation, { invariant: 'store-increments', kind: 'step', message: r.message, atStep: 4 });
});

test('a step invariant excluded by only is not checked', (t) => {
  const r = explore(buildModel(withStep(2, storeIncrements), { only: new Set(['no-lost-update']) }), { progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.invariant : null, 'no-lost-update');
});

test('step invariants are checked on transitions into already visited states', (t) => {
  // Two threads each set x = 1 once. bfs: init -> T0 -> (done, ready) and
  // init -> T1 -> (ready, done); expanding (done, ready) by T1 discovers
  // (done, done); expanding (ready, done) by T0 reaches (done, done) again.
  // Only that last transition (T0 writing x when it is already 1) violates.
  interface W {
    x: number;
  }
  const spec: ProgramSpec<W> = {
    name: 'double-set',
    world: { x: 0 },
    fns: {
      set: {
        steps: [{ label: 'set', src: { file: 'toy/x.c', fn: 'set', code: 'x = 1' }, writes: () => ['x'], run: (c) => void (c.w.x = 1) }],
      },
    },
    threads: [
      { name: 'A', fn: 'set', args: {} },
      { name: 'B', fn: 'set', args: {} },
    ],
    stepInvariants: [
      {
        id: 'a-first',
        description: 'A never sets x after B',
        check: (before, _after, a) => (a.thread === 0 && before.w.x === 1 ? 'A set x after B' : null),
      },
    ],
  };
  const r = explore(buildModel(spec), { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'a-first');
  t.is(r.kind, 'step');
  t.is(r.schedule, '10');
  // By then all 4 states were discovered: the violating edge led to a visited one.
  t.is(r.stats.states, 4);
  t.is(r.stats.transitions, 4);
});

test('ctx.fail produces a violation of the declared assert id', (t) => {
  const r = explore(buildModel(coinSpec()), { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, NO_TAILS);
  t.is(r.kind, 'assert');
  t.is(r.message, 'the coin landed tails');
  t.is(r.trace.at(-1)?.label, 'check');
});

test('with BuildOptions.only excluding the assert id, ctx.fail is ignored', (t) => {
  const r = explore(buildModel(coinSpec(), { only: new Set(['something-else']) }), { progress: null });
  t.is(r.verdict, 'pass');
  // And the model's invariants do not list it.
  t.deepEqual(buildModel(coinSpec(), { only: new Set() }).stateInvariants.map((i) => i.id), []);
  t.deepEqual(buildModel(coinSpec(), { only: new Set([NO_TAILS]) }).stateInvariants.map((i) => i.id), [NO_TAILS]);
});

test('with BuildOptions.only including the assert id, ctx.fail is reported', (t) => {
  const r = explore(buildModel(coinSpec(), { only: new Set([NO_TAILS]) }), { progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.invariant : null, NO_TAILS);
});

test('only excluding an end check turns the racy counter into a pass; no-hang stays checked', (t) => {
  // With every check, the racy counter loses an update (T0 load, T1 load, T0 store, T1 store).
  const all = explore(buildModel(counterSpec(2, false)), { progress: null });
  t.is(all.verdict === 'violation' ? `${all.invariant} ${all.schedule}` : all.verdict, 'no-lost-update 0101');
  // With only = {}, the end check is gone and the whole space is searched. By hand, (pc of T0, pc of T1)
  // with 0 before load, 1 before store, d done: (0,0) 1 state; (1,0), (0,1) 1 each; (d,0), (0,d) 1 each;
  // (1,1) 1; (d,1), (1,d) 2 each (the waiting thread loaded 0 or 1); (d,d) 2 (count 1 or 2): 12 states,
  // and 2+2+2+1+1+2+1+1+1+1 = 14 transitions.
  const none = buildModel(counterSpec(2, false), { only: new Set() });
  t.deepEqual(none.endChecks, []);
  const r = explore(none, { progress: null });
  t.is(r.verdict, 'pass');
  t.deepEqual([r.stats.states, r.stats.transitions], [12, 14]);
  // no-hang is not in `only` either, and still fires: ABBA deadlocks after alpha takes A, beta takes B.
  const hang = explore(buildModel(locksSpec(), { only: new Set() }), { progress: null });
  t.is(hang.verdict === 'violation' ? `${hang.invariant} ${hang.kind} ${hang.schedule}` : hang.verdict, 'no-hang hang 01');
});

test('a state after ctx.fail has no enabled actions (the fault stops the system)', (t) => {
  const model = buildModel(coinSpec());
  const r = replay(model, '0b0');
  t.is(r.violation?.invariant, NO_TAILS);
  let s = model.init();
  s = model.apply(s, { thread: 0, choice: 1, choices: 2 });
  s = model.apply(s, { thread: 0, choice: 0, choices: 1 });
  t.deepEqual(s.fault, { inv: NO_TAILS, msg: 'the coin landed tails', thread: 0 });
  t.deepEqual(model.actions(s), []);
});

test('ctx.fail with an undeclared assertion id throws', (t) => {
  const spec = coinSpec();
  const bad: ProgramSpec<typeof spec.world> = { ...spec, asserts: [] };
  t.throws(() => replay(buildModel(bad), '0b0'), { message: /fails unknown assertion no-tails/ });
});
