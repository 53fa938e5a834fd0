/**
 * The JSON report: `{formatVersion, results: [...]}` with one flat object per
 * scenario×protocol (verdict, invariant and message, bound and limit,
 * schedule, trace, stats, expectation), stable key order, for scripts and for
 * the HTML viewer. Timing (`stats.seconds`) can be left out for byte-identical files.
 */
import type { Change, TraceStep } from '../checker/index.ts';
import { actualVerdict, matches, replayCommand, type ReplayRecord, type RunRecord } from './record.ts';

/**
 * The version of the JSON documents' shape (`formatVersion` in `--format
 * json`, `results.json` and replay JSON; schemas/ describes each). Raised
 * when a field is removed or changes meaning; adding a field keeps it.
 */
export const JSON_FORMAT_VERSION = 1;

/** One trace step as JSON. */
export interface JsonStep {
  readonly index: number;
  readonly token: string;
  readonly thread: number;
  readonly threadName: string;
  readonly function: string;
  readonly file: string;
  readonly code: string;
  readonly label: string;
  readonly branch: string | null;
  readonly changes: readonly Change[];
  readonly summary: readonly string[];
}

/** One result as JSON. Fields that do not apply to the verdict are null. */
export interface JsonResult {
  readonly scenario: string;
  readonly title: string;
  readonly protocol: string;
  readonly protocolTitle: string;
  readonly review: string | null;
  readonly quote: string | null;
  /** Scenario parameters set to other than their defaults, or null at the defaults. */
  readonly params: Readonly<Record<string, number | boolean>> | null;
  readonly threads: readonly string[];
  readonly verdict: 'pass' | 'violation' | 'incomplete';
  readonly invariant: string | null;
  readonly kind: string | null;
  readonly message: string | null;
  readonly bound: string | null;
  readonly limit: number | null;
  readonly schedule: string | null;
  readonly replay: string | null;
  readonly trace: readonly JsonStep[];
  readonly stats: { states: number; transitions: number; depth: number; seconds?: number };
  /** The invariants checked when not all of them, else null. */
  readonly only: readonly string[] | null;
  /** `pass` or the invariant id expected to be violated; null without an expectation. */
  readonly expected: string | null;
  readonly why: string | null;
  /** `pass`, the violated invariant id, or `incomplete`. */
  readonly actual: string;
  readonly match: boolean | null;
  /** How the match was decided when a search besides this one was needed (see cli/judge.ts), else null. */
  readonly note: string | null;
}

/** Options of the JSON report. */
export interface JsonOptions {
  /** Include `stats.seconds` (default true). Reports written to files leave it out. */
  readonly seconds?: boolean;
}

/** A trace step as JSON. */
export function jsonStep(s: TraceStep): JsonStep {
  return {
    index: s.index,
    token: s.token,
    thread: s.thread,
    threadName: s.threadName,
    function: s.src.fn,
    file: s.src.file,
    code: s.src.code,
    label: s.label,
    branch: s.branch ?? null,
    changes: s.changes,
    summary: s.summary,
  };
}

/** One record as JSON. */
export function jsonResult(rec: RunRecord, opts: JsonOptions = {}): JsonResult {
  const r = rec.result;
  const v = r.verdict === 'violation' ? r : null;
  const inc = r.verdict === 'incomplete' ? r : null;
  const stats = { states: r.stats.states, transitions: r.stats.transitions, depth: r.stats.depth };
  return {
    scenario: rec.scenario.id,
    title: rec.scenario.title,
    protocol: rec.protocol.id,
    protocolTitle: rec.protocol.title,
    review: rec.scenario.review,
    quote: rec.scenario.quote,
    params: rec.scenario.params ?? null,
    threads: rec.threadNames,
    verdict: r.verdict,
    invariant: v?.invariant ?? null,
    kind: v?.kind ?? null,
    message: v?.message ?? null,
    bound: inc?.bound ?? null,
    limit: inc?.limit ?? null,
    schedule: v?.schedule ?? null,
    replay: v ? replayCommand(rec, v.schedule) : null,
    trace: v ? v.trace.map(jsonStep) : [],
    stats: opts.seconds === false ? stats : { ...stats, seconds: r.stats.seconds },
    only: rec.only ?? null,
    expected: rec.expected?.verdict ?? null,
    why: rec.expected?.why ?? null,
    actual: actualVerdict(r),
    match: matches(rec),
    note: rec.judgement?.note ?? null,
  };
}

/** The JSON document of several results: `{"formatVersion": 1, "results": [...]}`, pretty-printed, newline-terminated. */
export function formatJson(records: readonly RunRecord[], opts: JsonOptions = {}): string {
  return JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, results: records.map((r) => jsonResult(r, opts)) }, null, 2) + '\n';
}

/** The JSON document of a replay: `{"formatVersion": 1, "replay": {...}}`. */
export function formatReplayJson(rec: ReplayRecord): string {
  const { trace, schedule, violation } = rec.replay;
  return (
    JSON.stringify(
      {
        formatVersion: JSON_FORMAT_VERSION,
        replay: {
          scenario: rec.scenario.id,
          protocol: rec.protocol.id,
          params: rec.scenario.params ?? null,
          threads: rec.threadNames,
          schedule,
          steps: trace.length,
          violation,
          trace: trace.map(jsonStep),
        },
      },
      null,
      2,
    ) + '\n'
  );
}
