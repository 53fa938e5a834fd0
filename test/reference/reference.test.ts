/**
 * The engine against the reference enumerator on random small programs,
 * under every search option it has: bfs and dfs, packed (hashed and exact)
 * and object. Every search gives the reference's verdict; a violation it
 * reports is one the reference reaches; bfs counterexamples have the
 * reference's shortest length; a pass visits exactly the reference's states.
 * `npm run soak -- --programs 10000` runs more (seed printed).
 */
import test from 'ava';
import fc from 'fast-check';
import { buildModel, explore, type ExploreOptions } from '../../checker/index.ts';
import { randProgram, toSpec } from '../toys/random-program.ts';
import { enumerate } from './enumerate.ts';

const runs = Number(process.env.MOVCHECK_PROGRAMS ?? 500);
const seed = Number(process.env.MOVCHECK_SEED ?? 7);

const options: readonly (ExploreOptions & { readonly name: string; readonly shortest: boolean })[] = [
  { name: 'bfs packed hashed', strategy: 'bfs', shortest: true },
  { name: 'bfs packed exact', strategy: 'bfs', exact: true, shortest: true },
  { name: 'bfs object', strategy: 'bfs', engine: 'object', shortest: true },
  { name: 'dfs packed hashed', strategy: 'dfs', shortest: false },
  { name: 'dfs packed exact', strategy: 'dfs', exact: true, shortest: false },
  { name: 'dfs object', strategy: 'dfs', engine: 'object', shortest: false },
];

test(`every search option agrees with the reference enumerator on ${runs} random programs (seed ${seed})`, (t) => {
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
          if (r.stats.states !== ref.states) throw new Error(`${where}; search passes with ${r.stats.states} states`);
          continue;
        }
        if (!ref.violations.has(r.invariant)) throw new Error(`${where}; search reports ${r.invariant}, which the reference never reaches`);
        if (o.shortest && r.trace.length !== ref.shortest) throw new Error(`${where}; bfs counterexample has ${r.trace.length} steps, shortest is ${ref.shortest}`);
      }
    }),
    { numRuns: runs, seed },
  );
  t.pass();
});
