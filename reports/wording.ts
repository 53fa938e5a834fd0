/**
 * Shared wording of verdicts, check kinds and expectations, so that the text,
 * email, Markdown and HTML reports say the same thing the same way.
 */
import type { CheckKind, Result } from '../checker/index.ts';
import type { Expectation, RunRecord } from './record.ts';
import { matches, verdictCell } from './record.ts';

/** Human name of a check kind. */
export function kindName(k: CheckKind): string {
  switch (k) {
    case 'state':
      return 'state invariant';
    case 'assert':
      return 'assertion at the step';
    case 'step':
      return 'step invariant';
    case 'end':
      return 'end check';
    case 'hang':
      return 'hang: no thread can move';
  }
}

/** ", up to swapping N interchangeable threads" when a symmetric search stored one state per class, else "". */
export function symmetryWords(r: Result): string {
  const n = r.stats.fingerprint?.symmetricThreads ?? 0;
  return n > 0 ? ` up to swapping ${n} interchangeable threads` : '';
}

/** The headline of a result, one sentence without the message. Never says pass for an incomplete search. */
export function verdictHeadline(r: Result): string {
  switch (r.verdict) {
    case 'pass':
      return `PASS: every interleaving checked (${r.stats.states} states${symmetryWords(r)}, ${r.stats.transitions} transitions, depth ${r.stats.depth})`;
    case 'violation':
      return `VIOLATION of ${r.invariant} (${kindName(r.kind)})`;
    case 'incomplete':
      return incompleteSentence(r.bound, r.limit, r.stats.states);
  }
}

/** The sentence shown for an incomplete search. */
export function incompleteSentence(bound: string, limit: number, states: number): string {
  return `INCOMPLETE: ${bound} ${limit} hit after ${states} states — no violation found so far, this is NOT a pass`;
}

/** An expectation in words: `pass` or `violation of <id>`. */
export function expectationWords(e: Expectation): string {
  return e.verdict === 'pass' ? 'pass' : `violation of ${e.verdict}`;
}

/** The expectation line of a record: what was expected and whether the result matches it. */
export function expectationLine(rec: RunRecord): string {
  if (rec.expected === null) return rec.scenario.params ? "none at these parameters (the scenario's expectations hold at its defaults)" : 'none for this version';
  const m = matches(rec);
  const state = rec.result.verdict === 'incomplete' ? 'undecided: the search was cut short' : m ? 'matches' : 'DOES NOT MATCH';
  const why = rec.expected.why ? ` — ${rec.expected.why}` : '';
  const note = rec.judgement?.note ? `: ${rec.judgement.note}` : '';
  return `${expectationWords(rec.expected)} (${state}${note})${why}`;
}

/** Cell text of an expectation: `pass` or `✗ <id>`. */
export function expectationCell(e: Expectation | null): string {
  return e === null ? '-' : verdictCell(e.verdict);
}
