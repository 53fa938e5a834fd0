/**
 * Turns StrykerJS's JSON report (mutation-testing-report-schema) into
 * bench/mutation.md: the score, a table per mutated file, and every surviving
 * mutant with the reason it is equivalent (from equivalent.ts) or a mark that
 * it still wants a test.
 *
 *   node --import tsx bench/mutation/report.ts [report.json ...] [--out bench/mutation.md] [--seconds N] [--note TEXT]
 *
 * With several reports, a later one's results replace an earlier one's (see
 * merge): a partial run with --mutate after a full run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { equivalents, type Equivalent } from './equivalent.ts';

/** One mutant of the JSON report (the fields this script reads). */
interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
  readonly static?: boolean;
}

/** The JSON report (the fields this script reads). */
export interface StrykerReport {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>>;
}

/** A surviving (or uncovered) mutant, located and shown. */
export interface Survivor {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly status: string;
  /** The mutated source text. */
  readonly original: string;
  readonly replacement: string;
  /** The trimmed source line the mutant starts on. */
  readonly lineText: string;
  readonly reason: string | null;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Whitespace-insensitive form of a code snippet, for matching equivalents across reformatting. */
export const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text between two 1-based (line, column) positions of `source`, end exclusive. */
function slice(source: string, start: { line: number; column: number }, end: { line: number; column: number }): string {
  const lines = source.split('\n');
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const out = [(lines[start.line - 1] ?? '').slice(start.column - 1)];
  for (let l = start.line + 1; l < end.line; l++) out.push(lines[l - 1] ?? '');
  out.push((lines[end.line - 1] ?? '').slice(0, end.column - 1));
  return out.join('\n');
}

/** The reason recorded for `s` in `table`, or null. */
export function reasonFor(s: Omit<Survivor, 'reason'>, table: readonly Equivalent[], source = ''): string | null {
  const lines = source.split('\n');
  const inRegion = (r: NonNullable<Equivalent['region']>) => {
    const from = lines.findIndex((l) => l.includes(r.from));
    if (from < 0) return false;
    const to = lines.findIndex((l, i) => i > from && l.includes(r.to));
    return s.line - 1 >= from && (to < 0 || s.line - 1 <= to);
  };
  for (const e of table) {
    if (e.file !== s.file) continue;
    if (e.region !== undefined && !inRegion(e.region)) continue;
    if (e.contains !== undefined && !s.lineText.includes(e.contains)) continue;
    if (e.line !== undefined && norm(e.line) !== norm(s.lineText)) continue;
    if (e.original !== undefined && norm(e.original) !== norm(s.original)) continue;
    if (e.replacement !== undefined && norm(e.replacement) !== norm(s.replacement)) continue;
    if (e.mutator !== undefined && e.mutator !== s.mutator) continue;
    return e.reason;
  }
  return null;
}

/** Counts of one file (or the total). */
export interface Counts {
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  errors: number;
  ignored: number;
}

const zero = (): Counts => ({ mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 });

function add(c: Counts, status: string): void {
  c.mutants++;
  if (status === 'Killed') c.killed++;
  else if (status === 'Timeout') c.timeout++;
  else if (status === 'Survived') c.survived++;
  else if (status === 'NoCoverage') c.noCoverage++;
  else if (status === 'Ignored') c.ignored++;
  else c.errors++;
}

/** Stryker's mutation score: detected / (detected + undetected), in percent; errors and ignored mutants do not count. */
export function score(c: Counts): number {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? 100 : (100 * (c.killed + c.timeout)) / valid;
}

/** Per-file counts, the total, and the undetected mutants with their reasons. */
export function analyse(report: StrykerReport, table: readonly Equivalent[] = equivalents) {
  const perFile = new Map<string, Counts>();
  const total = zero();
  const survivors: Survivor[] = [];
  for (const [file, f] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const c = zero();
    perFile.set(file, c);
    for (const m of f.mutants) {
      add(c, m.status);
      add(total, m.status);
      if (DETECTED.has(m.status) || !UNDETECTED.has(m.status)) continue;
      const base = {
        file,
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        status: m.status,
        // A report without end positions (rebuilt from the runner's log) shows the whole line.
        original:
          m.location.end.line === m.location.start.line && m.location.end.column === m.location.start.column
            ? (f.source.split('\n')[m.location.start.line - 1] ?? '').trim()
            : slice(f.source, m.location.start, m.location.end),
        replacement: m.replacement ?? '',
        lineText: (f.source.split('\n')[m.location.start.line - 1] ?? '').trim(),
      };
      survivors.push({ ...base, reason: reasonFor(base, table, f.source) });
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { perFile, total, survivors };
}

const pct = (x: number) => `${x.toFixed(1)} %`;
/** A snippet as inline code (one line, at most 80 characters, backticks kept). */
function code(s: string): string {
  let t = norm(s);
  if (t.length > 80) t = t.slice(0, 77) + '...';
  const fence = t.includes('`') ? '``' : '`';
  return t === '' ? '(empty)' : `${fence}${fence === '``' ? ' ' : ''}${t}${fence === '``' ? ' ' : ''}${fence}`;
}
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The Markdown of bench/mutation.md. */
export function toMarkdown(report: StrykerReport, opts: { seconds?: number; note?: string; table?: readonly Equivalent[] } = {}): string {
  const { perFile, total, survivors } = analyse(report, opts.table ?? equivalents);
  const explained = survivors.filter((s) => s.reason !== null);
  const open = survivors.filter((s) => s.reason === null);
  const out: string[] = [];
  out.push('# Mutation testing');
  out.push('');
  out.push(
    'StrykerJS over `checker/` (with the packed search), `model/prim/` and `model/invariants.ts`, run by `npm run mutation`',
    '(bench/mutation/: the config, an in-process runner for the ava test files, and this report\'s generator).',
    'Not part of CI. A mutant is one small change to the source (an operator, a condition, a constant, a removed block);',
    'it is killed when a test fails on it. Every survivor below is either equivalent (the one-line reason says why no test',
    'can tell it from the source) or still wants a test.',
  );
  out.push('');
  if (opts.note) out.push(opts.note, '');
  out.push(`**Score: ${pct(score(total))}** (${total.killed + total.timeout} of ${total.killed + total.timeout + total.survived + total.noCoverage} killed or timed out)`);
  const detected = total.killed + total.timeout;
  const relevant = detected + total.survived + total.noCoverage - explained.length;
  out.push('');
  out.push(`Leaving out the ${explained.length} survivors explained as equivalent: ${pct(relevant === 0 ? 100 : (100 * detected) / relevant)} (${detected} of ${relevant}).`);
  out.push('');
  out.push(
    `Mutants: ${total.mutants}; killed ${total.killed}, timed out ${total.timeout}, survived ${total.survived}, not covered ${total.noCoverage}` +
      (total.errors ? `, errors ${total.errors}` : '') +
      (total.ignored ? `, ignored ${total.ignored}` : '') +
      `. Survivors explained as equivalent: ${explained.length}; without a reason: ${open.length}.` +
      (opts.seconds !== undefined ? ` Run time: ${Math.round(opts.seconds / 60)} min.` : ''),
  );
  out.push('');
  out.push('| file | mutants | killed | timed out | survived | not covered | score |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [file, c] of perFile) {
    out.push(`| ${file} | ${c.mutants} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${pct(score(c))} |`);
  }
  out.push(`| **total** | ${total.mutants} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${pct(score(total))} |`);
  out.push('');
  out.push('## Surviving mutants');
  out.push('');
  if (survivors.length === 0) out.push('None.');
  else {
    out.push('| where | mutator | original | mutant | why it survives |');
    out.push('|---|---|---|---|---|');
    for (const s of survivors) {
      const why = s.reason ?? (s.status === 'NoCoverage' ? '**no test reaches it**' : '**no reason recorded: wants a test**');
      out.push(`| ${s.file}:${s.line}:${s.column} | ${s.mutator} | ${cell(code(s.original))} | ${cell(code(s.replacement))} | ${cell(why)} |`);
    }
  }
  out.push('');
  return out.join('\n');
}

/**
 * Reports merged: a later report's mutants replace an earlier one's at the
 * same place (the same source line text, column, mutator and replacement, so
 * a later run over code that moved still matches); mutants of the later run
 * that match nothing are added when the source is the same, and left out
 * otherwise (the earlier report keeps its source and locations). For a full
 * run, then a run with `--mutate file:from-to` over a few lines.
 */
export function merge(reports: readonly StrykerReport[]): StrykerReport {
  const files: Record<string, { source: string; mutants: readonly Mutant[] }> = {};
  /** Keys of a file's mutants, the n-th of equal keys numbered n. */
  const keys = (source: string, ms: readonly Mutant[]) => {
    const lines = source.split('\n');
    const n = new Map<string, number>();
    return ms.map((m) => {
      const text = (lines[m.location.start.line - 1] ?? '').trim();
      // The replacement's first 60 characters: reports rebuilt from the runner's log cut it at 80 (JSON-quoted).
      const k = `${text}|${m.location.start.column - (lines[m.location.start.line - 1] ?? '').search(/\S|$/)}|${m.mutatorName}|${(m.replacement ?? '').slice(0, 60)}`;
      const i = n.get(k) ?? 0;
      n.set(k, i + 1);
      return `${k} #${i}`;
    });
  };
  for (const r of reports) {
    for (const [name, f] of Object.entries(r.files)) {
      const old = files[name];
      if (!old) {
        files[name] = f;
        continue;
      }
      const oldKeys = keys(old.source, old.mutants);
      const newKeys = keys(f.source, f.mutants);
      const later = new Map(f.mutants.map((m, i) => [newKeys[i] as string, m]));
      const kept = old.mutants.map((m, i) => {
        const l = later.get(oldKeys[i] as string);
        return l ? { ...m, status: l.status } : m;
      });
      const seen = new Set(oldKeys);
      const added = old.source === f.source ? f.mutants.filter((_, i) => !seen.has(newKeys[i] as string)) : [];
      files[name] = { source: old.source, mutants: [...kept, ...added] };
    }
  }
  return { files };
}

// CLI
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const seconds = flag('--seconds');
  const note = flag('--note');
  const output = flag('--out') ?? 'bench/mutation.md';
  const inputs = args.length ? args : ['.stryker-tmp/mutation.json'];
  const report = merge(inputs.map((f) => JSON.parse(readFileSync(f, 'utf8')) as StrykerReport));
  const md = toMarkdown(report, { ...(seconds === undefined ? {} : { seconds: Number(seconds) }), ...(note === undefined ? {} : { note }) });
  writeFileSync(output, md);
  const { total, survivors } = analyse(report);
  console.log(`mutation score ${pct(score(total))}; ${survivors.length} survivor(s), ${survivors.filter((s) => s.reason === null).length} without a reason; wrote ${output}`);
}
