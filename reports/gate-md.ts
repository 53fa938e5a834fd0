/**
 * The gate's Markdown summary (for `$GITHUB_STEP_SUMMARY`, which is appended
 * to): the matrix as the terminal shows it (reports/matrix.ts): a heading
 * with the match count, the catalog table (scenarios × the versions that are
 * not mutants), then the mutant table (scenario, mutant version, verdict),
 * then the mismatches in words with their replay commands. A cell that
 * matches shows the verdict alone; one that does not is marked ❌ with what
 * was expected.
 */
import { axes, cellOf, isMutantId, matchCount, mismatchWords } from './matrix.ts';
import { mdText } from './md.ts';
import { actualVerdict, matches, verdictCell, type RunRecord } from './record.ts';
import { expectationCell } from './wording.ts';

/** One cell: the verdict, and when it does not match, ❌ and the expectation. */
function cell(r: RunRecord | undefined): string {
  if (!r) return '-';
  const got = mdText(verdictCell(actualVerdict(r.result)));
  return matches(r) === true ? got : `❌ **${got}** (expected ${mdText(expectationCell(r.expected))})`;
}

/** The Markdown summary of a gate run, starting and ending with a newline so it can be appended. */
export function formatGateSummaryMd(records: readonly RunRecord[]): string {
  const ok = matchCount(records);
  const out = ['', `## movcheck gate: ${ok}/${records.length} match ${ok === records.length ? '✅' : '❌'}`, ''];
  const main = records.filter((r) => !isMutantId(r.protocol.id));
  const mutants = records.filter((r) => isMutantId(r.protocol.id));
  if (main.length) {
    const { scenarios, protocols } = axes(main);
    out.push(`| scenario | ${protocols.map(mdText).join(' | ')} |`, `|---|${protocols.map(() => '---').join('|')}|`);
    for (const s of scenarios) out.push(`| ${mdText(s)} | ${protocols.map((p) => cell(cellOf(main, s, p))).join(' | ')} |`);
    out.push('');
  }
  if (mutants.length) {
    out.push('| scenario (mutant: must fail) | mutant version | verdict |', '|---|---|---|');
    for (const r of mutants) out.push(`| ${mdText(r.scenario.id)} | ${mdText(r.protocol.id)} | ${cell(r)} |`);
    out.push('');
  }
  const bad = records.filter((r) => matches(r) !== true);
  if (bad.length) {
    out.push('Does not match the expectation:', '');
    for (const r of bad) out.push(`- ${mdText(`${r.scenario.id} under ${r.protocol.id}: ${mismatchWords(r)}`)}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}
