/**
 * Search options at their defaults and off, in both searches: a violation in
 * the initial state is reported before any step; checkHang (default on)
 * reports a stuck state as no-hang, off makes it a leaf; dead locals (packed
 * search, default on) merge states that differ only in a local no later step
 * reads.
 */
import test from 'ava';
import { buildModel, explore, type ProgramSpec, type Result } from '../../checker/index.ts';
import { locksSpec } from '../toys/locks.ts';
import { petersonSpec } from '../toys/peterson.ts';
import { toSpec, type RandProgram } from '../toys/random-program.ts';

const key = (r: Result) =>
  `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} '${r.schedule}' ${r.message}` : ''} states=${r.stats.states} transitions=${r.stats.transitions}`;

for (const engine of ['object', 'packed'] as const) {
  test(`a state invariant that fails in the initial state: reported with an empty schedule (${engine})`, (t) => {
    const spec: ProgramSpec<{ n: number }> = {
      name: 'init-bad',
      world: { n: 0 },
      fns: { f: { steps: [{ label: 'inc', src: { file: 'toy/init.c', fn: 'f', code: 'n++' }, run: (c) => void (c.w.n += 1) }] } },
      threads: [{ name: 'T0', fn: 'f', args: {} }],
      stateInvariants: [{ id: 'n-positive', description: 'n > 0', check: (s) => (s.w.n > 0 ? null : `n is ${s.w.n}`) }],
    };
    const r = explore(buildModel(spec), { progress: null, engine });
    t.is(key(r), "violation n-positive '' n is 0 states=1 transitions=0");
    t.deepEqual(r.verdict === 'violation' ? r.trace : null, []);
  });

  test(`checkHang: the ABBA deadlock is no-hang by default, a leaf when off (${engine})`, (t) => {
    t.is(key(explore(buildModel(locksSpec()), { progress: null, engine })), "violation no-hang '01' alpha sleeps in ab at 'mutex_lock(&B)': lock B held by beta; beta sleeps in ba at 'mutex_lock(&A)': lock A held by alpha states=5 transitions=4");
    t.is(key(explore(buildModel(locksSpec()), { progress: null, engine, checkHang: true })), key(explore(buildModel(locksSpec()), { progress: null, engine })));
    t.is(key(explore(buildModel(locksSpec()), { progress: null, engine, checkHang: false })), 'pass states=19 transitions=22');
  });
}

test('dead locals: on by default in the packed search, which then merges states the object search keeps apart', (t) => {
  // T0 loads cell 0 into a (never read again); T1 picks cell 0 among 1, 2, 3 and loads it into b (never read again).
  const p: RandProgram = {
    cells: 2,
    threads: [
      [{ op: 'load', c: 0, into: 'a' }, { op: 'atomic', c: 1, add: 1 }, { op: 'atomic', c: 1, add: 1 }],
      [{ op: 'choose', c: 0, vs: [1, 2, 3] }, { op: 'load', c: 0, into: 'b' }, { op: 'atomic', c: 0, add: 1 }],
    ],
    sub: [{ op: 'atomic', c: 0, add: 1 }],
    endCell0: -1,
  };
  const run = (o: object) => key(explore(buildModel(toSpec(p)), { progress: null, ...o }));
  t.is(run({ engine: 'object' }), 'pass states=62 transitions=100');
  t.is(run({ deadLocals: false }), 'pass states=62 transitions=100');
  t.is(run({ deadLocals: true }), 'pass states=40 transitions=66');
  t.is(run({}), 'pass states=40 transitions=66');
});

test('dead locals off: locals read in guards and steps, jumps, and calls with a continuation give the object search counts', (t) => {
  const src = { file: 'toy/call.c', fn: 'f', code: 'step' };
  // f: k = tid + 1; r = g(tid) then continue at c (skipping b); c (enabled while k > 0): n += r + k.
  const callThen: ProgramSpec<{ n: number }> = {
    name: 'call-then',
    world: { n: 0 },
    fns: {
      f: {
        steps: [
          { label: 'a', src, run: (c) => ((c.l.k = c.tid + 1), c.call('g', { x: c.tid }, 'c', 'r')) },
          { label: 'b', src, run: (c) => void (c.w.n += 100) },
          { label: 'c', src, when: (_w, l) => (l.k as number) > 0, run: (c) => void (c.w.n += (c.l.r as number) + (c.l.k as number)) },
        ],
      },
      g: { steps: [{ label: 'g1', src, run: (c) => c.ret((c.l.x as number) * 2) }] },
    },
    threads: [
      { name: 'T0', fn: 'f', args: {} },
      { name: 'T1', fn: 'f', args: {} },
    ],
  };
  for (const [s, expected] of [
    [petersonSpec({ rounds: 2 }), 'pass states=146 transitions=220'],
    [callThen, 'pass states=16 transitions=24'],
  ] as const) {
    for (const o of [{ engine: 'object' }, { deadLocals: false }, { deadLocals: false, exact: true }, {}] as const) {
      t.is(key(explore(buildModel(s as ProgramSpec<unknown>), { progress: null, ...o })), expected, `${s.name} ${JSON.stringify(o)}`);
    }
  }
});

test('dead locals: a local read only by a guard stays live', (t) => {
  const src = { file: 'toy/guard.c', fn: 'f', code: 'step' };
  // k = tid + 1, then wait until k > 1 or n > 0, then n++: T1 goes first, T0 after it.
  const spec: ProgramSpec<{ n: number }> = {
    name: 'guard-read',
    world: { n: 0 },
    fns: {
      f: {
        steps: [
          { label: 'set', src, run: (c) => void (c.l.k = c.tid + 1) },
          { label: 'wait', src, when: (w, l) => (l.k as number) > 1 || w.n > 0, run: (c) => void (c.w.n += 1) },
        ],
      },
    },
    threads: [
      { name: 'T0', fn: 'f', args: {} },
      { name: 'T1', fn: 'f', args: {} },
    ],
  };
  const object = key(explore(buildModel(spec), { progress: null, engine: 'object' }));
  t.is(object, 'pass states=7 transitions=8');
  t.is(key(explore(buildModel(spec), { progress: null })), object);
});

test('a step that fails after reading a local fails with its own error (dead locals on and off)', (t) => {
  const src = { file: 'toy/boom.c', fn: 'f', code: 'step' };
  const spec: ProgramSpec<{ n: number }> = {
    name: 'boom',
    world: { n: 0 },
    fns: {
      f: {
        steps: [
          { label: 'set', src, run: (c) => void (c.l.k = 1) },
          {
            label: 'boom',
            src,
            run: (c) => {
              if ((c.l.k as number) > 0) throw new Error('boom');
            },
          },
        ],
      },
    },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  };
  for (const deadLocals of [true, false]) t.throws(() => explore(buildModel(spec), { progress: null, deadLocals }), { message: 'boom' }, String(deadLocals));
});

test('dead locals: two dead locals of one frame, on the second thread, are both reset', (t) => {
  // T1 picks cell 0, loads cells 0 and 1 into a and b (neither read again), then increments cell 0 twice; T0 increments cell 1 twice.
  const p: RandProgram = {
    cells: 2,
    threads: [
      [{ op: 'atomic', c: 1, add: 1 }, { op: 'atomic', c: 1, add: 1 }],
      [{ op: 'choose', c: 0, vs: [1, 2, 3] }, { op: 'load', c: 0, into: 'a' }, { op: 'load', c: 1, into: 'b' }, { op: 'atomic', c: 0, add: 1 }, { op: 'atomic', c: 0, add: 1 }],
    ],
    sub: [{ op: 'atomic', c: 0, add: 1 }],
    endCell0: -1,
  };
  t.is(key(explore(buildModel(toSpec(p)), { progress: null, engine: 'object' })), 'pass states=66 transitions=101');
  t.is(key(explore(buildModel(toSpec(p)), { progress: null, deadLocals: false })), 'pass states=66 transitions=101');
  t.is(key(explore(buildModel(toSpec(p)), { progress: null })), 'pass states=48 transitions=77');
});
