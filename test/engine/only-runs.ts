/** Searches of one catalog pair checking one invariant at a time (`--only`), for the reductions' catalog tests. */
import { explore, type ExploreOptions, type Result } from '../../checker/index.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { Protocol } from '../../model/protocol.ts';

/** Each invariant id of the pair, with a search checking only it: no hang reported, at most 20,000 states, `o` over that. */
export function onlyRuns(s: Scenario, p: Protocol): { readonly id: string; readonly run: (o?: ExploreOptions) => Result }[] {
  const m = s.build(p);
  const ids = [...new Set([...m.stateInvariants, ...m.stepInvariants, ...m.endChecks].map((i) => i.id))];
  return ids.map((id) => ({ id, run: (o = {}) => explore(s.build(p, { only: new Set([id]) }), { progress: null, maxStates: 20000, checkHang: false, ...o }) }));
}
