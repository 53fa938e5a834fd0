/**
 * The engine against the reference enumerator on random small programs,
 * under every search option it has: bfs and dfs, packed (hashed and exact)
 * and object. Every search gives the reference's verdict; a violation it
 * reports is one the reference reaches; bfs counterexamples have the
 * reference's shortest length; a pass visits exactly the reference's states.
 * `npm run soak -- --programs 10000` runs more (seed printed).
 */
import test from 'ava';

/** Lets ava report the tests before (synchronous tests of one file would otherwise report only at the end). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
import fc from 'fast-check';
import { buildModel, explore, type ExploreOptions } from '../../checker/index.ts';
import { randProgram, toSpec } from '../toys/random-program.ts';
import { enumerate } from './enumerate.ts';

const runs = Number(process.env.MOVCHECK_PROGRAMS ?? 500);
const seed = Number(process.env.MOVCHECK_SEED ?? 7);

/** Every option; `exactCount`: a pass visits exactly the reference's states (not so with dead locals reset, which merges states). */
const options: readonly (ExploreOptions & { readonly name: string; readonly shortest: boolean; readonly exactCount: boolean })[] = [
  { name: 'bfs packed hashed', strategy: 'bfs', deadLocals: false, shortest: true, exactCount: true },
  { name: 'bfs packed exact', strategy: 'bfs', exact: true, deadLocals: false, shortest: true, exactCount: true },
  { name: 'bfs packed hashed, dead locals', strategy: 'bfs', shortest: true, exactCount: false },
  { name: 'bfs packed exact, dead locals', strategy: 'bfs', exact: true, shortest: true, exactCount: false },
  { name: 'bfs object', strategy: 'bfs', engine: 'object', shortest: true, exactCount: true },
  { name: 'dfs packed hashed', strategy: 'dfs', deadLocals: false, shortest: false, exactCount: true },
  { name: 'dfs packed exact, dead locals', strategy: 'dfs', exact: true, shortest: false, exactCount: false },
  { name: 'dfs object', strategy: 'dfs', engine: 'object', shortest: false, exactCount: true },
];

for (let chunk = 0; chunk * 100 < runs; chunk++) {
test(`every search option agrees with the reference enumerator on random programs ${chunk * 100 + 1}-${Math.min(runs, chunk * 100 + 100)} (seed ${seed + chunk})`, async (t) => {
  await tick();
  fc.assert(
    fc.property(randProgram(), (p) => {
      const spec = toSpec(p);
      const ref = enumerate(spec);
      for (const o of options) {
        const r = explore(buildModel(spec), { ...o, progress: null });
        const where = `${o.name}: reference ${ref.shortest === null ? 'pass' : `violations ${[...ref.violations].join(' ')}`} (${ref.states} states)`;
        if (r.verdict === 'incomplete') throw new Error(`${where}; search incomplete`);
        if (r.verdict === 'pass') {
          if (ref.shortest !== null) throw new Error(`${where}; search passes`);
          if (o.exactCount ? r.stats.states !== ref.states : r.stats.states > ref.states) throw new Error(`${where}; search passes with ${r.stats.states} states`);
          continue;
        }
        if (!ref.violations.has(r.invariant)) throw new Error(`${where}; search reports ${r.invariant}, which the reference never reaches`);
        if (o.shortest && r.trace.length !== ref.shortest) throw new Error(`${where}; bfs counterexample has ${r.trace.length} steps, shortest is ${ref.shortest}`);
      }
    }),
    { numRuns: Math.min(100, runs - chunk * 100), seed: seed + chunk },
  );
  t.pass();
});
}
