/**
 * The kernel timeline of `movcheck timeline`: one scenario under the versions
 * it lists, in kernel order, one line each (kernel, verdict, steps, states,
 * match), with a line under each version whose verdict differs from the one
 * it changes (its base, else the version before it) naming the commit; or the
 * whole catalog as a scenarios x versions matrix with the changes listed under
 * it. Text or Markdown.
 */
import type { Since } from '../model/protocol.ts';
import { pad } from './layout.ts';
import { actualVerdict, matches, verdictCell, type RunRecord } from './record.ts';

/** A version as the timeline shows it. */
export interface TimelineVersion {
  readonly id: string;
  readonly since?: Since;
  /** The version this one changes (its base, else the one before it in kernel order), or null for the first. */
  readonly parent: string | null;
}

/** One line of a scenario's timeline. */
export interface TimelineRow {
  readonly version: TimelineVersion;
  readonly rec: RunRecord;
}

/** The verdict label of a row: `pass`, the invariant, or `incomplete`. */
function label(rec: RunRecord): string {
  return actualVerdict(rec.result);
}

/** Steps of a row's counterexample, `-` for none. */
function steps(rec: RunRecord): string {
  return rec.result.verdict === 'violation' ? String(rec.result.trace.length) : '-';
}

/** `✓`, `✗` or empty (no expectation). */
function mark(rec: RunRecord): string {
  const m = matches(rec);
  return m === null ? '' : m ? '✓' : '✗';
}

/** How a change is named: the later version's kernel and commit. */
function changeText(v: TimelineVersion): string {
  return v.since ? `${v.since.kernel}: ${v.since.commit}` : 'no commit recorded for this version';
}

/** The rows whose verdict differs from their parent's: [row, parent row]. */
export function changes(rows: readonly TimelineRow[]): [TimelineRow, TimelineRow][] {
  const byId = new Map(rows.map((r) => [r.version.id, r]));
  const out: [TimelineRow, TimelineRow][] = [];
  for (const r of rows) {
    const p = r.version.parent === null ? undefined : byId.get(r.version.parent);
    if (p && label(p.rec) !== label(r.rec)) out.push([r, p]);
  }
  return out;
}

/** Columns of a table padded to their widths, joined by two spaces. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => pad(c, w[i]!)).join('  ').trimEnd());
}

/** A Markdown table. */
function mdTable(rows: readonly (readonly string[])[]): string[] {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const [head, ...body] = rows;
  return [`| ${head!.map(esc).join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

/** The timeline of one scenario. */
export function formatTimeline(rows: readonly TimelineRow[], format: 'text' | 'md'): string {
  if (rows.length === 0) return 'no versions to run\n';
  const s = rows[0]!.rec.scenario;
  const changed = new Map(changes(rows).map(([r, p]) => [r.version.id, p]));
  const head = ['version', 'kernel', 'verdict', 'steps', 'states', 'expected'];
  const cells = rows.map((r) => [r.version.id, r.version.since?.kernel ?? '-', verdictCell(label(r.rec)), steps(r.rec), String(r.rec.result.stats.states), mark(r.rec)]);
  const out: string[] = [];
  if (format === 'md') {
    out.push(`## Timeline of ${s.id}`, '', s.title, '');
    out.push(...mdTable([head, ...cells.map((c, i) => (changed.has(rows[i]!.version.id) ? [...c.slice(0, 2), `**${c[2]}**`, ...c.slice(3)] : c))]));
    const ch = changes(rows);
    out.push('', ch.length ? 'Where the verdict changes:' : 'The verdict is the same under every version.', '');
    for (const [r, p] of ch) out.push(`- **${r.version.id}** (${label(p.rec)} under ${p.version.id} → ${label(r.rec)}): ${changeText(r.version)}`);
    return out.join('\n') + '\n';
  }
  out.push(`timeline of ${s.id}: ${s.title}`, '');
  const lines = columns([head, ...cells]);
  out.push(`  ${lines[0]}`);
  rows.forEach((r, i) => {
    out.push(`  ${lines[i + 1]}`);
    const p = changed.get(r.version.id);
    if (p) out.push(`      ^ changed from ${label(p.rec)} (${p.version.id}) by ${changeText(r.version)}`);
  });
  if (changed.size === 0) out.push('', 'The verdict is the same under every version.');
  return out.join('\n') + '\n';
}

/** One scenario's row of the catalog matrix: its timeline rows (only the versions it lists). */
export interface MatrixRow {
  readonly scenario: string;
  readonly rows: readonly TimelineRow[];
}

/** The catalog as a scenarios x versions matrix (`»` marks a verdict that differs from the version it changes), and the changes by version. */
export function formatTimelineMatrix(matrix: readonly MatrixRow[], versions: readonly TimelineVersion[], format: 'text' | 'md'): string {
  const head = ['scenario', ...versions.map((v) => v.id)];
  const body = matrix.map((m) => {
    const changed = new Set(changes(m.rows).map(([r]) => r.version.id));
    return [
      m.scenario,
      ...versions.map((v) => {
        const r = m.rows.find((x) => x.version.id === v.id);
        if (!r) return '-';
        const cell = `${verdictCell(label(r.rec))}${mark(r.rec) === '✗' ? ' *' : ''}`;
        return changed.has(v.id) ? (format === 'md' ? `**${cell}**` : `» ${cell}`) : cell;
      }),
    ];
  });
  const out: string[] = format === 'md' ? ['## Kernel timeline of the catalog', '', ...mdTable([head, ...body])] : columns([head, ...body]);
  out.push('', format === 'md' ? 'Where verdicts change, by version:' : 'where verdicts change (» above), by version:', '');
  for (const v of versions) {
    const here = matrix.flatMap((m) => changes(m.rows).filter(([r]) => r.version.id === v.id).map(([r, p]) => `${m.scenario} ${label(p.rec)} → ${label(r.rec)}`));
    if (here.length === 0) continue;
    const title = `${v.id} (${changeText(v)})`;
    if (format === 'md') out.push(`- **${title}**: ${here.join('; ')}`);
    else out.push(`  ${title}:`, ...here.map((h) => `      ${h}`));
  }
  const bad = matrix.flatMap((m) => m.rows.filter((r) => matches(r.rec) === false).map((r) => `${m.scenario} under ${r.version.id}`));
  if (bad.length) out.push('', `* does not match the expectation: ${bad.join(', ')}`);
  return out.join('\n') + '\n';
}
