/**
 * The verdict matrix that `index.html` opens on, as static HTML (readable
 * without the script): the gate line, a table of scenarios × versions, and
 * the runs under mutant versions in their own table, as the terminal shows
 * them (reports/matrix.ts). Each cell is a link to its pair in the viewer
 * (`#<scenario>--<protocol>@<step>`): a violation opens on its last step,
 * where the invariant breaks. A cell whose verdict does not match says what
 * was expected; a pair that was not run shows `-`, never an empty box.
 */
import { axes, cellOf, gateLine, isMutantId, matchCount } from './matrix.ts';
import { actualVerdict, matches, verdictCell, type RunRecord } from './record.ts';
import { expectationCell } from './wording.ts';

/** Escapes text for HTML content and attribute values. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The viewer's key of a pair: `<scenario>--<protocol>`. */
export function pairKey(rec: RunRecord): string {
  return `${rec.scenario.id}--${rec.protocol.id}`;
}

/** The step a pair opens on: the last one of a violation (where it breaks), else 0. */
export function openingStep(rec: RunRecord): number {
  return rec.result.verdict === 'violation' ? rec.result.trace.length : 0;
}

/** The viewer link of a pair. */
export function pairHref(rec: RunRecord): string {
  return `#${encodeURIComponent(pairKey(rec))}@${openingStep(rec)}`;
}

/** One cell: the verdict as a link, marked by whether it matches. */
function cell(rec: RunRecord | undefined): string {
  if (!rec) return '<td class="na" title="not run">-</td>';
  const m = matches(rec);
  const cls = m === true ? 'ok' : 'bad';
  const mark = `<span class="m">${m === true ? '✓' : '≠'}</span>`;
  const exp = m === true ? '' : `<div class="exp">expected ${htmlEscape(expectationCell(rec.expected))}</div>`;
  const title = `${rec.scenario.id} under ${rec.protocol.id}: ${m === true ? 'matches the expectation' : 'does not match the expectation'}`;
  return `<td class="${cls}"><a href="${htmlEscape(pairHref(rec))}" title="${htmlEscape(title)}">${htmlEscape(verdictCell(actualVerdict(rec.result)))}</a> ${mark}${exp}</td>`;
}

/** The scenario cell of a row, with its title on hover. */
function scenarioCell(rec: RunRecord | undefined, id: string): string {
  return `<th class="s" scope="row"${rec ? ` title="${htmlEscape(rec.scenario.title)}"` : ''}>${htmlEscape(id)}</th>`;
}

/** The matrix section's lines. */
export function htmlMatrix(records: readonly RunRecord[]): string[] {
  const ok = matchCount(records) === records.length;
  const out = [
    '<section id="matrix">',
    `<p class="gl ${ok ? 'ok' : 'bad'}">${htmlEscape(gateLine(records))} ${ok ? '✓' : '✗'}</p>`,
  ];
  if (records.length === 0) return [...out, '<p>No results.</p>', '</section>'];
  out.push('<p class="dim">Each cell is the verdict of a scenario under a protocol version, ✓ when it matches the expectation, ≠ (in red, with the expectation) when it does not; follow it to step through the interleaving (a violation opens on its last step).</p>');
  const main = records.filter((r) => !isMutantId(r.protocol.id));
  const mutants = records.filter((r) => isMutantId(r.protocol.id));
  if (main.length) {
    const { scenarios, protocols } = axes(main);
    out.push('<div class="scroll"><table class="mx">', `<tr><th>scenario</th>${protocols.map((p) => `<th>${htmlEscape(p)}</th>`).join('')}</tr>`);
    for (const s of scenarios) {
      const first = main.find((r) => r.scenario.id === s);
      out.push(`<tr>${scenarioCell(first, s)}${protocols.map((p) => cell(cellOf(main, s, p))).join('')}</tr>`);
    }
    out.push('</table></div>');
  }
  if (mutants.length) {
    out.push(
      '<h2>Mutants: one lock, check or atomic operation removed (each must fail)</h2>',
      '<div class="scroll"><table class="mx">',
      '<tr><th>scenario (mutant: must fail)</th><th>mutant version</th><th>verdict</th></tr>',
    );
    for (const r of mutants) out.push(`<tr>${scenarioCell(r, r.scenario.id)}<td class="v">${htmlEscape(r.protocol.id)}</td>${cell(r)}</tr>`);
    out.push('</table></div>');
  }
  out.push('</section>');
  return out;
}
