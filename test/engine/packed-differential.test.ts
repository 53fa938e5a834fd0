/**
 * The packed search against the object search on random small programs: same
 * verdict, invariant, distinct states, transitions and (bfs) schedule; hashed
 * and exact packed runs identical; dfs identical too. 500 programs per run,
 * seed printed on failure (fast-check shrinks the program).
 */
import test from 'ava';

/** Lets ava report the tests before (synchronous tests of one file would otherwise report only at the end). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
import fc from 'fast-check';
import { buildModel, explore, type Result } from '../../checker/index.ts';
import { randProgram, toSpec } from '../toys/random-program.ts';

const key = (r: Result) =>
  `${r.verdict} ${r.verdict === 'violation' ? `${r.invariant} ${r.schedule}` : r.verdict === 'incomplete' ? r.bound : ''} states=${r.stats.states} transitions=${r.stats.transitions} depth=${r.stats.depth}`;

const runs = Number(process.env.MOVCHECK_PROGRAMS ?? 500);

const verdictKey = (r: Result) => `${r.verdict} ${r.verdict === 'violation' ? `${r.invariant} ${r.trace.length}` : ''}`;

// In chunks of 100, each with its own seed, so a slow machine still shows progress.
for (let chunk = 0; chunk * 100 < runs; chunk++) {
  const seed = Number(process.env.MOVCHECK_SEED ?? 20261128) + chunk;
  test(`packed and object searches agree on random programs ${chunk * 100 + 1}-${Math.min(runs, chunk * 100 + 100)} (bfs, dfs, hashed, exact; seed ${seed})`, async (t) => {
    await tick();
    const opts = { progress: null, maxStates: 20000, deadLocals: false } as const;
    fc.assert(
      fc.property(randProgram(), (p) => {
        const model = buildModel(toSpec(p));
        for (const strategy of ['bfs', 'dfs'] as const) {
          const obj = key(explore(model, { ...opts, strategy, engine: 'object' }));
          const hashed = key(explore(model, { ...opts, strategy }));
          const exact = key(explore(model, { ...opts, strategy, exact: true }));
          if (obj !== hashed || obj !== exact) {
            throw new Error(`${strategy}: object ${obj}\n  packed ${hashed}\n  exact  ${exact}`);
          }
        }
        // Dead locals reset: the same verdict and shortest counterexample, never more states.
        const off = explore(model, { ...opts });
        const on = explore(model, { ...opts, deadLocals: true });
        if (verdictKey(off) !== verdictKey(on) || on.stats.states > off.stats.states) {
          throw new Error(`dead locals: off ${key(off)}\n  on ${key(on)}`);
        }
      }),
      { numRuns: Math.min(100, runs - chunk * 100), seed },
    );
    t.pass();
  });
}

test('a call in a function\'s last step returns from the caller too (both searches)', (t) => {
  const p = { cells: 2, threads: [[{ op: 'atomic', c: 0, add: 1 }, { op: 'call' }], [{ op: 'atomic', c: 0, add: 1 }, { op: 'atomic', c: 0, add: 1 }]], sub: [{ op: 'atomic', c: 0, add: 1 }], endCell0: 0 } as const;
  const model = buildModel(toSpec(p));
  // T0: inc, call sub, sub's inc (then sub returns, and T0 with it): 3 steps; T1: 2 steps. Cell 0 ends at 4 mod 4 = 0: pass.
  // States: (i, j) for i in 0..3 steps of T0 and j in 0..2 of T1, all distinct (the pcs differ): 4 * 3 = 12.
  const a = explore(model, { progress: null, engine: 'object' });
  const b = explore(model, { progress: null });
  t.is(a.verdict, 'pass');
  t.is(a.stats.states, 12);
  t.is(b.stats.states, 12);
  // Transitions: T0 moves from 3 * 3 grid points, T1 from 4 * 2: 17.
  t.is(a.stats.transitions, 17);
  t.is(b.stats.transitions, a.stats.transitions);
});
