/**
 * The symmetry reduction against the truth on random programs with
 * interchangeable threads (test/toys/random-symmetric.ts): the reference
 * enumerator, which ignores the declaration, gives the verdict and the
 * shortest violation; every symmetric search (bfs and dfs, exact and hashed,
 * dead locals kept or reset) must give the same verdict, report only
 * violations the reference reaches, and under bfs one of the shortest length;
 * on a pass, the exact symmetric search stores exactly one state per orbit of
 * the plain search's states (brute force over every permutation); with
 * partial-order reduction as well (the programs declare their footprints),
 * the verdict and never more states. 500 programs in chunks of 100, seeds in
 * the titles.
 */
import test from 'ava';
import fc from 'fast-check';
import { buildModel, explore, type ExploreOptions } from '../../checker/index.ts';
import type { PackedFactory } from '../../checker/packed/explore.ts';
import { randSymProgram, toSymSpec, type SymProgram } from '../toys/random-symmetric.ts';
import { enumerate } from './enumerate.ts';
import { allStates, orbitCount } from './orbits.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const runs = Number(process.env.MOVCHECK_PROGRAMS ?? 500);
const seed = Number(process.env.MOVCHECK_SEED ?? 11);

const options: readonly (ExploreOptions & { readonly name: string; readonly shortest: boolean; readonly orbits: boolean })[] = [
  { name: 'bfs exact, symmetry', strategy: 'bfs', exact: true, deadLocals: false, shortest: true, orbits: true },
  { name: 'bfs hashed, symmetry, dead locals', strategy: 'bfs', shortest: true, orbits: false },
  { name: 'dfs exact, symmetry', strategy: 'dfs', exact: true, deadLocals: false, shortest: false, orbits: true },
  // With partial-order reduction too: the verdict, only reachable violations, never more states (counterexamples may be longer).
  { name: 'bfs hashed, symmetry, por', strategy: 'bfs', deadLocals: false, por: true, shortest: false, orbits: false },
  { name: 'dfs exact, symmetry, por, dead locals', strategy: 'dfs', exact: true, por: true, shortest: false, orbits: false },
];

/** Throws an Error naming the option and the disagreement, if any. */
function agrees(p: SymProgram): void {
  const ref = enumerate(toSymSpec(p, false));
  let orbits: number | null = null;
  for (const o of options) {
    const r = explore(buildModel(toSymSpec(p)), { ...o, symmetry: true, progress: null });
    const where = `${o.name}: reference ${ref.shortest === null ? 'pass' : `violations ${[...ref.violations].join(' ')}`} (${ref.states} states)`;
    if (r.verdict === 'incomplete') throw new Error(`${where}; search incomplete`);
    if (r.verdict === 'violation') {
      if (!ref.violations.has(r.invariant)) throw new Error(`${where}; search reports ${r.invariant}, which the reference never reaches`);
      if (o.shortest && r.trace.length !== ref.shortest) throw new Error(`${where}; bfs counterexample has ${r.trace.length} steps, shortest is ${ref.shortest}`);
      continue;
    }
    if (ref.shortest !== null) throw new Error(`${where}; search passes`);
    if (r.stats.states > ref.states) throw new Error(`${where}; stores ${r.stats.states} states, more than the plain search's ${ref.states}`);
    if (!o.orbits) continue;
    if (orbits === null) {
      const { pm, states } = allStates((buildModel(toSymSpec(p)) as unknown as { packed: PackedFactory }).packed);
      if (states.length !== ref.states) throw new Error(`plain packed search found ${states.length} states, the reference ${ref.states}`);
      orbits = orbitCount(pm, states, Array.from({ length: p.group }, (_, t) => t));
    }
    if (r.stats.states !== orbits) throw new Error(`${where}; stores ${r.stats.states} states, the states fall into ${orbits} orbits`);
  }
}

for (let chunk = 0; chunk * 100 < runs; chunk++) {
  const n = Math.min(100, runs - chunk * 100);
  test(`the symmetry reduction agrees with the reference and stores one state per orbit on random symmetric programs ${chunk * 100 + 1}-${chunk * 100 + n} (seed ${seed + chunk})`, async (t) => {
    await tick();
    fc.assert(fc.property(randSymProgram(), agrees), { numRuns: n, seed: seed + chunk });
    t.pass();
  });
}

test('random symmetric programs reduce: over 200 programs, the symmetric search stores fewer states than the plain one', (t) => {
  let plain = 0;
  let reduced = 0;
  let programs = 0;
  fc.assert(
    fc.property(randSymProgram(), (p) => {
      const ref = enumerate(toSymSpec(p, false));
      if (ref.shortest !== null) return;
      const r = explore(buildModel(toSymSpec(p)), { symmetry: true, exact: true, deadLocals: false, progress: null });
      plain += ref.states;
      reduced += r.stats.states;
      programs++;
    }),
    { numRuns: 200, seed },
  );
  t.true(programs >= 30, `${programs} passing programs`);
  t.true(reduced * 1.3 < plain, `${reduced} states with symmetry, ${plain} without`);
});
