/**
 * Judging a pair against its expectation by reachability, so that the gate
 * means the same under every search order:
 *
 * - `pass` means no invariant (of those checked) is violated in any reachable
 *   state: one exhaustive search decides it.
 * - "violation of X" means a state violating X is reachable. A search for the
 *   first violation of anything decides it when it meets X; when it meets
 *   something else first (another strategy may order a precursor and its
 *   consequence differently), a second search checking only X decides it.
 *   A search that passes with X checked shows X unreachable.
 * - a candidate protocol gated against its base's "violation of X" must not
 *   reach an invariant its base does not reach: what it reaches besides X is
 *   looked up in the base (a search checking only that invariant), and the
 *   search goes on without the invariants both reach, until it passes or
 *   meets one the base never reaches.
 *
 * Every search is exhaustive unless a bound cuts it, and an incomplete search
 * never matches, so bfs and dfs give the same matches.
 */
import type { Result } from '../checker/index.ts';
import type { ProgressSink } from '../checker/progress.ts';
import { protocolById } from '../model/versions/index.ts';
import { actualVerdict, verdictCell, type RunRecord } from '../reports/record.ts';
import type { SearchArgs } from './args.ts';
import { buildPair, checkPair, pairOnly, type Pair } from './check.ts';
import type { Io } from './io.ts';
import { invariantIds, type Only } from './only.ts';

/** Which record to keep when two searches decided the match. */
export interface JudgeOptions {
  /**
   * `first`: the first search's result (what `run` printed), with the
   * judgement noted; `decisive` (the gate, reports): the search that decided it,
   * e.g. the trace to the expected invariant.
   */
  readonly show: 'first' | 'decisive';
  /** The invariants of the first search (default: those of `--only` and the expectation's `only`). */
  readonly only?: Only;
}

/** A record with the gate's judgement attached. */
function judged(rec: RunRecord, match: boolean, note: string | null): RunRecord {
  return { ...rec, judgement: { match, note } };
}

/** The violated invariant of a result, or null. */
function violated(r: Result): string | null {
  return r.verdict === 'violation' ? r.invariant : null;
}

/** True when `only` (null: all) checks `id`. */
function checks(only: Only, id: string): boolean {
  return only === null || only.has(id);
}

/** Checks `pair` and judges it against its expectation by reachability (see the module comment). */
export function judgePair(pair: Pair, search: SearchArgs, progress: ProgressSink | null, opts: JudgeOptions): RunRecord {
  const e = pair.expected;
  const only = opts.only !== undefined ? opts.only : pairOnly(pair, search);
  const first = checkPair(pair, search, progress, only);
  if (e === null || first.result.verdict === 'incomplete') return first;
  if (e.verdict === 'pass') return judged(first, first.result.verdict === 'pass', null);
  const x = e.verdict;
  if (!checks(only, x)) return judged(first, false, `${x} is not among the invariants checked`);
  const got = violated(first.result);
  if (e.inheritedFrom !== undefined) {
    const c = judgeCandidate(pair, search, progress, first, x, e.inheritedFrom, only);
    return judged(opts.show === 'first' ? first : c.decisive, c.match, c.note);
  }
  if (got === x) return judged(first, true, null);
  if (got === null) return judged(first, false, checks(only, x) ? `no reachable state violates ${x}` : null);
  // Another invariant came first: is x reachable too?
  const second = checkPair(pair, search, progress, new Set([x]));
  const reach = second.result.verdict === 'violation';
  if (second.result.verdict === 'incomplete') return opts.show === 'first' ? judged(first, false, `a search for ${x} alone was cut short`) : second;
  if (opts.show === 'decisive') {
    return reach ? judged(second, true, `this search checked only ${x}; checking everything meets ${got} first`) : judged(first, false, `no reachable state violates ${x}`);
  }
  return judged(first, reach, reach ? `${x} is reachable too: a search checking only ${x} (--only ${x}) finds it` : `no reachable state violates ${x}`);
}

/** What decided a candidate's match: the verdict, a note, and the search to show. */
interface CandidateJudgement {
  readonly match: boolean;
  readonly note: string | null;
  readonly decisive: RunRecord;
}

/**
 * A candidate protocol against its base's "violation of x": matches when every
 * invariant it reaches is reached by the base too (x is taken as reached by
 * the base: the base's own pair checks that). `first` is its first search.
 */
function judgeCandidate(
  pair: Pair,
  search: SearchArgs,
  progress: ProgressSink | null,
  first: RunRecord,
  x: string,
  baseId: string,
  only: Only,
): CandidateJudgement {
  const base = protocolById(baseId);
  const all = only ?? new Set(invariantIds(buildPair(pair.scenario, pair.protocol, false, pair.params)));
  const excluded = new Set([x]);
  const shared: string[] = [];
  for (let r = first; ; ) {
    if (r.result.verdict === 'incomplete') return { match: false, note: null, decisive: r };
    const w = violated(r.result);
    if (w === null) break;
    if (!excluded.has(w)) {
      // Does the base reach w too?
      const b = base ? checkPair({ ...pair, protocol: { value: base, ref: baseId }, expected: null }, search, progress, new Set([w])) : null;
      if (b?.result.verdict === 'incomplete') return { match: false, note: `a search of the base ${baseId} for ${w} was cut short`, decisive: r };
      if (b?.result.verdict !== 'violation') return { match: false, note: `${w} is new: its base ${baseId} never violates it`, decisive: r };
      excluded.add(w);
      shared.push(w);
    }
    const rest = new Set([...all].filter((id) => !excluded.has(id)));
    if (rest.size === 0) break;
    r = checkPair(pair, search, progress, rest);
  }
  const note = shared.length ? `no violation its base ${baseId} does not have; it also reaches ${shared.join(', ')}, as its base does` : null;
  const f = violated(first.result);
  if (f === x || f === null) return { match: true, note, decisive: first };
  // The first search met an invariant the base also violates: show the expected one when reachable.
  const xr = checkPair(pair, search, progress, new Set([x]));
  return { match: true, note, decisive: xr.result.verdict === 'violation' ? xr : first };
}

/**
 * The pairs of `gate`/`report` that `--only` leaves something to decide: a
 * pair expecting a violation of an invariant `--only` does not check is
 * skipped. Returns the pairs to check and how many were skipped.
 */
export function pairsInScope(pairs: readonly Pair[], search: SearchArgs): { pairs: Pair[]; skipped: number } {
  if (!search.only) return { pairs: [...pairs], skipped: 0 };
  const c = new Set(search.only);
  const keep = pairs.filter((p) => p.expected === null || p.expected.verdict === 'pass' || c.has(p.expected.verdict));
  return { pairs: keep, skipped: pairs.length - keep.length };
}

/** Judges pairs one after the other (the decisive search of each), logging each verdict and its time on stderr (CI logs show what is slow). */
export function judgeAll(pairs: readonly Pair[], search: SearchArgs, io: Io): RunRecord[] {
  return pairs.map((pair) => {
    const t0 = performance.now();
    const rec = judgePair(pair, search, null, { show: 'decisive' });
    const { stats } = rec.result;
    const secs = (performance.now() - t0) / 1000;
    io.err(`movcheck: ${rec.scenario.id} under ${rec.protocol.id}: ${verdictCell(actualVerdict(rec.result))}, ${stats.states} states in ${secs.toFixed(2)}s\n`);
    return rec;
  });
}
