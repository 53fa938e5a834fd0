/**
 * The catalog as a Markdown table (the README's "What it finds", written by
 * `npm run readme-table`): one row per scenario, one column per protocol
 * version, each cell the verdict the scenario expects (`pass` or the
 * invariant expected to be violated), which the gate checks. Pure: the rows
 * come from the caller (scripts/readme-table.ts reads the catalog).
 */
import { mdText } from './md.ts';

/** One scenario of the table. */
export interface CatalogRow {
  readonly id: string;
  /** For a variant that breaks a rule on purpose: the scenario it varies. */
  readonly variantOf: string | null;
  /** Expected verdict by version id (`pass` or an invariant id); versions it does not run under are absent. */
  readonly expect: Readonly<Record<string, string>>;
}

/** The versions of some rows, in first-seen order. */
export function catalogVersions(rows: readonly CatalogRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) for (const v of Object.keys(r.expect)) if (!out.includes(v)) out.push(v);
  return out;
}

/** The Markdown table of `rows` (newline-terminated); a version a scenario does not run under shows `-`. */
export function formatCatalogTable(rows: readonly CatalogRow[]): string {
  const versions = catalogVersions(rows);
  const out = [`| scenario | ${versions.map(mdText).join(' | ')} |`, `|---|${versions.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const name = r.variantOf === null ? mdText(r.id) : `${mdText(r.id)} (variant of ${mdText(r.variantOf)})`;
    out.push(`| ${name} | ${versions.map((v) => mdText(r.expect[v] ?? '-')).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}
