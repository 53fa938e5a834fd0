/**
 * What the regression pins hold, computed from the public API only
 * (`explore()` of checker/index.ts on each catalog scenario's `build()`), so a
 * rewritten explorer is held to the same numbers. Shared by the generator
 * (`pin-counts.ts`) and the tests that compare against its fixtures.
 */
import { explore, type Result, type TraceStep } from '../../checker/index.ts';
import type { StrategyName } from '../../checker/strategies/frontier.ts';
import { protocolById } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';
import type { Scenario } from '../../scenarios/types.ts';

/** The strategies every pair is pinned under. */
export const STRATEGIES: readonly StrategyName[] = ['bfs', 'dfs'];

/** One catalog (scenario, version) pair. */
export interface Pair {
  readonly scenario: Scenario;
  readonly version: string;
  /** `<scenario> @ <version>`, the fixtures' key. */
  readonly key: string;
}

/** Every (scenario, version) pair of the catalog, in catalog order. */
export function catalogPairs(): Pair[] {
  return catalog.flatMap((scenario) => scenario.protocols.map((version) => ({ scenario, version, key: `${scenario.id} @ ${version}` })));
}

/**
 * Explores one pair under one strategy, no bounds, no progress, checking the
 * invariants its expectation names in `only` (all when it names none), as the
 * gate's first search does.
 */
export function explorePair(pair: Pair, strategy: StrategyName): Result {
  const protocol = protocolById(pair.version);
  if (!protocol) throw new Error(`${pair.key}: unknown version ${pair.version}`);
  const only = pair.scenario.expect[pair.version]?.only;
  return explore(pair.scenario.build(protocol, only ? { only: new Set(only) } : {}), { strategy, progress: null });
}

/**
 * The pinned counts of a result, one line: `<verdict> states=<n> transitions=<n> depth=<n>`,
 * where the verdict is `pass`, `violation <invariant> <schedule>` or `incomplete <bound>`.
 */
export function countsLine(r: Result): string {
  const verdict =
    r.verdict === 'violation' ? `violation ${r.invariant} ${r.schedule}` : r.verdict === 'incomplete' ? `incomplete ${r.bound}` : 'pass';
  return `${verdict} states=${r.stats.states} transitions=${r.stats.transitions} depth=${r.stats.depth}`;
}

/** A raw change, compactly: `path=value` (`-path` for a removal). */
function changeText(c: TraceStep['changes'][number]): string {
  const path = c.path.join('/');
  return c.op === 'remove' ? `-${path}` : `${path}=${JSON.stringify(c.value)}`;
}

/** The path part of a change's text. */
function pathOf(text: string): string {
  return text.startsWith('-') ? text.slice(1) : text.slice(0, text.indexOf('='));
}

/**
 * One trace step in one line: index, schedule token, thread, kernel function
 * and step label (and branch), the statement, then what it changed as the
 * report shows it (summary) and as raw paths into the state.
 */
export function stepLine(s: TraceStep): string {
  const branch = s.branch === undefined ? '' : `[${s.branch}]`;
  let line = `${s.index} ${s.token} ${s.threadName} ${s.src.fn}:${s.label}${branch} | ${s.src.code}`;
  if (s.summary.length > 0) line += ` | ${s.summary.join('; ')}`;
  // Raw changes sorted by path (stable): their order within one step carries no meaning.
  const raw = s.changes.map(changeText).sort((a, b) => (pathOf(a) < pathOf(b) ? -1 : pathOf(a) > pathOf(b) ? 1 : 0));
  if (raw.length > 0) line += ` | ${raw.join(' ')}`;
  return line;
}

/** A counterexample as pinned: what was violated, its message, its schedule and its trace, one line per step. */
export interface PinnedTrace {
  readonly invariant: string;
  readonly kind: string;
  readonly message: string;
  readonly schedule: string;
  readonly trace: readonly string[];
}

/** The pinned form of a violation (null for any other verdict). */
export function pinnedTrace(r: Result): PinnedTrace | null {
  if (r.verdict !== 'violation') return null;
  return { invariant: r.invariant, kind: r.kind, message: r.message, schedule: r.schedule, trace: r.trace.map(stepLine) };
}
