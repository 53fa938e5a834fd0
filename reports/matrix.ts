/**
 * The gate's verdict matrix: rows are scenarios, columns protocol versions,
 * cells the actual verdict (`pass`, `✗ <invariant>`, `incomplete`), marked `*`
 * when it does not match the expectation, followed by the mismatches in words
 * and a final `gate: N/M match` line.
 */
import { pad } from './layout.ts';
import { actualVerdict, matches, replayCommand, verdictCell, type RunRecord } from './record.ts';
import { expectationWords } from './wording.ts';

/** Scenario ids and protocol ids of some records, in first-seen order. */
export function axes(records: readonly RunRecord[]): { scenarios: string[]; protocols: string[] } {
  const scenarios: string[] = [];
  const protocols: string[] = [];
  for (const r of records) {
    if (!scenarios.includes(r.scenario.id)) scenarios.push(r.scenario.id);
    if (!protocols.includes(r.protocol.id)) protocols.push(r.protocol.id);
  }
  return { scenarios, protocols };
}

/** The record of a scenario×protocol pair, if it was run. */
export function cellOf(records: readonly RunRecord[], scenario: string, protocol: string): RunRecord | undefined {
  return records.find((r) => r.scenario.id === scenario && r.protocol.id === protocol);
}

/** How many records match their expectation (a record without expectation counts as a mismatch). */
export function matchCount(records: readonly RunRecord[]): number {
  return records.filter((r) => matches(r) === true).length;
}

/** The final line of the gate: `gate: N/M match`. */
export function gateLine(records: readonly RunRecord[]): string {
  return `gate: ${matchCount(records)}/${records.length} match`;
}

/** True for a mutant version id (`<version>~<what is removed>`). */
export function isMutantId(id: string): boolean {
  return id.includes('~');
}

/** Aligns rows of cells into lines. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').replace(/ +$/, ''));
}

/** A verdict cell, marked `*` when it does not match. */
function cell(rec: RunRecord | undefined): string {
  if (!rec) return '-';
  return verdictCell(actualVerdict(rec.result)) + (matches(rec) === true ? '' : ' *');
}

/** What a mismatch is, in words: `expected X, got Y` (with the replay command of a violation, or the bound hit). */
export function mismatchWords(r: RunRecord): string {
  const exp = r.expected === null ? 'no expectation' : `expected ${expectationWords(r.expected)}`;
  const res = r.result;
  const got =
    res.verdict === 'violation'
      ? `got violation of ${res.invariant} (${replayCommand(r, res.schedule)})`
      : res.verdict === 'pass'
        ? 'got pass'
        : `got incomplete (${res.bound} ${res.limit} hit after ${res.stats.states} states)`;
  return `${exp}, ${got}`;
}

/**
 * The matrix, mismatch list and final line, as printed by `movcheck gate`.
 * Versions are the columns; runs under mutant versions (ids with `~`) follow
 * in their own table, one line per scenario and mutant, so the matrix stays
 * readable.
 */
export function formatGateMatrix(records: readonly RunRecord[]): string {
  if (records.length === 0) return `no scenario×version pairs to check\n\n${gateLine(records)}\n`;
  const main = records.filter((r) => !isMutantId(r.protocol.id));
  const mutants = records.filter((r) => isMutantId(r.protocol.id));
  const out: string[] = [];
  if (main.length) {
    const { scenarios, protocols } = axes(main);
    out.push(...table([['scenario', ...protocols], ...scenarios.map((s) => [s, ...protocols.map((p) => cell(cellOf(main, s, p)))])]));
  }
  if (mutants.length) {
    if (out.length) out.push('');
    out.push(...table([['scenario (mutant: must fail)', 'mutant version', 'verdict'], ...mutants.map((r) => [r.scenario.id, r.protocol.id, cell(r)])]));
  }
  const bad = records.filter((r) => matches(r) !== true);
  if (bad.length > 0) {
    out.push('', '* does not match the expectation:');
    for (const r of bad) out.push(`  ${r.scenario.id} under ${r.protocol.id}: ${mismatchWords(r)}`);
  }
  out.push('', gateLine(records));
  return out.join('\n') + '\n';
}
