/**
 * The symmetric search's side of symmetry.ts, on small toys worked out by
 * hand: paths found on renamed states mapped back to real traces (realPath in
 * packed/explore.ts), their messages taken from the real trace (messageOn: a
 * state invariant, a step invariant, an end check, a recorded assertion), and
 * the safety checks that refuse a declaration that is not symmetric
 * (SymmetryBroken: an asymmetric start, a step that does not commute with
 * renaming, a renamed thread that cannot take the step, an invariant that
 * tells renamed states apart).
 */
import test from 'ava';
import { toSymSpec } from '../toys/random-symmetric.ts';
import { buildModel, explore, replay, type FnDef, type ProgramSpec, type StateInvariant, type StepInvariant, type SysState } from '../../checker/index.ts';
import { SymmetryBroken } from '../../checker/packed/explore.ts';
import { slotsSpec } from '../toys/slots.ts';

/** Slots with the last thread to give the lock back remembered (a thread id). */
interface LastWorld {
  owner: number;
  last: number;
  c: number[];
}
type S = SysState<LastWorld>;

const src = (code: string) => ({ file: 'toy/last.c', fn: 'bump', code });

/** take, inc, give (remembering who gave last); with `assert`, giving back with every slot bumped is a failed assertion. */
const bumpLast = (assert: boolean): FnDef<LastWorld> => ({
  steps: [
    { label: 'take', src: src('spin_lock(&lock)'), when: (w) => w.owner === -1, run: (c) => void (c.w.owner = c.tid) },
    { label: 'inc', src: src('c[i]++'), run: (c) => void (c.w.c[c.l.i as number] = (c.w.c[c.l.i as number] as number) + 1) },
    {
      label: 'give',
      src: src('spin_unlock(&lock)'),
      run: (c) => {
        c.w.owner = -1;
        c.w.last = c.tid;
        if (assert && c.w.c.every((v) => v > 0)) c.fail('all-bumped', `T${c.tid} gives the lock back with every slot bumped`);
      },
    },
  ],
});

function lastSpec(opts: { assert?: boolean; stateInvariants?: StateInvariant<S>[]; stepInvariants?: StepInvariant<S>[]; endChecks?: StateInvariant<S>[] } = {}): ProgramSpec<LastWorld> {
  const n = 3;
  const threads = Array.from({ length: n }, (_, t) => ({ name: `T${t}`, fn: 'bump', args: { i: t } }));
  return {
    name: 'last',
    world: { owner: -1, last: -1, c: [0, 0, 0] },
    fns: { bump: bumpLast(opts.assert === true) },
    threads,
    ...(opts.assert ? { asserts: [{ id: 'all-bumped', description: 'not every slot bumped when the lock is given back' }] } : {}),
    ...(opts.stateInvariants ? { stateInvariants: opts.stateInvariants } : {}),
    ...(opts.stepInvariants ? { stepInvariants: opts.stepInvariants } : {}),
    ...(opts.endChecks ? { endChecks: opts.endChecks } : {}),
    symmetry: {
      groups: [{ threads: [0, 1, 2], blocks: [[0], [1], [2]] }],
      entityLocals: ['i'],
      world: { entities: 'c', threadIds: [{ path: 'owner' }, { path: 'last' }] },
    },
  };
}

/** The bumped slots (the packed search's world arrays are views: no array methods but indexing and length). */
const bumped = (w: LastWorld) => {
  const out: number[] = [];
  for (let k = 0; k < w.c.length; k++) if ((w.c[k] as number) > 0) out.push(k);
  return out;
};

/** The threads of a schedule's tokens (one digit per step here). */
const threadsOf = (schedule: string) => [...schedule].map(Number);

