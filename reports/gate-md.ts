/**
 * The gate's Markdown summary (for `$GITHUB_STEP_SUMMARY`, which is appended
 * to): a heading with the match count and a table of scenarios × versions,
 * ✅ where the verdict matches the expectation and ❌ where it does not.
 */
import { axes, cellOf, matchCount } from './matrix.ts';
import { mdText } from './md.ts';
import { actualVerdict, matches, verdictCell, type RunRecord } from './record.ts';
import { expectationCell } from './wording.ts';

/** The Markdown summary of a gate run, starting and ending with a newline so it can be appended. */
export function formatGateSummaryMd(records: readonly RunRecord[]): string {
  const { scenarios, protocols } = axes(records);
  const ok = matchCount(records);
  const out = ['', `## movcheck gate: ${ok}/${records.length} match ${ok === records.length ? '✅' : '❌'}`, ''];
  if (records.length > 0) {
    out.push(`| scenario | ${protocols.map(mdText).join(' | ')} |`);
    out.push(`|---|${protocols.map(() => '---').join('|')}|`);
    for (const s of scenarios) {
      const cells = protocols.map((p) => {
        const r = cellOf(records, s, p);
        if (!r) return '';
        const got = mdText(verdictCell(actualVerdict(r.result)));
        return matches(r) === true ? `✅ ${got}` : `❌ ${got} (expected ${mdText(expectationCell(r.expected))})`;
      });
      out.push(`| ${mdText(s)} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n') + '\n';
}
