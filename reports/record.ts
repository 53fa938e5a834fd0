/**
 * The data every formatter reads: one checked scenario×protocol pair (a
 * `RunRecord`) or one replayed schedule (a `ReplayRecord`), with the names the
 * user typed for them (so a printed replay command can be pasted back), and
 * small helpers deriving verdict labels from it. No formatting lives here.
 */
import type { ReplayResult, Result } from '../checker/index.ts';

/** What a report shows of a scenario. */
export interface ScenarioInfo {
  readonly id: string;
  readonly title: string;
  /** Review comment id (e.g. `R6`), or null. */
  readonly review: string | null;
  /** The reviewer's words, or null. */
  readonly quote: string | null;
  /** How to name it on the command line: its catalog id, or the file path the user gave. */
  readonly ref: string;
  /** Scenario parameters set to other than their defaults (absent: the defaults). */
  readonly params?: Readonly<Record<string, number | boolean>>;
}

/** What a report shows of a protocol version. */
export interface ProtocolInfo {
  readonly id: string;
  readonly title: string;
  /** How to name it on the command line: its version id, or the file path the user gave. */
  readonly ref: string;
}

/** An expected verdict: `pass` or the id of the invariant expected to be violated. */
export interface Expectation {
  readonly verdict: string;
  /** Other verdicts that also match (a candidate protocol may fix a violation its base has). */
  readonly alsoAccept?: readonly string[];
  /** Check only these invariants for it (e.g. a consequence that a precursor would otherwise be reported before); absent: all. */
  readonly only?: readonly string[];
  /** For a candidate protocol: the base whose expectation it inherits (it must not reach a violation the base does not). */
  readonly inheritedFrom?: string;
  /** True when it comes from an expectations file (`--expect`), so errors in it blame the file. */
  readonly fromFile?: boolean;
  /** Why this is expected, when known. */
  readonly why: string | null;
}

/** One exploration of one scenario under one protocol, with its expectation. */
export interface RunRecord {
  readonly scenario: ScenarioInfo;
  readonly protocol: ProtocolInfo;
  /** Display names of the model's threads, by thread number. */
  readonly threadNames: readonly string[];
  readonly result: Result;
  /** The expectation this result is compared with, or null when there is none. */
  readonly expected: Expectation | null;
  /** The invariants this search checked, when not all of them (`--only`, an expectation's `only`). */
  readonly only?: readonly string[];
  /**
   * How the result was judged against the expectation by reachability, when
   * more than this search decided it (see cli/judge.ts); `matches` returns
   * `match`, and reports add the note.
   */
  readonly judgement?: { readonly match: boolean; readonly note: string | null };
}

/** One replay of a schedule. */
export interface ReplayRecord {
  readonly scenario: ScenarioInfo;
  readonly protocol: ProtocolInfo;
  readonly threadNames: readonly string[];
  readonly replay: ReplayResult;
  /** The invariants checked along the schedule, when not all of them (`replay --only`). */
  readonly only?: readonly string[];
}

/** The verdict label of a result: `pass`, the violated invariant id, or `incomplete`. */
export function actualVerdict(r: Result): string {
  switch (r.verdict) {
    case 'pass':
      return 'pass';
    case 'violation':
      return r.invariant;
    case 'incomplete':
      return 'incomplete';
  }
}

/** Whether the result matches its expectation (null without one). An incomplete result never matches. */
export function matches(rec: RunRecord): boolean | null {
  if (rec.expected === null) return null;
  if (rec.result.verdict === 'incomplete') return false;
  if (rec.judgement) return rec.judgement.match;
  const actual = actualVerdict(rec.result);
  return actual === rec.expected.verdict || (rec.expected.alsoAccept ?? []).includes(actual);
}

/** Short cell text of a verdict label: `pass`, `✗ <invariant>` or `incomplete`. */
export function verdictCell(label: string): string {
  return label === 'pass' || label === 'incomplete' ? label : `✗ ${label}`;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that replays `schedule` of this scenario under this protocol. */
export function replayCommand(rec: { scenario: ScenarioInfo; protocol: ProtocolInfo; only?: readonly string[] }, schedule: string): string {
  const only = rec.only && rec.only.length > 0 ? ` --only ${shellQuote(rec.only.join(','))}` : '';
  return `movcheck replay ${shellQuote(rec.scenario.ref)}${paramArgs(rec.scenario)} --protocol ${shellQuote(rec.protocol.ref)}${only} --schedule ${schedule}`;
}

/** ` --param name=value` for each parameter set to other than its default (empty at the defaults). */
export function paramArgs(s: ScenarioInfo): string {
  return Object.entries(s.params ?? {})
    .map(([n, v]) => ` --param ${shellQuote(`${n}=${typeof v === 'boolean' ? (v ? 'on' : 'off') : v}`)}`)
    .join('');
}

/** The highest thread number of a trace plus one, at least the number of named threads. */
export function threadCount(threadNames: readonly string[], trace: readonly { thread: number }[]): number {
  let n = threadNames.length;
  for (const s of trace) if (s.thread + 1 > n) n = s.thread + 1;
  return n;
}

/** Display name of thread `t`. */
export function threadName(threadNames: readonly string[], t: number): string {
  return threadNames[t] ?? `T${t}`;
}
