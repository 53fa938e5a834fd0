/**
 * Runs the checker for the CLI: builds a scenario's model under a protocol,
 * explores it and wraps the result with what the reports need (names, thread
 * names, expectation). Also plans the scenario×version pairs of `gate` and
 * `report`. Errors raised by a model (a broken scenario or protocol file)
 * become one-line UsageErrors.
 */
import { explore, type Model } from '../checker/index.ts';
import type { Progress, ProgressSink } from '../checker/progress.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Expectation, RunRecord, ScenarioInfo } from '../reports/record.ts';
import { catalog } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { ParamError, nonDefaultWords, parseParams, resolveParams, type ParamValues } from '../scenarios/params.ts';
import type { SearchArgs } from './args.ts';
import { UsageError, firstLine } from './errors.ts';
import { expectationFor, type Overrides } from './expectations.ts';
import type { Io } from './io.ts';
import { checkOnlyIds, checkingOnly, hangChecked, intersectOnly, invariantIds, type Only } from './only.ts';
import { isPathRef, loadProtocol, loadScenario, resolveVersion, versionIds, type Loaded } from './load.ts';
import { protocolById } from '../model/versions/index.ts';
import { heartbeat, pairBuilt, pairStarted } from './worker/beat.ts';
import { watchModel } from './watch.ts';
import { catalogSource } from '../scenarios/source.ts';
import type { ModelSource } from '../checker/packed/parallel-shared.ts';

/** A scenario×protocol pair to check, with its expectation. */
export interface Pair {
  readonly scenario: Loaded<Scenario>;
  readonly protocol: Loaded<Protocol>;
  readonly expected: Expectation | null;
  /** Parameter values other than the scenario's defaults (none: the defaults). */
  readonly params?: ParamValues;
}

/** The values of `--param` words for a scenario, checked; bad ones are a UsageError naming the valid parameters. */
export function scenarioParams(s: Loaded<Scenario>, words: readonly string[]): ParamValues {
  try {
    const given = parseParams(s.value.id, s.value.params, words);
    resolveParams(s.value.id, s.value.params, given);
    return given;
  } catch (e) {
    if (e instanceof ParamError) throw new UsageError(e.message, { cause: e });
    throw e;
  }
}

/** True when `params` sets some parameter of the scenario to other than its default. */
export function nonDefault(s: Scenario, params: ParamValues | undefined): boolean {
  return params !== undefined && nonDefaultWords(s.params, params).length > 0;
}

/** What reports show of a scenario (at `params`, shown in the title and kept for the replay command when not the defaults). */
export function scenarioInfo(s: Loaded<Scenario>, params?: ParamValues): ScenarioInfo {
  const v = s.value as Partial<Scenario> & { id: string };
  const title = typeof v.title === 'string' ? v.title : v.id;
  const words = params ? nonDefaultWords(s.value.params, params) : [];
  const set = Object.fromEntries(words.map((w) => [w.slice(0, w.indexOf('=')), params?.[w.slice(0, w.indexOf('='))] as number | boolean]));
  return {
    id: v.id,
    title: words.length ? `${title} (${words.join(', ')})` : title,
    ...(words.length ? { params: set } : {}),
    review: typeof v.review === 'string' ? v.review : null,
    quote: typeof v.quote === 'string' ? v.quote : null,
    ref: s.ref,
  };
}

/**
 * Builds the model of a pair (at `params`, default: the scenario's defaults),
 * checking only `only` (null: every invariant); a throwing build is a UsageError.
 */
export function buildPair(s: Loaded<Scenario>, p: Loaded<Protocol>, checkWrites = false, params?: ParamValues, only: Only = null, checkReads = false): Model<unknown> {
  try {
    const checks = checkReads ? { checkWrites, checkReads } : { checkWrites };
    const opts = only === null ? checks : { ...checks, only };
    pairStarted(s.value.id, p.value.id);
    const model = params && Object.keys(params).length ? s.value.build(p.value, opts, params) : s.value.build(p.value, opts);
    const shapeProblem = notAModel(model);
    if (shapeProblem !== null) throw new TypeError(`its build() returned ${shapeProblem}`);
    watchModel(model, isPathRef(s.ref) || isPathRef(p.ref));
    pairBuilt();
    return checkingOnly(model, only);
  } catch (e) {
    if (e instanceof ParamError) throw new UsageError(e.message, { cause: e });
    throw new UsageError(
      `cannot build scenario '${s.value.id}' under protocol '${p.value.id}': ${firstLine(e)}; fix the scenario or protocol (MOVCHECK_DEBUG=1 shows the stack)`,
      { cause: e },
    );
  }
}

/** What is wrong with a build()'s result as a Model, or null when it has a Model's shape. */
function notAModel(m: unknown): string | null {
  if (typeof m !== 'object' || m === null) return `${m === null ? 'null' : typeof m}, not a model`;
  const o = m as Record<string, unknown>;
  for (const f of ['init', 'actions', 'apply', 'explain', 'fingerprint', 'isDone', 'describeStuck']) {
    if (typeof o[f] !== 'function') return `a model without ${f}()`;
  }
  for (const a of ['threadNames', 'stateInvariants', 'stepInvariants', 'endChecks']) if (!Array.isArray(o[a])) return `a model whose ${a} is not a list`;
  return null;
}

/** The invariants to check for a pair: `--only` and the expectation's own `only`, both when given (null: all). */
export function pairOnly(pair: Pair, search: SearchArgs): Only {
  const given = search.only ? new Set(search.only) : null;
  const own = pair.expected?.only ? new Set(pair.expected.only) : null;
  return intersectOnly(given, own);
}

/**
 * Checks, before any search, that every invariant id `--only` and the pairs'
 * expectations name exists in the pair's model (and, for an expected
 * violation, that the invariant is one the model has): a UsageError otherwise.
 */
