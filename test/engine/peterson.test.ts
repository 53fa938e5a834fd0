/** Peterson's lock: the correct algorithm keeps mutual exclusion, the variant without the turn handoff does not. */
import test from 'ava';
import { buildModel, explore, replay } from '../../checker/index.ts';
import { petersonSpec } from '../toys/peterson.ts';

/**
 * Reachable states, transitions and greatest BFS depth of the correct lock, by
 * rounds: counted by `enumeratePeterson` below, a plain enumeration that shares
 * no code with the engine. Both strategies visit every state and transition.
 * The depth is 12 per round (each thread's 6 steps) under both: every path to a
 * state takes the same number of steps, since each step moves one program counter.
 */
const EXPECTED: Record<number, { states: number; transitions: number; depth: number }> = {
  1: { states: 42, transitions: 58, depth: 12 },
  2: { states: 146, transitions: 220, depth: 24 },
  3: { states: 314, transitions: 490, depth: 36 },
};

for (const rounds of [1, 2, 3]) {
  for (const strategy of ['bfs', 'dfs'] as const) {
    test(`Peterson passes (${rounds} round(s), ${strategy}) over exactly its ${EXPECTED[rounds]!.states} states`, (t) => {
      const r = explore(buildModel(petersonSpec({ rounds }), { checkWrites: true }), { strategy, progress: null });
      t.is(r.verdict, 'pass');
      const { states, transitions, depth } = r.stats;
      t.deepEqual({ states, transitions, depth }, EXPECTED[rounds]);
    });
  }
}

/** Peterson's lock re-stated without the engine: per thread a pc (0 flag .. 5 unflag) and a round, or null once finished. */
function enumeratePeterson(rounds: number): { states: number; transitions: number; depth: number } {
  type Th = readonly [pc: number, round: number] | null;
  interface S {
    flag: boolean[];
    turn: number;
    inCs: boolean[];
    th: Th[];
  }
  const next = (s: S, i: number): S | null => {
    const th = s.th[i];
    if (!th) return null;
    const [pc, round] = th;
    const o = 1 - i;
    const n: S = { flag: [...s.flag], turn: s.turn, inCs: [...s.inCs], th: [...s.th] };
    n.th[i] = [pc + 1, round];
    if (pc === 0) n.flag[i] = true;
    else if (pc === 1) n.turn = o;
    else if (pc === 2 && s.flag[o] && s.turn === o) return null;
    else if (pc === 3) n.inCs[i] = true;
    else if (pc === 4) n.inCs[i] = false;
    else if (pc === 5) {
      n.flag[i] = false;
      n.th[i] = round + 1 < rounds ? [0, round + 1] : null;
    }
    return n;
  };
  const init: S = { flag: [false, false], turn: 0, inCs: [false, false], th: [[0, 0], [0, 0]] };
  const depthOf = new Map([[JSON.stringify(init), 0]]);
  const queue = [init];
  let transitions = 0;
  let depth = 0;
  for (let s = queue.shift(); s; s = queue.shift()) {
    const d = depthOf.get(JSON.stringify(s))!;
    for (const i of [0, 1]) {
      const n = next(s, i);
      if (!n) continue;
      transitions++;
      const key = JSON.stringify(n);
      if (depthOf.has(key)) continue;
      depthOf.set(key, d + 1);
      depth = Math.max(depth, d + 1);
      queue.push(n);
    }
  }
  return { states: depthOf.size, transitions, depth };
}

test('an enumeration independent of the engine gives the pinned counts', (t) => {
  for (const rounds of [1, 2, 3]) t.deepEqual(enumeratePeterson(rounds), EXPECTED[rounds], `${rounds} round(s)`);
});

test('Peterson without the turn handoff violates mutual-exclusion in 6 steps', (t) => {
  // turn stays 0: P0 always walks in; P1 walks in while flag[0] is false.
  // Shortest: P1 flag, P1 await (flag[0] false), P0 flag, P0 await (turn == 0),
  // P0 enter, P1 enter = 6 steps (P1 must pass await before P0 raises its flag,
  // and each thread needs flag, await, enter).
  const model = buildModel(petersonSpec({ broken: true }), { checkWrites: true });
  const r = explore(model, { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'mutual-exclusion');
  t.is(r.kind, 'state');
  t.is(r.message, 'both threads are in the critical section');
  t.is(r.trace.length, 6);
  t.is(r.schedule, '110001');
  t.deepEqual(
    r.trace.map((s) => `${s.threadName}:${s.label}`),
    ['P1:flag', 'P1:await', 'P0:flag', 'P0:await', 'P0:enter', 'P1:enter'],
  );
  t.is(replay(model, r.schedule).violation?.invariant, 'mutual-exclusion');
});

test('broken Peterson is also caught by dfs', (t) => {
  const r = explore(buildModel(petersonSpec({ broken: true, rounds: 2 })), { strategy: 'dfs', progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.invariant : null, 'mutual-exclusion');
});

test('the correct Peterson never admits both threads on any schedule of the broken one', (t) => {
  // The broken counterexample's prefix P1 flag, P1 turn... differs; check the
  // correct model blocks P1 entering after P0: P0 flag, P0 turn, P1 flag, P1 turn,
  // P0 await (turn == 0 now, so P0 may pass), P0 enter; P1 must now be asleep.
  const model = buildModel(petersonSpec());
  const r = replay(model, '001100');
  t.is(r.violation, null);
  t.deepEqual(r.trace.map((s) => s.label), ['flag', 'turn', 'flag', 'turn', 'await', 'enter']);
  // Only P0 can move; P1 is asleep on the await.
  let s = model.init();
  for (const step of r.trace) {
    const a = model.actions(s).find((x) => x.thread === step.thread);
    if (!a) return t.fail('schedule step not enabled');
    s = model.apply(s, a);
  }
  t.deepEqual(model.actions(s).map((a) => a.thread), [0]);
});
