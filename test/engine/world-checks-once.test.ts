/**
 * The packed search checks an invariant marked worldOnly once per distinct
 * world (state invariants) and once per distinct world transition and thread
 * (step invariants), skipping steps that leave the world as it was; the exact
 * search only skips those steps; an invariant not marked worldOnly is checked
 * at every state and transition. Counted against the worlds and transitions
 * the object search visits.
 */
import test from 'ava';
import { buildModel, explore, fingerprint, type ProgramSpec, type StateInvariant, type StepInvariant, type SysState } from '../../checker/index.ts';
import { toSpec, type RandProgram, type RandWorld } from '../toys/random-program.ts';

type S = SysState<RandWorld>;

// Two threads over two cells with a lock, a branch and a local load: some steps leave the world as it was.
const program: RandProgram = {
  cells: 2,
  threads: [
    [{ op: 'lock' }, { op: 'atomic', c: 0, add: 1 }, { op: 'load', c: 1, into: 'a' }, { op: 'unlock' }],
    [{ op: 'choose', c: 1, vs: [1, 2] }, { op: 'lock' }, { op: 'store', c: 0, from: 'a', add: 2 }, { op: 'unlock' }],
  ],
  sub: [{ op: 'atomic', c: 0, add: 1 }],
  endCell0: -1,
};

function counted(worldOnly: boolean) {
  const worlds = new Set<string>();
  const moves = new Set<string>();
  let stateCalls = 0;
  let stepCalls = 0;
  let changing = 0;
  const state: StateInvariant<S> = {
    id: 'count-states',
    description: 'counts its calls',
    worldOnly,
    check: (s) => {
      stateCalls++;
      worlds.add(fingerprint({ cells: [...s.w.cells], lock: s.w.lock, flag: s.w.flag }));
      return null;
    },
  };
  const step: StepInvariant<S> = {
    id: 'count-steps',
    description: 'counts its calls',
    worldOnly,
    check: (b, a, act) => {
      stepCalls++;
      const x = fingerprint({ cells: [...b.w.cells], lock: b.w.lock, flag: b.w.flag });
      const y = fingerprint({ cells: [...a.w.cells], lock: a.w.lock, flag: a.w.flag });
      if (x !== y) {
        moves.add(`${x} ${y} ${act.thread}`);
        changing++;
      }
      return null;
    },
  };
  const spec = toSpec(program);
  const full: ProgramSpec<RandWorld> = { ...spec, stateInvariants: [...(spec.stateInvariants ?? []), state], stepInvariants: [step] };
  return { full, calls: () => ({ stateCalls, stepCalls }), worlds, moves, changing: () => changing };
}

test('worldOnly invariants: once per distinct world and per distinct world transition (packed, hashed)', (t) => {
  const ref = counted(false);
  const o = explore(buildModel(ref.full), { progress: null, engine: 'object' });
  t.is(o.verdict, 'pass');
  // The object search checks every state and every transition.
  t.deepEqual(ref.calls(), { stateCalls: o.stats.states, stepCalls: o.stats.transitions });
  const p = counted(true);
  const r = explore(buildModel(p.full), { progress: null, deadLocals: false });
  t.is(r.stats.states, o.stats.states);
  t.true(ref.worlds.size < o.stats.states && ref.moves.size < o.stats.transitions);
  t.deepEqual(p.calls(), { stateCalls: ref.worlds.size, stepCalls: ref.moves.size });
});

test('not worldOnly: every state and every transition (packed)', (t) => {
  const c = counted(false);
  const r = explore(buildModel(c.full), { progress: null, deadLocals: false });
  t.deepEqual(c.calls(), { stateCalls: r.stats.states, stepCalls: r.stats.transitions });
});

test('worldOnly in the exact search: no cache, but steps that leave the world as it was are skipped', (t) => {
  const ref = counted(false);
  explore(buildModel(ref.full), { progress: null, engine: 'object' });
  const c = counted(true);
  const r = explore(buildModel(c.full), { progress: null, deadLocals: false, exact: true });
  const { stateCalls, stepCalls } = c.calls();
  t.is(stepCalls, ref.changing());
  t.true(stepCalls > ref.moves.size);
  t.true(stateCalls > ref.worlds.size && stateCalls < r.stats.states, `${stateCalls}`);
});
