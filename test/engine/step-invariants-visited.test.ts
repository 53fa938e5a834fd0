/**
 * Step invariants are checked on every transition, also on those into states
 * already visited (which add no state to search). A search that skipped them
 * would miss a violation that lies only on such an edge: in the toggle toy the
 * only bad edge leads back to the initial state. Exact counts on tiny toys,
 * through the public Model/explore API only.
 */
import test from 'ava';
import { buildModel, explore, type Action, type Model, type ProgramSpec, type StepInvariant, type SysState } from '../../checker/index.ts';
import { independentSpec, type IndependentWorld } from '../toys/independent.ts';
import { petersonSpec, type PetersonWorld } from '../toys/peterson.ts';
import { toggleSpec, type ToggleWorld } from '../toys/toggle.ts';
import { wakeupSpec, type WakeupWorld } from '../toys/wakeup.ts';

/** Each model as built, and with checkWrites (which keeps the object form of the state). */
const BUILDS = [false, true] as const;
const STRATEGIES = ['bfs', 'dfs'] as const;

const noReturn: StepInvariant<SysState<ToggleWorld>> = {
  id: 'no-return',
  description: 'x never flips back from 1 to 0',
  check: (before, after) => (before.w.x === 1 && after.w.x === 0 ? 'x flipped back to 0' : null),
};

for (const strategy of STRATEGIES) {
  for (const checkWrites of BUILDS) {
    test(`a violation on the edge back into the initial state is found (${strategy}${checkWrites ? ', checkWrites' : ''})`, (t) => {
      // States x=0 (initial) and x=1; the 2nd transition, 1 -> 0, leads back to the initial state.
      const r = explore(buildModel({ ...toggleSpec(), stepInvariants: [noReturn] }, { checkWrites }), { strategy, progress: null });
      if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
      t.is(r.invariant, 'no-return');
      t.is(r.kind, 'step');
      t.is(r.message, 'x flipped back to 0');
      t.is(r.schedule, '00');
      t.deepEqual([r.stats.states, r.stats.transitions, r.stats.depth], [2, 2, 1]);
    });
  }
}

/** A toy, how to read a state of it field by field (a step invariant may see the state through a view), and its exact counts. */
interface Case<W> {
  readonly name: string;
  readonly spec: ProgramSpec<W>;
  readonly key: (s: SysState<W>) => string;
  readonly states: number;
  readonly transitions: number;
}

const frames = (s: SysState<unknown>, locals: readonly string[] = []) =>
  s.t.map((th) => th.frames.map((f) => [f.fn, f.pc, ...locals.map((k) => f.l[k])]));

/** Erases a case's world type, for a list of cases over different worlds. */
const caseOf = <W>(c: Case<W>): Case<unknown> => c as unknown as Case<unknown>;

const CASES: Case<unknown>[] = [
  caseOf({
    // 3 x 3 program counters; 8 transitions from the 4 states where both threads run, 4 from the 4 where one does.
    name: 'two independent threads',
    spec: independentSpec(),
    key: (s: SysState<IndependentWorld>) => JSON.stringify([s.w.a[0], s.w.a[1], s.w.b[0], s.w.b[1], frames(s)]),
    states: 9,
    transitions: 12,
  }),
  caseOf({
    name: "Peterson's lock, one round",
    spec: petersonSpec(),
    key: (s: SysState<PetersonWorld>) => JSON.stringify([s.w.flag[0], s.w.flag[1], s.w.turn, s.w.inCs[0], s.w.inCs[1], frames(s, ['round'])]),
    states: 42,
    transitions: 58,
  }),
  caseOf({
    name: 'the wake-up toy (prepare, then check)',
    spec: wakeupSpec(),
    key: (s: SysState<WakeupWorld>) => JSON.stringify([s.w.cond, s.w.waiting, s.w.woken, frames(s)]),
    states: 13,
    transitions: 15,
  }),
];

const edgeText = (from: string, a: Action, to: string) => `${from} -${a.thread}/${a.choice}-> ${to}`;

/** Every edge of the reachable graph, enumerated with the model's own actions/apply and a visited set of its own. */
function edgesOf<W>(model: Model<SysState<W>>, key: (s: SysState<W>) => string): { edges: string[]; states: number } {
  const init = model.init();
  const seen = new Set([key(init)]);
  const queue = [init];
  const edges: string[] = [];
  for (let s = queue.shift(); s; s = queue.shift()) {
    for (const a of model.actions(s)) {
      const n = model.apply(s, a);
      edges.push(edgeText(key(s), a, key(n)));
      if (!seen.has(key(n))) {
        seen.add(key(n));
        queue.push(n);
      }
    }
  }
  return { edges: edges.sort(), states: seen.size };
}

for (const c of CASES) {
  for (const strategy of STRATEGIES) {
    for (const checkWrites of BUILDS) {
      const edgesIntoVisited = c.transitions - (c.states - 1);
      test(`${c.name} (${strategy}${checkWrites ? ', checkWrites' : ''}): each of the ${c.transitions} transitions is checked once, ${edgesIntoVisited} of them into visited states`, (t) => {
        const checked: string[] = [];
        const recorder: StepInvariant<SysState<unknown>> = {
          id: 'record',
          description: 'records every transition it is asked about',
          check: (before, after, a) => {
            checked.push(edgeText(c.key(before), a, c.key(after)));
            return null;
          },
        };
        const model = buildModel({ ...c.spec, stepInvariants: [...(c.spec.stepInvariants ?? []), recorder] }, { checkWrites });
        const r = explore(model, { strategy, progress: null });
        t.is(r.verdict, 'pass');
        t.deepEqual([r.stats.states, r.stats.transitions], [c.states, c.transitions]);
        const all = edgesOf(model, c.key);
        t.deepEqual([all.states, all.edges.length], [c.states, c.transitions], 'the enumeration agrees on the counts');
        t.deepEqual(checked.sort(), all.edges);
      });
    }
  }
}
