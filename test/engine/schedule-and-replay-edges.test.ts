/**
 * Schedule tokens at their limits and replay's order of checks: a token for
 * thread 35 and branch z, errors past them; a thread digit never read as a
 * branch; replay stops at the first violation, reports the first step
 * invariant that fires (all are checked), and a step invariant before a
 * state invariant of the same step.
 */
import test from 'ava';
import { buildModel, matchToken, parseSchedule, replay, tokenOf, type ProgramSpec, type StateInvariant, type StepInvariant, type SysState } from '../../checker/index.ts';
import { toggleSpec, type ToggleWorld } from '../toys/toggle.ts';

test('tokenOf: threads 0-9 then A-Z, branches a-z; beyond them a RangeError', (t) => {
  t.is(tokenOf({ thread: 35, choice: 0, choices: 1 }), 'Z');
  t.is(tokenOf({ thread: 10, choice: 25, choices: 26 }), 'Az');
  t.throws(() => tokenOf({ thread: 36, choice: 0, choices: 1 }), { instanceOf: RangeError, message: 'schedule: thread 36 has no token (at most 36 threads)' });
  t.throws(() => tokenOf({ thread: 0, choice: 26, choices: 27 }), { instanceOf: RangeError, message: 'schedule: branch 26 has no token' });
});

test('parseSchedule: a digit after a thread is the next thread, a letter its branch; spaces and commas between tokens', (t) => {
  t.deepEqual(parseSchedule('01'), [
    { text: '0', thread: 0, choice: null },
    { text: '1', thread: 1, choice: null },
  ]);
  // Whitespace and commas go first, so 'Z c' is thread 35 taking branch c.
  t.deepEqual(parseSchedule('0b, Z c1'), [
    { text: '0b', thread: 0, choice: 1 },
    { text: 'Zc', thread: 35, choice: 2 },
    { text: '1', thread: 1, choice: null },
  ]);
});

test('matchToken: a plain token matches a step without branches only; a branch token the branch only', (t) => {
  const plain = { thread: 0, choice: 0, choices: 1 };
  const left = { thread: 1, choice: 0, choices: 2 };
  const right = { thread: 1, choice: 1, choices: 2 };
  const [p, l, r, bare] = parseSchedule('01a1b1');
  t.is(matchToken(p!, [plain, left, right]), plain);
  t.is(matchToken(l!, [plain, left, right]), left);
  t.is(matchToken(r!, [plain, left, right]), right);
  t.is(matchToken(bare!, [plain, left, right]), null);
  t.is(matchToken(parseSchedule('0a')[0]!, [plain]), null);
});

type S = SysState<ToggleWorld>;
const onStep = (id: string, when: (before: S, after: S) => boolean): StepInvariant<S> => ({
  id,
  description: id,
  check: (b, a) => (when(b, a) ? `${id} fired` : null),
});
const onState = (id: string, when: (s: S) => boolean): StateInvariant<S> => ({ id, description: id, check: (s) => (when(s) ? `${id} fired` : null) });
const spec = (stateInvariants: StateInvariant<S>[], stepInvariants: StepInvariant<S>[]): ProgramSpec<ToggleWorld> => ({ ...toggleSpec(), stateInvariants, stepInvariants });

test('replay stops at the first violation, whatever tokens follow', (t) => {
  const model = buildModel(spec([onState('x-is-1', (s) => s.w.x === 1)], []));
  const r = replay(model, '0000');
  t.is(r.trace.length, 1);
  t.is(r.schedule, '0');
  t.deepEqual(r.violation, { invariant: 'x-is-1', kind: 'state', message: 'x-is-1 fired', atStep: 1 });
});

test('replay checks every step invariant and reports the first that fires', (t) => {
  const flipTo0 = (b: S, a: S) => b.w.x === 1 && a.w.x === 0;
  const second = replay(buildModel(spec([], [onStep('never', () => false), onStep('back-to-0', flipTo0)])), '000');
  t.deepEqual(second.violation, { invariant: 'back-to-0', kind: 'step', message: 'back-to-0 fired', atStep: 2 });
  const both = replay(buildModel(spec([], [onStep('first', flipTo0), onStep('second', flipTo0)])), '000');
  t.deepEqual(both.violation, { invariant: 'first', kind: 'step', message: 'first fired', atStep: 2 });
});

test('replay: a step invariant of a step comes before a state invariant of the state it reaches', (t) => {
  const r = replay(buildModel(spec([onState('x-is-1', (s) => s.w.x === 1)], [onStep('any-step', () => true)])), '0');
  t.deepEqual(r.violation, { invariant: 'any-step', kind: 'step', message: 'any-step fired', atStep: 1 });
});
