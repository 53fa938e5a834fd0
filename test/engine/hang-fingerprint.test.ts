/**
 * `no-hang` through the fingerprint: in the lost wake-up toy the stuck state
 * differs from a state already visited, where the sleeper was woken and can
 * go on, only in `woken`. The hang is found only when the fingerprint keeps
 * them apart; merged, BFS would take the stuck state for the visited one and
 * report a pass. Exact counts, by hand:
 *
 * states are (sleeper pc, waker pc, cond, waiting, woken), sleeper pcs
 * c(heck) p(repare) s(leep) d(one), waker pcs S(et) W(ake) d(one).
 * Broken (check first), BFS: 1 (c,S,fff); 2 (p,S,fff) 3 (c,W,tff); 4 (s,S,ftf)
 * 5 (p,W,tff) 6 (d,W,tff) 7 (c,d,tff); 8 (s,W,ttf) 9 (p,d,tff) 10 (d,d,tff);
 * expanding 8 finds 11 (s,d,ttt), the woken twin, then 9 finds 12 (s,d,ttf):
 * the sleeper sleeps, the waker is done. 12 states; transitions
 * 2+2+2+1+2+1+1+1+1 = 13; schedule 0110 (check, set, wake, prepare).
 * DFS (the last-found state first) reaches 12 through 3, 7, 10, 6, 2, 5, 9
 * before it sees 8 or 11: 11 states, 11 transitions, the same schedule.
 * Correct (prepare first): 13 states, 15 transitions, no hang.
 */
import test from 'ava';
import { NO_HANG, buildModel, explore, type Model, type SysState } from '../../checker/index.ts';
import { wakeupSpec, type WakeupWorld } from '../toys/wakeup.ts';

/** The state after running threads in the order of `schedule` (one digit per step; the toy has no branches). */
function stateAfter(model: Model<SysState<WakeupWorld>>, schedule: string): SysState<WakeupWorld> {
  let s = model.init();
  for (const ch of schedule) {
    const a = model.actions(s).find((x) => x.thread === Number(ch));
    if (!a) throw new Error(`thread ${ch} is not enabled at step ${schedule}`);
    s = model.apply(s, a);
  }
  return s;
}

/** Each model as built, and with checkWrites (which keeps the object form of the state). */
const BUILDS = [false, true] as const;

for (const [strategy, states, transitions] of [['bfs', 12, 13], ['dfs', 11, 11]] as const) {
  for (const checkWrites of BUILDS) {
    test(`the lost wake-up hangs (${strategy}${checkWrites ? ', checkWrites' : ''}): ${states} states, ${transitions} transitions, schedule 0110`, (t) => {
      const r = explore(buildModel(wakeupSpec({ broken: true }), { checkWrites }), { strategy, progress: null });
      if (r.verdict !== 'violation') return t.fail(`expected a hang, got ${r.verdict}`);
      t.is(r.invariant, NO_HANG);
      t.is(r.kind, 'hang');
      t.is(r.schedule, '0110');
      t.deepEqual(r.trace.map((s) => `${s.threadName}:${s.label}`), ['sleeper:check', 'waker:set', 'waker:wake', 'sleeper:prepare']);
      t.is(r.message, "sleeper sleeps in wait_for_cond at 'schedule(); /* until woken */': a wake-up");
      t.deepEqual([r.stats.states, r.stats.transitions, r.stats.depth], [states, transitions, 4]);
    });
  }
}

test('the stuck state and its woken twin differ only in woken, and BFS visits the twin first', (t) => {
  const model = buildModel(wakeupSpec({ broken: true }));
  const stuck = stateAfter(model, '0110');
  const twin = stateAfter(model, '0101'); // check, set, prepare, wake: the wake-up finds the sleeper waiting
  t.deepEqual(stuck.w, { cond: true, waiting: true, woken: false });
  t.deepEqual(twin.w, { cond: true, waiting: true, woken: true });
  t.deepEqual(stuck.t, twin.t);
  t.deepEqual(model.actions(stuck), []);
  t.false(model.isDone(stuck));
  t.deepEqual(model.actions(twin).map((a) => a.thread), [0]);
  t.not(model.fingerprint(stuck), model.fingerprint(twin));
  // The twin is state 11 of the BFS order above, the stuck state 12: a search that merged
  // them would expand the twin, never see a stuck state, and pass over 11 states.
  // Which states the transitions reach, in order, read field by field (a step invariant may see the state through a view).
  const key = (s: SysState<WakeupWorld>) =>
    JSON.stringify([s.w.cond, s.w.waiting, s.w.woken, s.t.map((th) => th.frames.map((f) => `${f.fn}:${f.pc}`))]);
  const reached: string[] = [];
  const recording = buildModel({
    ...wakeupSpec({ broken: true }),
    stepInvariants: [
      {
        id: 'record',
        description: 'records each state a transition reaches',
        check: (_before, after) => {
          reached.push(key(after));
          return null;
        },
      },
    ],
  });
  t.is(explore(recording, { progress: null }).verdict, 'violation');
  const [twinAt, stuckAt] = [reached.indexOf(key(twin)), reached.indexOf(key(stuck))];
  t.true(twinAt >= 0 && twinAt < stuckAt, `twin reached at transition ${twinAt + 1}, stuck state at ${stuckAt + 1}`);
  t.is(stuckAt, 12, 'the stuck state is reached by the 13th and last transition');
});

for (const strategy of ['bfs', 'dfs'] as const) {
  for (const checkWrites of BUILDS) {
    test(`prepare-then-check cannot lose the wake-up (${strategy}${checkWrites ? ', checkWrites' : ''}): pass over 13 states, 15 transitions`, (t) => {
      const r = explore(buildModel(wakeupSpec(), { checkWrites }), { strategy, progress: null });
      t.is(r.verdict, 'pass');
      t.deepEqual([r.stats.states, r.stats.transitions, r.stats.depth], [13, 15, 4]);
    });
  }
}