test('a state violation on renamed states: the real path replays to it, and the message names the real threads', (t) => {
  // T0 runs take, inc, give, then another thread takes the lock and bumps its slot: 5 steps, the first three by T0
  // (from the initial state, where no thread has moved, the search's thread 0 is T0).
  const inv: StateInvariant<S> = {
    id: 'lock-after-two',
    description: 'nobody holds the lock once two slots are bumped',
    check: (s) => (s.w.owner !== -1 && bumped(s.w).length >= 2 ? `T${s.w.owner} holds the lock after slots ${bumped(s.w).join(',')} were bumped (last gave T${s.w.last})` : null),
  };
  const model = buildModel(lastSpec({ stateInvariants: [inv] }));
  const r = explore(model, { progress: null, symmetry: true });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.kind, 'state');
  t.regex(r.schedule, /^000(11|22)$/);
  const second = Number(r.schedule[4]);
  t.is(r.message, `T${second} holds the lock after slots 0,${second} were bumped (last gave T0)`);
  const again = replay(model, r.schedule);
  t.is(again.violation?.atStep, 5);
  t.is(again.violation?.message, r.message);
  t.deepEqual(
    r.trace.map((s) => s.thread),
    threadsOf(r.schedule),
  );
});

test('a step violation on renamed states: the message is the real step\'s, with the state before it', (t) => {
  const inv: StepInvariant<S> = {
    id: 'take-after-two',
    description: 'nobody takes the lock once two slots are bumped',
    check: (before, after, a) =>
      before.w.owner === -1 && after.w.owner !== -1 && bumped(before.w).length >= 2 ? `T${a.thread} takes the lock after slots ${bumped(before.w).join(',')} (last gave T${before.w.last})` : null,
  };
  const model = buildModel(lastSpec({ stepInvariants: [inv] }));
  const r = explore(model, { progress: null, symmetry: true });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.kind, 'step');
  t.regex(r.schedule, /^000(1112|2221)$/);
  const [, , , second, , , third] = threadsOf(r.schedule);
  t.is(r.message, `T${third} takes the lock after slots ${[0, second as number].sort().join(',')} (last gave T${second})`);
  t.is(replay(model, r.schedule).violation?.message, r.message);
});

test('an end check failed on renamed states: the message is the real end state\'s', (t) => {
  const check: StateInvariant<S> = { id: 'last-giver', description: 'reports who gave the lock back last', check: (s) => `T${s.w.last} gave the lock back last` };
  const model = buildModel(lastSpec({ endChecks: [check] }));
  const r = explore(model, { progress: null, symmetry: true });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.kind, 'end');
  t.is(r.trace.length, 9);
  // Every thread ran once: 0 first (no thread has moved at the start), then the other two, each take-inc-give in a row
  // (a thread that holds the lock is the only one that can move; the breadth-first search meets the end at depth 9).
  t.regex(r.schedule, /^000(111222|222111)$/);
  t.is(r.message, `T${r.schedule[8]} gave the lock back last`);
  t.is(replay(model, r.schedule).violation?.message, r.message);
});

test('a failed assertion on renamed states: it commutes with renaming (the fault names the renamed thread), and the message is the real one', (t) => {
  const model = buildModel(lastSpec({ assert: true }));
  const r = explore(model, { progress: null, symmetry: true });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.invariant, 'all-bumped');
  t.regex(r.schedule, /^000(111222|222111)$/);
  t.is(r.message, `T${r.schedule[8]} gives the lock back with every slot bumped`);
  t.is(replay(model, r.schedule).violation?.message, r.message);
});

test('the symmetric search of the last-giver toy stores one state per class: 1 + 2 x 3 per number of finished threads', (t) => {
  // Finished threads k = 0..3 (last: none for k = 0, else a finished thread, all alike up to renaming); the lock free or
  // held by an unfinished thread at take+1 or inc+1 (k < 3). k = 0: 1 + 2 = 3 classes; k = 1, 2: 3 each; k = 3: 1. Total 10.
  const r = explore(buildModel(lastSpec()), { progress: null, symmetry: true, exact: true });
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 10);
  t.is(r.stats.fingerprint?.symmetricThreads, 3);
});

