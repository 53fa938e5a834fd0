/** Nondeterministic `choices` steps: every branch is explored, tokens carry the branch letter, replay follows it. */
import test from 'ava';
import { buildModel, explore, replay } from '../../checker/index.ts';
import { NO_TAILS, coinSpec } from '../toys/coin.ts';

test('the flip step offers one action per branch', (t) => {
  const model = buildModel(coinSpec());
  t.deepEqual(model.actions(model.init()), [
    { thread: 0, choice: 0, choices: 2 },
    { thread: 0, choice: 1, choices: 2 },
  ]);
});

test('the explorer takes each branch: 5 states, 4 transitions without checks', (t) => {
  // init -> flip heads | flip tails (2 states) -> check each (2 final states).
  // states = 1 + 2 + 2 = 5; transitions = 2 + 1 + 1 = 4.
  const r = explore(buildModel(coinSpec(), { only: new Set() }), { progress: null });
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 5);
  t.is(r.stats.transitions, 4);
});

test('the tails branch is found, and its token carries the branch letter', (t) => {
  for (const strategy of ['bfs', 'dfs'] as const) {
    const r = explore(buildModel(coinSpec(), { checkWrites: true }), { strategy, progress: null });
    if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
    t.is(r.invariant, NO_TAILS);
    t.is(r.schedule, '0b0');
    t.is(r.trace[0]?.token, '0b');
    t.is(r.trace[0]?.branch, 'tails');
    t.is(r.trace[1]?.token, '0');
    t.is(r.trace[1]?.branch, undefined);
  }
});

test('replay follows the branch named in the schedule', (t) => {
  const model = buildModel(coinSpec());
  const heads = replay(model, '0a0');
  t.is(heads.violation, null);
  t.is(heads.trace[0]?.branch, 'heads');
  t.deepEqual(heads.trace[0]?.changes, [{ op: 'replace', path: ['coin'], value: 'heads' }]);
  const tails = replay(model, '0b0');
  t.is(tails.violation?.invariant, NO_TAILS);
  t.is(tails.violation?.atStep, 2);
  t.is(tails.trace[0]?.branch, 'tails');
  t.deepEqual(tails.trace[0]?.summary, ['coin = "tails"']);
});

test('a branch letter beyond the branches is rejected', (t) => {
  t.throws(() => replay(buildModel(coinSpec()), '0c'), { message: /step 1 \('0c', tosser\) is not enabled; enabled there: 0a 0b/ });
});