export function checkPairIds(pairs: readonly Pair[], search: SearchArgs): void {
  for (const pair of pairs) {
    const { scenario: s, protocol: p } = pair;
    const ids = invariantIds(buildPair(s, p, false, pair.params));
    if (search.only) checkOnlyIds(search.only, ids, '--only');
    const e = pair.expected;
    if (e === null) continue;
    const where = e.fromFile ? `the expectations file's entry for '${s.value.id}' under '${p.value.id}'` : `the expectation of '${s.value.id}' under '${p.value.id}'`;
    if (e.only) checkOnlyIds(e.only, ids, `the "only" of ${where}`);
    for (const v of [e.verdict, ...(e.alsoAccept ?? [])]) if (v !== 'pass') checkOnlyIds([v], ids, where);
  }
}

/** Checks one pair, with the invariants `only` (default: those of `--only` and the pair's expectation), and returns its record. */
export function checkPair(pair: Pair, search: SearchArgs, progress: ProgressSink | null, only: Only = pairOnly(pair, search)): RunRecord {
  const { scenario: s, protocol: p } = pair;
  const model = buildPair(s, p, search.checkWrites ?? false, pair.params, only, search.checkReads ?? false);
  let result;
  try {
    const { checkWrites: _ignored, checkReads: _reads, only: _only, ...bounds } = search;
    const source = search.workers !== undefined && search.workers > 1 ? workerSource(pair, only) : undefined;
    // A parallel search's steps run in its workers: its progress reports keep the watchdog (isolate.ts) from taking it for stuck.
    const sink = source ? (p: Progress) => (heartbeat(), progress?.(p)) : progress;
    result = explore(model, { ...bounds, progress: sink, checkHang: hangChecked(only), ...(source ? { source } : {}) });
  } catch (e) {
    throw new UsageError(
      `model error while checking '${s.value.id}' under '${p.value.id}': ${firstLine(e)}; fix the scenario or protocol (MOVCHECK_DEBUG=1 shows the stack)`,
      { cause: e },
    );
  }
  return {
    scenario: scenarioInfo(s, pair.params),
    protocol: { id: p.value.id, title: p.value.title, ref: p.ref },
    threadNames: model.threadNames,
    result,
    expected: pair.expected,
    ...(only === null ? {} : { only: [...only] }),
  };
}

/** Where `--workers` threads get a pair's model: a catalog scenario under a built-in version (files would have to load in every worker). */
function workerSource(pair: Pair, only: Only): ModelSource {
  const { scenario: s, protocol: p } = pair;
  if (isPathRef(s.ref) || isPathRef(p.ref) || !catalog.includes(s.value) || protocolById(p.value.id) !== p.value) {
    throw new UsageError(`--workers runs catalog scenarios under built-in versions; '${s.value.id}' under '${p.value.id}' comes from a file: search it without --workers`);
  }
  return catalogSource({ scenario: s.value.id, protocol: p.value.id, ...(pair.params ? { params: pair.params } : {}), ...(only === null ? {} : { only: [...only] }) });
}

/**
 * The pairs of `gate`/`report`: each scenario (the catalog when `targets` is
 * empty) under every version it lists, plus versions the expectations file
 * names for it; restricted to `protocolRefs` when given.
 */
export async function planPairs(
  targets: readonly string[],
  protocolRefs: readonly string[],
  overrides: Overrides | null,
  io: Io,
): Promise<Pair[]> {
  const scenarios: Loaded<Scenario>[] = [];
  if (targets.length === 0) for (const s of catalog) scenarios.push({ value: s, ref: s.id });
  for (const t of targets) scenarios.push(await loadScenario(t, io));
  const given: Loaded<Protocol>[] = [];
  for (const r of protocolRefs) given.push(await loadProtocol(r, io));
  const onlyIds = given.length ? new Set(given.map((g) => g.value.id)) : null;

  if (overrides) {
    const known = new Set([...scenarios.map((s) => s.value.id), ...catalog.map((s) => s.id)]);
    for (const id of overrides.keys()) {
      if (!known.has(id)) {
        throw new UsageError(`the expectations file names unknown scenario '${id}'; valid: ${[...known].join(', ') || '(none)'}`);
      }
    }
  }

  const pairs: Pair[] = [];
  for (const s of scenarios) {
    const ids = [...s.value.protocols];
    for (const id of overrides?.get(s.value.id)?.keys() ?? []) {
      if (ids.includes(id)) continue;
      if (!given.some((g) => g.value.id === id) && !protocolById(id)) {
        throw new UsageError(
          `the expectations file names protocol version '${id}' for scenario '${s.value.id}', which is not built in (built in: ${versionIds()}) nor given with --protocol; fix the expectations file, or pass --protocol <file> defining '${id}'`,
        );
      }
      ids.push(id);
    }
    // A given protocol derived from a version the scenario lists (a candidate patch) runs where its base runs.
    for (const g of given) if (g.value.base && ids.includes(g.value.base) && !ids.includes(g.value.id)) ids.push(g.value.id);
    for (const id of ids) {
      if (onlyIds && !onlyIds.has(id)) continue;
      const p = resolveVersion(id, s.value.id, given);
      pairs.push({ scenario: s, protocol: p, expected: expectationFor(s.value, id, overrides, p.value.base) });
    }
  }
  return pairs;
}

/** Exit status of a set of results: 1 if any violation, else 3 if any incomplete, else 0. */
export function exitStatus(records: readonly RunRecord[]): 0 | 1 | 3 {
  if (records.some((r) => r.result.verdict === 'violation')) return 1;
  if (records.some((r) => r.result.verdict === 'incomplete')) return 3;
  return 0;
}
