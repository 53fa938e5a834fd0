/**
 * A state invariant that reads the threads (frames, functions, pcs, return
 * locals, locals) sees the same thing in the packed search as in the object
 * search: a check of the stack's shape holds in both, and a check that fires
 * on one frame deep in a call is met at the same state by both. With dead
 * locals off: the dead-local analysis learns what steps read, not what
 * invariants read, so with it on (the default) an invariant that reads a
 * local no step reads sees it reset (the last test, marked failing, shows it).
 */
import test from 'ava';
import { buildModel, explore, type Result, type StateInvariant, type SysState } from '../../checker/index.ts';
import { toSpec, type RandProgram, type RandWorld } from '../toys/random-program.ts';

type S = SysState<RandWorld>;

// T0: inc, call sub, inc. T1: load a, call sub (its last step), so sub returns from T1 too. sub: load a, inc.
const program: RandProgram = {
  cells: 2,
  threads: [
    [{ op: 'atomic', c: 0, add: 1 }, { op: 'call' }, { op: 'atomic', c: 1, add: 1 }],
    [{ op: 'load', c: 0, into: 'a' }, { op: 'call' }],
  ],
  sub: [{ op: 'load', c: 0, into: 'b' }, { op: 'atomic', c: 0, add: 1 }],
  endCell0: -1,
};

/** Every bottom frame is the thread's own function with no return local; every callee is sub returning into r; no local is undefined. */
const stackShape: StateInvariant<S> = {
  id: 'stack-shape',
  description: 'frames are as the program makes them',
  check: (s) => {
    for (const [i, th] of s.t.entries()) {
      for (const [k, f] of th.frames.entries()) {
        if (k === 0 && (f.fn !== `t${i}` || f.ret !== null)) return `thread ${i} bottom frame ${JSON.stringify(f)}`;
        if (k > 0 && (f.fn !== 'sub' || f.ret !== 'r' || f.l.x !== i)) return `thread ${i} frame ${k} ${JSON.stringify(f)}`;
        if (f.pc < 0 || f.pc > 2) return `thread ${i} frame ${k} pc ${f.pc}`;
        for (const [n, v] of Object.entries(f.l)) if (v === undefined) return `thread ${i} frame ${k}: local ${n} is undefined`;
      }
    }
    return null;
  },
};

/** Fires when T1 is in sub's second step having loaded b = 1 while T0 has finished. */
const witness: StateInvariant<S> = {
  id: 'witness',
  description: 'a particular stack',
  check: (s) => {
    const f = s.t[1]?.frames;
    if (s.t[0]?.frames.length === 0 && f?.length === 2 && f[1]?.pc === 1 && f[1]?.l.b === 1 && f[0]?.l.a === 0) return 'T1 is in sub at pc 1 with b = 1, T0 finished';
    return null;
  },
};

const key = (r: Result) =>
  `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} ${r.schedule} ${r.message}` : ''} states=${r.stats.states} transitions=${r.stats.transitions}`;

const build = (invs: StateInvariant<S>[]) => {
  const spec = toSpec(program);
  return buildModel({ ...spec, stateInvariants: [...(spec.stateInvariants ?? []), ...invs] });
};

for (const strategy of ['bfs', 'dfs'] as const) {
  test(`the stack's shape holds in both searches (${strategy})`, (t) => {
    const object = explore(build([stackShape]), { progress: null, strategy, engine: 'object' });
    t.is(object.verdict, 'pass');
    t.is(key(explore(build([stackShape]), { progress: null, strategy, deadLocals: false })), key(object));
    t.is(key(explore(build([stackShape]), { progress: null, strategy, deadLocals: false, exact: true })), key(object));
  });

  test(`a check on a frame deep in a call fires at the same state in both searches (${strategy})`, (t) => {
    const object = explore(build([witness]), { progress: null, strategy, engine: 'object' });
    t.is(object.verdict, 'violation');
    t.is(key(explore(build([witness]), { progress: null, strategy, deadLocals: false })), key(object));
  });
}

// sub's argument x and its local b are read by no step: were dead locals reset, the invariants would see them absent.
// Invariants not marked worldOnly turn the reset off, so they see what the object search sees.
test('with dead locals (the default), invariants that read locals see what the object search sees', (t) => {
  const object = explore(build([witness]), { progress: null, engine: 'object' });
  t.is(key(explore(build([witness]), { progress: null })), key(object));
  t.is(explore(build([stackShape]), { progress: null }).verdict, 'pass');
});