test('an asymmetric start is refused with the pair of threads and the first slot that differs', (t) => {
  // World slots: owner 0, c[0..2] 1..3. Swapping threads 0 and 1 leaves c = [0, 0, 5] alone; swapping 1 and 2 changes slot 2.
  const e = t.throws(() => explore(buildModel(slotsSpec(3, { start: [0, 0, 5] })), { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.is(e?.message, 'symmetry: threads 1 and 2 are declared interchangeable, but swapping them changes the initial state (slot 2)');
  // Swapping 0 and 1 of [3, 0, 0] changes slot 1 first.
  const f = t.throws(() => explore(buildModel(slotsSpec(3, { start: [3, 0, 0] })), { progress: null, symmetry: true }));
  t.is(f?.message, 'symmetry: threads 0 and 1 are declared interchangeable, but swapping them changes the initial state (slot 1)');
});

test('a step that does not commute with renaming is refused, naming the threads, the slot and the step', (t) => {
  // The lock holder is not renamed: thread t's take sets owner = t, but renaming then taking by the other thread sets it
  // to the other: slot 0 (owner) differs, at the first step of bump.
  const e = t.throws(() => explore(buildModel(slotsSpec(2, { forgetOwner: true })), { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.regex(
    e?.message ?? '',
    /^symmetry: threads (0 and 1|1 and 0) are declared interchangeable, but the step and the renaming do not commute \(slot 0\) \(thread [01] in bump at step 0\); a world field or local naming a thread or an entity is not renamed$/,
  );
  const [, a, b, c] = /threads (\d) and (\d).*\(thread (\d) in/.exec(e?.message ?? '') ?? [];
  t.is(a, c);
  t.not(a, b);
});

interface TurnWorld {
  turn: number;
  c: number[];
}

test('a step the renamed thread cannot take is refused', (t) => {
  // Thread turn goes first: turn is a thread number the renaming does not know, so after swapping, the other thread
  // cannot take the step the first one could.
  const go: FnDef<TurnWorld> = {
    steps: [{ label: 'go', src: src('go'), when: (w, _l, tid) => w.turn === tid, run: (c) => void ((c.w.turn = 1 - c.tid), (c.w.c[c.l.i as number] = 1)) }],
  };
  const spec: ProgramSpec<TurnWorld> = {
    name: 'turn',
    world: { turn: 0, c: [0, 0] },
    fns: { go },
    threads: [
      { name: 'A', fn: 'go', args: { i: 0 } },
      { name: 'B', fn: 'go', args: { i: 1 } },
    ],
    symmetry: { groups: [{ threads: [0, 1], blocks: [[0], [1]] }], entityLocals: ['i'], world: { entities: 'c' } },
  };
  const e = t.throws(() => explore(buildModel(spec), { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.is(
    e?.message,
    'symmetry: threads 0 and 1 are declared interchangeable, but the renamed thread cannot take the step (thread 0 in go at step 0); a world field or local naming a thread or an entity is not renamed',
  );
});

test('an invariant that holds on a state and not on its renaming is refused', (t) => {
  // c[2] stays 0 is broken by thread 2's inc and not by the renamed thread's (the warm-up meets it with 3 threads).
  const spec = slotsSpec(3);
  const model = buildModel({ ...spec, stateInvariants: [{ id: 'slot-2-untouched', description: 'c[2] stays 0', check: (s) => (s.w.c[2] === 0 ? null : `c[2] is ${s.w.c[2]}`) }] });
  const e = t.throws(() => explore(model, { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.regex(e?.message ?? '', /^symmetry: threads \d and \d are declared interchangeable, but invariant slot-2-untouched holds on one of two renamed states and not on the other \(thread [012] in bump at step 1\); a world field/);
});

test('an invariant that tells two interchangeable threads apart is refused even where the warm-up samples miss it (every stored state is checked renamed)', (t) => {
  // Two threads: c[0] stays 0 is broken by thread 0's inc; the warm-up's samples did not meet it, and the search
  // used to report the later state where both had bumped (schedule 00011) instead of thread 0's own (00).
  const spec = slotsSpec(2);
  const model = buildModel({ ...spec, stateInvariants: [{ id: 'slot-0-untouched', description: 'c[0] stays 0', check: (s) => (s.w.c[0] === 0 ? null : `c[0] is ${s.w.c[0]}`) }] });
  const e = t.throws(() => explore(model, { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.regex(e?.message ?? '', /^symmetry: (invariant slot-0-untouched holds on a reachable state and fails on the same state with interchangeable threads renamed \(0->1, 1->0\)|threads 0 and 1 are declared interchangeable, but invariant slot-0-untouched)/);
  // Without --symmetry the same model gives the real shortest counterexample.
  const r = explore(model, { progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.schedule : '', '00');
});

test('an end check that tells interchangeable threads apart is refused too', (t) => {
  // Each of two threads picks 1 or 2 for its own cell; "own[0] <= own[1]" at the end tells them apart.
  const p = { group: 2, block: 1, cells: 1, code: [{ op: 'choose' as const, k: 0, vs: [1, 2] }], extra: null, endCell0: -1 };
  const spec = toSymSpec(p);
  const symmetricEnd = buildModel({ ...spec, stateInvariants: [], stepInvariants: [], endChecks: [{ id: 'both-chose', description: 'every own cell is set', worldOnly: true, check: (s) => (s.w.own.every((x) => x > 0) ? null : 'unset') }] });
  t.is(explore(symmetricEnd, { progress: null, symmetry: true }).verdict, 'pass');
  const asym = buildModel({ ...spec, stateInvariants: [], stepInvariants: [], endChecks: [{ id: 'first-not-above', description: 'own[0] <= own[1] at the end', worldOnly: true, check: (s) => ((s.w.own[0] ?? 0) <= (s.w.own[1] ?? 0) ? null : 'own[0] above own[1]') }] });
  const e = t.throws(() => explore(asym, { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.regex(e?.message ?? '', /first-not-above/);
});

test('assertions (kind assert) are left to the fault check: an assertion id in the invariants does not count as telling states apart', (t) => {
  // The assert's check reads the fault, which names its thread; it must not be compared across renamed states.
  const r = explore(buildModel(lastSpec({ assert: true })), { progress: null, symmetry: true, exact: true });
  t.is(r.verdict, 'violation');
});

test('SymmetryBroken.is tells the error apart from others', (t) => {
  t.true(SymmetryBroken.is(new SymmetryBroken('x')));
  t.false(SymmetryBroken.is(new Error('x')));
  t.false(SymmetryBroken.is(null));
  t.false(SymmetryBroken.is('symmetry'));
  t.false(SymmetryBroken.is(undefined));
});

test('without --symmetry, a declaration that is not symmetric is not checked: the plain search runs', (t) => {
  // The lock holder is not renamed (as above), which only a symmetric search must refuse.
  const r = explore(buildModel(slotsSpec(2, { forgetOwner: true })), { progress: null });
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 12);
  const s = explore(buildModel(slotsSpec(3, { start: [0, 0, 5] })), { progress: null });
  t.is(s.verdict, 'pass');
});

/** Two threads, one step each: `go` records a failed assertion as `fail` says for the thread (an id, or null for none). */
function failSpec(fail: (tid: number) => string | null, markTurn = false): ProgramSpec<TurnWorld> {
  const go: FnDef<TurnWorld> = {
    steps: [
      {
        label: 'go',
        src: src('go'),
        run: (c) => {
          c.w.c[c.l.i as number] = 1;
          if (markTurn) c.w.turn = c.tid + 1;
          const id = fail(c.tid);
          if (id !== null) c.fail(id, `T${c.tid} fails ${id}`);
        },
      },
    ],
  };
  return {
    name: 'fail',
    world: { turn: 0, c: [0, 0] },
    fns: { go },
    threads: [
      { name: 'A', fn: 'go', args: { i: 0 } },
      { name: 'B', fn: 'go', args: { i: 1 } },
    ],
    asserts: [
      { id: 'a', description: 'a' },
      { id: 'b', description: 'b' },
    ],
    symmetry: { groups: [{ threads: [0, 1], blocks: [[0], [1]] }], entityLocals: ['i'], world: { entities: 'c' } },
  };
}

test('an assertion only one of two interchangeable threads makes is refused (the fault slot, 3, differs)', (t) => {
  // Either thread alone: the renamed state or the renamed thread's step carries the fault, not both.
  for (const only of [0, 1]) {
    const e = t.throws(() => explore(buildModel(failSpec((tid) => (tid === only ? 'a' : null))), { progress: null, symmetry: true }));
    t.true(SymmetryBroken.is(e), `only ${only}`);
    t.regex(e?.message ?? '', /^symmetry: threads (0 and 1|1 and 0) are declared interchangeable, but the step and the renaming do not commute \(slot 3\) \(thread [01] in go at step 0\)/);
  }
});

test('assertions of two interchangeable threads with different ids are refused', (t) => {
  const e = t.throws(() => explore(buildModel(failSpec((tid) => (tid === 0 ? 'a' : 'b'))), { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.regex(e?.message ?? '', /do not commute \(slot 3\)/);
  // The same id from either thread commutes: the violation is reported, by thread 0 (the first the search tries).
  const r = explore(buildModel(failSpec(() => 'a')), { progress: null, symmetry: true });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.message, 'T0 fails a');
  t.is(r.schedule, '0');
});

test('checks sharing an id: on renamed states too, the first that fails speaks (state, step and end)', (t) => {
  const two = (msg: string): StateInvariant<S> => ({ id: 'dup', description: 'two slots bumped', check: (s) => (bumped(s.w).length >= 2 ? `${msg} ${bumped(s.w).join(',')}` : null) });
  const state = explore(buildModel(lastSpec({ stateInvariants: [two('first'), two('second')] })), { progress: null, symmetry: true });
  if (state.verdict !== 'violation') return t.fail(state.verdict);
  t.regex(state.message, /^first 0,[12]$/);
  const step = (msg: string): StepInvariant<S> => ({ id: 'dup', description: 'two slots bumped', check: (_b, a) => (bumped(a.w).length >= 2 ? `${msg} ${bumped(a.w).join(',')}` : null) });
  const st = explore(buildModel(lastSpec({ stepInvariants: [step('first'), step('second')] })), { progress: null, symmetry: true });
  if (st.verdict !== 'violation') return t.fail(st.verdict);
  t.regex(st.message, /^first 0,[12]$/);
  const end = (msg: string): StateInvariant<S> => ({ id: 'dup', description: 'last giver', check: (s) => `${msg} T${s.w.last}` });
  const en = explore(buildModel(lastSpec({ endChecks: [end('first'), end('second')] })), { progress: null, symmetry: true });
  if (en.verdict !== 'violation') return t.fail(en.verdict);
  t.is(en.message, `first T${en.schedule[8]}`);
});

test('a hang found on renamed states is described on the real trace (no check message to recompute)', (t) => {
  // Each thread takes the lock and never gives it back: once one holds it, the others wait forever.
  const hold: FnDef<LastWorld> = { steps: [{ label: 'take', src: src('spin_lock(&lock)'), when: (w) => w.owner === -1, run: (c) => void (c.w.owner = c.tid) }, { label: 'stuck', src: src('spin_lock(&lock)'), when: (w) => w.owner === -1, run: () => {} }] };
  const spec = lastSpec();
  const r = explore(buildModel({ ...spec, fns: { bump: hold } }), { progress: null, symmetry: true });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.invariant, 'no-hang');
  t.is(r.schedule, '0');
  t.true(r.message.length > 0);
});

test('a fault that commutes does not excuse another slot that does not', (t) => {
  // Both threads fail the same assertion, but the step also writes its thread number (+1) into turn, which is not renamed:
  // slot 0 differs.
  const e = t.throws(() => explore(buildModel(failSpec(() => 'a', true)), { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.regex(e?.message ?? '', /do not commute \(slot 0\)/);
});
