/** Replay: a found schedule reproduces the identical trace and violation; bad schedules are rejected clearly. */
import test from 'ava';
import { ScheduleError, buildModel, explore, parseSchedule, replay, type Model } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';
import { locksSpec } from '../toys/locks.ts';
import { petersonSpec } from '../toys/peterson.ts';
import { coinSpec } from '../toys/coin.ts';

const cases: [string, () => Model<unknown>][] = [
  ['racy counter (end check)', () => buildModel(counterSpec(3, false)) as unknown as Model<unknown>],
  ['broken Peterson (state invariant)', () => buildModel(petersonSpec({ broken: true })) as unknown as Model<unknown>],
  ['opposite lock orders (hang)', () => buildModel(locksSpec()) as unknown as Model<unknown>],
  ['coin (ctx.fail, branches)', () => buildModel(coinSpec()) as unknown as Model<unknown>],
];

for (const [name, make] of cases) {
  for (const strategy of ['bfs', 'dfs'] as const) {
    test(`replay round trip: ${name}, ${strategy}`, (t) => {
      const model = make();
      const r = explore(model, { strategy, progress: null });
      if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
      const again = replay(model, r.schedule);
      t.deepEqual(again.trace, [...r.trace]);
      t.is(again.schedule, r.schedule);
      t.deepEqual(again.violation, {
        invariant: r.invariant,
        kind: r.kind,
        message: r.message,
        atStep: r.trace.length,
      });
    });
  }
}

test('replay accepts whitespace and commas between tokens', (t) => {
  const model = buildModel(counterSpec(2, false));
  const r = replay(model, '0 1,0\n1');
  t.is(r.schedule, '0101');
  t.is(r.violation?.invariant, 'no-lost-update');
});

test('a prefix of a violating schedule replays without a violation', (t) => {
  const model = buildModel(counterSpec(2, false));
  const r = replay(model, '010');
  t.is(r.violation, null);
  t.is(r.trace.length, 3);
});

test('a passing complete schedule replays without a violation', (t) => {
  // T0 runs to completion before T1 loads: count ends at 2.
  const r = replay(buildModel(counterSpec(2, false)), '0011');
  t.is(r.violation, null);
  t.deepEqual(r.trace.map((s) => s.token), ['0', '0', '1', '1']);
});

test('a corrupted schedule throws ScheduleError naming the step', (t) => {
  const model = buildModel(counterSpec(2, false));
  // '0101' is valid; a fifth step '0' names T0, which has finished.
  const e = t.throws(() => replay(model, '01010'), { instanceOf: ScheduleError });
  t.regex(e?.message ?? '', /step 5 \('0', T0\) is not enabled/);
  t.regex(e?.message ?? '', /enabled there: nothing/);
  // Step 3 '2' names a thread the model does not have.
  const e2 = t.throws(() => replay(model, '012'), { instanceOf: ScheduleError });
  t.regex(e2?.message ?? '', /step 3 \('2', thread 2\) is not enabled; enabled there: 0 1/);
});

test('a schedule that runs a sleeping thread throws ScheduleError naming the step', (t) => {
  // alpha holds A, beta holds B: step 3 (alpha again) is asleep on B.
  const e = t.throws(() => replay(buildModel(locksSpec()), '010'), { instanceOf: ScheduleError });
  t.regex(e?.message ?? '', /step 3 \('0', alpha\) is not enabled/);
});

test('a branch token must match the step: missing or extra branch letters are rejected', (t) => {
  const e = t.throws(() => replay(buildModel(coinSpec()), '00'), { instanceOf: ScheduleError });
  t.regex(e?.message ?? '', /step 1 \('0', tosser\) is not enabled; enabled there: 0a 0b/);
  const e2 = t.throws(() => replay(buildModel(counterSpec(2, false)), '0a'), { instanceOf: ScheduleError });
  t.regex(e2?.message ?? '', /step 1 \('0a', T0\)/);
});

test('a malformed schedule string throws with a clear message', (t) => {
  const model = buildModel(counterSpec(2, false));
  // '0' is thread 0, 'x' a branch letter, '!' is neither.
  const e = t.throws(() => replay(model, '0x!'));
  t.is(e?.message, "malformed schedule: character '!' at position 3 is not a thread digit (0-9, A-Z)");
  t.false(e instanceof ScheduleError);
  t.throws(() => parseSchedule('a0'), { message: /character 'a' at position 1/ });
});

test('parseSchedule splits threads and branch letters', (t) => {
  t.deepEqual(parseSchedule('01bA'), [
    { text: '0', thread: 0, choice: null },
    { text: '1b', thread: 1, choice: 1 },
    { text: 'A', thread: 10, choice: null },
  ]);
  t.deepEqual(parseSchedule(''), []);
});
