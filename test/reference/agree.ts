/**
 * The property the reference tests and the soak run check: on one random
 * program, every search option agrees with the reference enumerator (same
 * verdict; only violations the reference reaches; bfs counterexamples of the
 * shortest length; a pass visits the reference's states, or fewer where dead
 * locals are reset or partial-order reduction is on).
 */
import { buildModel, explore, type ExploreOptions } from '../../checker/index.ts';
import { toSpec, type RandProgram } from '../toys/random-program.ts';
import { enumerate } from './enumerate.ts';

/** Every search option; `exactCount`: a pass visits exactly the reference's states (dead-local resets merge states). */
export const options: readonly (ExploreOptions & { readonly name: string; readonly shortest: boolean; readonly exactCount: boolean })[] = [
  { name: 'bfs packed hashed', strategy: 'bfs', deadLocals: false, shortest: true, exactCount: true },
  { name: 'bfs packed exact', strategy: 'bfs', exact: true, deadLocals: false, shortest: true, exactCount: true },
  { name: 'bfs packed hashed, dead locals', strategy: 'bfs', shortest: true, exactCount: false },
  { name: 'bfs packed exact, dead locals', strategy: 'bfs', exact: true, shortest: true, exactCount: false },
  { name: 'bfs object', strategy: 'bfs', engine: 'object', shortest: true, exactCount: true },
  // Random programs declare no interchangeable threads, so --symmetry must change nothing here; symmetric systems are
  // checked against brute-force orbit counts in test/engine/symmetry-orbits.test.ts.
  { name: 'bfs packed hashed, symmetry', strategy: 'bfs', deadLocals: false, symmetry: true, shortest: true, exactCount: true },
  // Partial-order reduction: the verdict and only reachable violations, never more states; a counterexample may be longer.
  { name: 'bfs packed hashed, por', strategy: 'bfs', deadLocals: false, por: true, shortest: false, exactCount: false },
  { name: 'bfs packed exact, dead locals, por', strategy: 'bfs', exact: true, por: true, shortest: false, exactCount: false },
  { name: 'dfs packed hashed', strategy: 'dfs', deadLocals: false, shortest: false, exactCount: true },
  { name: 'dfs packed exact, dead locals', strategy: 'dfs', exact: true, shortest: false, exactCount: false },
  { name: 'dfs object', strategy: 'dfs', engine: 'object', shortest: false, exactCount: true },
  { name: 'dfs packed hashed, dead locals, por', strategy: 'dfs', por: true, shortest: false, exactCount: false },
];

/** Throws an Error naming the option and the disagreement, if any. */
export function agreesWithReference(p: RandProgram): void {
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
}
