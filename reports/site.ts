/**
 * The files of `movcheck report`, as data: one Markdown page per
 * scenario×version (diagram and text trace), an `index.md` verdict matrix
 * (expected vs actual; runs under mutant versions in their own table) linking to them, `results.json` and the `index.html`
 * viewer. No timing anywhere, so the same inputs give byte-identical files.
 */
import { formatHtml } from './html.ts';
import { formatJson } from './json.ts';
import { axes, cellOf, gateLine, isMutantId } from './matrix.ts';
import { formatMarkdownResult, mdText } from './md.ts';
import { actualVerdict, matches, verdictCell, type RunRecord } from './record.ts';
import { expectationCell } from './wording.ts';

/** A file to write: a path relative to the output directory, and its content. */
export interface ReportFile {
  readonly path: string;
  readonly content: string;
}

/** A file-name-safe form of an id. */
function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The file name of a record's page: `<scenario>--<protocol>.md`. */
export function reportFileName(rec: RunRecord): string {
  return `${safe(rec.scenario.id)}--${safe(rec.protocol.id)}.md`;
}

/** The index page: the verdict matrix (expected vs actual) linking to each page, and the scenarios. */
export function formatReportIndex(records: readonly RunRecord[]): string {
  const { scenarios } = axes(records);
  const out = ['# movcheck report', ''];
  out.push(
    'Each cell is the verdict of a scenario under a protocol version (linked to its trace), ✅ when it matches the expectation, ❌ with the expectation when it does not.',
    '',
    `${gateLine(records)} · [interactive viewer](index.html) · [results.json](results.json)`,
    '',
  );
  if (records.length === 0) {
    out.push('No results.', '');
    return out.join('\n');
  }
  const cell = (r: RunRecord | undefined) => {
    if (!r) return '-';
    const link = `[${mdText(verdictCell(actualVerdict(r.result)))}](${reportFileName(r)})`;
    return matches(r) === true ? `${link} ✅` : `${link} ❌ expected ${mdText(expectationCell(r.expected))}`;
  };
  const main = records.filter((r) => !isMutantId(r.protocol.id));
  const mutants = records.filter((r) => isMutantId(r.protocol.id));
  if (main.length) {
    const { scenarios: rows, protocols: cols } = axes(main);
    out.push(`| scenario | review | ${cols.map(mdText).join(' | ')} |`);
    out.push(`|---|---|${cols.map(() => '---').join('|')}|`);
    for (const s of rows) {
      const first = main.find((r) => r.scenario.id === s);
      out.push(`| ${mdText(s)} | ${mdText(first?.scenario.review ?? '-')} | ${cols.map((p) => cell(cellOf(main, s, p))).join(' | ')} |`);
    }
    if (mutants.length) out.push('');
  }
  if (mutants.length) {
    out.push('| scenario (mutant: must fail) | mutant version | verdict |', '|---|---|---|');
    for (const r of mutants) out.push(`| ${mdText(r.scenario.id)} | ${mdText(r.protocol.id)} | ${cell(r)} |`);
  }
  out.push('', '## Scenarios', '');
  for (const s of scenarios) {
    const sc = records.find((r) => r.scenario.id === s)?.scenario;
    if (!sc) continue;
    const quote = sc.quote === null ? '' : ` — ${sc.review ?? 'review'}: “${mdText(sc.quote)}”`;
    out.push(`- **${mdText(sc.id)}**: ${mdText(sc.title)}${quote}`);
  }
  out.push('');
  return out.join('\n');
}

/** Every file of the report, in a fixed order. */
export function reportFiles(records: readonly RunRecord[]): ReportFile[] {
  const pages = records.map((r) => ({
    path: reportFileName(r),
    content: `[← index](index.md)\n\n${formatMarkdownResult(r, { textTrace: true, level: 1 })}`,
  }));
  return [
    { path: 'index.md', content: formatReportIndex(records) },
    { path: 'results.json', content: formatJson(records, { seconds: false }) },
    { path: 'index.html', content: formatHtml(records) },
    ...pages,
  ];
}
