/**
 * Shortest counterexamples under partial-order reduction. A reduced
 * breadth-first search may reach a violation by a longer path than the
 * shortest: in a state where one thread's invisible step is taken alone, a
 * violation that never needed that step is met one step later (73 of the
 * catalog's 220 violations were longer). So when the reduced search finds a
 * violation, the same search runs again without the reduction, bounded at the
 * depth found: the unreduced graph holds the reduced path, so that search
 * finds a violation no deeper, and it is the very one (same invariant, same
 * trace, same counts) that a search without `--por` reports. A reduced
 * search that reduced nothing was that search already. Passes keep the
 * reduction's fewer states; a violation costs its search twice (the
 * catalog: 0.5 s more of its 2-3 s).
 */
import type { Result } from './result.ts';

/** What `again` may use: the depth to search to and the seconds left. */
export interface Again {
  readonly maxDepth: number;
  readonly timeLimit: number;
}

/**
 * The result a breadth-first search without reduction would give, from
 * `first` (a reduced breadth-first search's): `first` itself unless it is a
 * violation found while reducing; else `again`'s violation, with the
 * reduced search's counts kept beside its own (`porFirst`). When `again`
 * stops at a bound instead (time, memory, states), `first`'s counterexample
 * stands: a real one, maybe not the shortest.
 */
export function shortestAfterReduction(first: Result, timeLimit: number, again: (a: Again) => Result): Result {
  if (first.verdict !== 'violation' || (first.stats.fingerprint?.porReduced ?? 0) === 0) return first;
  const spent = first.stats.seconds;
  const second = again({ maxDepth: first.trace.length, timeLimit: timeLimit - spent });
  if (second.verdict !== 'violation') return first;
  const fp = second.stats.fingerprint;
  const porFirst = { states: first.stats.states, steps: first.trace.length };
  return { ...second, stats: { ...second.stats, seconds: spent + second.stats.seconds, ...(fp ? { fingerprint: { ...fp, porFirst } } : {}) } };
}
