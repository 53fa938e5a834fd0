/**
 * The text report, what a kernel reviewer reads in a terminal: a header
 * (scenario, protocol, the review comment, the verdict), then for a violation
 * the interleaving as numbered steps laid out in one column per thread, each
 * step showing `function: statement` and, under it, what the step changed;
 * then the command that replays it. The email format reuses this with a
 * narrower width and ASCII only.
 */
import type { Stats, TraceStep } from '../checker/index.ts';
import { pad, padLeft, width, wrap } from './layout.ts';
import { paramArgs, replayCommand, shellQuote, threadCount, threadName, type ReplayRecord, type RunRecord } from './record.ts';
import { expectationLine, kindName, verdictHeadline } from './wording.ts';

/** Layout options of the text report. */
export interface TextOptions {
  /** Line width the report aims at (default 100). */
  readonly width?: number;
  /**
   * `columns`: one column per thread (widened when too narrow); `sequential`:
   * one line per step naming its thread; `auto`: columns when each gets at
   * least 24 characters within `width`, else sequential. Default `columns`.
   */
  readonly layout?: 'columns' | 'sequential' | 'auto';
  /** Marker before each change line (default `→ `). */
  readonly arrow?: string;
  /**
   * Keep every line within `width`: also wrap the verdict line and break the
   * replay command over several lines (`\` continuations). Off by default, so
   * those lines stay whole for grep and copy-paste.
   */
  readonly strictWidth?: boolean;
  /**
   * Applied to every text before it is wrapped (the email report makes it
   * ASCII here, so that a `—` spelt `--` is measured as two columns).
   * Default: none.
   */
  readonly transliterate?: (s: string) => string;
}

/** Text unchanged. */
const same = (s: string): string => s;

const LABEL = 10;
const MIN_COLUMN = 16;
const MIN_AUTO_COLUMN = 24;

/** A `label:  value` block, the value wrapped under itself. */
function field(label: string, value: string, w: number, tr: (s: string) => string = same): string[] {
  return wrap(tr(value), w - LABEL).map((l, i) => (i === 0 ? pad(`${label}:`, LABEL) : ' '.repeat(LABEL)) + l);
}

/** The header lines shared by run and replay reports. */
function header(rec: Pick<RunRecord, 'scenario' | 'protocol'>, w: number, tr: (s: string) => string): string[] {
  const { scenario: s, protocol: p } = rec;
  const out = wrap(tr(`${s.id} — ${s.title}`), w, 2);
  out.push(...field('protocol', `${p.id} — ${p.title}`, w, tr));
  if (s.review !== null || s.quote !== null) {
    const quote = s.quote === null ? '' : `"${s.quote}"`;
    out.push(...field('review', [s.review, quote].filter((x) => x).join(': '), w, tr));
  }
  return out;
}

/** The cell lines of one step in a column of width `w`. */
function stepCell(step: TraceStep, w: number, arrow: string, tr: (s: string) => string): string[] {
  const head = `${step.src.fn}: ${step.src.code}${step.branch === undefined ? '' : ` [${step.branch}]`}`;
  const out = wrap(tr(head), w, 2);
  for (const s of step.summary) out.push(...wrap(tr(arrow + s), w, width(arrow)));
  return out;
}

/** The trace as a table with one column per thread. */
function columns(trace: readonly TraceStep[], names: readonly string[], w: number, arrow: string, tr: (s: string) => string): string[] {
  const n = threadCount(names, trace);
  const numW = Math.max(1, String(trace.length).length);
  const colW = Math.max(MIN_COLUMN, Math.floor((w - numW - 3 * n) / n));
  const row = (num: string, cells: readonly string[]) =>
    (padLeft(num, numW) + ' | ' + cells.map((c) => pad(c, colW)).join(' | ')).replace(/ +$/, '');
  const out = [row('#', Array.from({ length: n }, (_, t) => tr(threadName(names, t))))];
  out.push('-'.repeat(numW + 1) + ('+' + '-'.repeat(colW + 2)).repeat(n).replace(/-$/, ''));
  for (const step of trace) {
    const cell = stepCell(step, colW, arrow, tr);
    cell.forEach((line, i) => {
      const cells = Array.from({ length: n }, (_, t) => (t === step.thread ? line : ''));
      out.push(row(i === 0 ? String(step.index) : '', cells));
    });
  }
  return out;
}

/** The trace as one numbered line per step, naming the thread, with change lines indented under it. */
function sequential(trace: readonly TraceStep[], names: readonly string[], w: number, arrow: string, tr: (s: string) => string): string[] {
  const numW = Math.max(1, String(trace.length).length);
  const out: string[] = [];
  for (const step of trace) {
    const prefix = tr(`${padLeft(String(step.index), numW)}. [${threadName(names, step.thread)}] `);
    const head = `${step.src.fn}: ${step.src.code}${step.branch === undefined ? '' : ` [${step.branch}]`}`;
    const ind = Math.min(width(prefix), Math.floor(w / 2));
    wrap(tr(head), w - ind).forEach((l, i) => out.push((i === 0 ? prefix : ' '.repeat(ind)) + l));
    const sind = numW + 4;
    for (const s of step.summary) for (const l of wrap(tr(arrow + s), w - sind, width(arrow))) out.push(' '.repeat(sind) + l);
  }
  return out;
}

/** `--only` lines of a wrapped replay command: the ids packed into as few repeated `--only a,b` options as fit in `w` columns. */
function onlyLines(ids: readonly string[], w: number): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const line = (xs: readonly string[]) => `    --only ${shellQuote(xs.join(','))} \\`;
  for (const id of ids) {
    if (cur.length > 0 && width(line([...cur, id])) > w) {
      out.push(line(cur));
      cur = [];
    }
    cur.push(id);
  }
  if (cur.length > 0) out.push(line(cur));
  return out;
}

/** The replay command line(s). */
function replayLines(rec: Pick<RunRecord, 'scenario' | 'protocol' | 'only'>, schedule: string, w: number, strictWidth: boolean): string[] {
  const one = `replay: ${replayCommand(rec, schedule)}`;
  if (!strictWidth || width(one) <= w) return [one];
  const first = `replay: movcheck replay ${shellQuote(rec.scenario.ref)} \\`;
  const out = [
    ...(width(first) <= w ? [first] : ['replay: movcheck replay \\', `    ${shellQuote(rec.scenario.ref)} \\`]),
    ...paramArgs(rec.scenario)
      .split(' --param ')
      .slice(1)
      .map((a) => `    --param ${a} \\`),
    `    --protocol ${shellQuote(rec.protocol.ref)} \\`,
    ...onlyLines(rec.only ?? [], w),
  ];
  const last = `    --schedule ${schedule}`;
  if (width(last) <= w) return [...out, last];
  // whitespace inside the quoted schedule is ignored by the parser
  const chunk = Math.max(8, w - 16);
  const parts: string[] = [];
  for (let i = 0; i < schedule.length; i += chunk) parts.push(schedule.slice(i, i + chunk));
  parts.forEach((p, i) => {
    const open = i === 0 ? `    --schedule '` : '    ';
    out.push(open + p + (i === parts.length - 1 ? `'` : ''));
  });
  return out;
}

/** The trace block: a title line, the steps, and the replay command. Identical for `run` and `replay`. */
export function traceBlock(
  rec: Pick<RunRecord, 'scenario' | 'protocol' | 'threadNames'>,
  trace: readonly TraceStep[],
  schedule: string,
  opts: TextOptions = {},
): string[] {
  const w = opts.width ?? 100;
  const arrow = opts.arrow ?? '→ ';
  let layout = opts.layout ?? 'columns';
  if (layout === 'auto') {
    const n = threadCount(rec.threadNames, trace);
    const numW = Math.max(1, String(trace.length).length);
    layout = Math.floor((w - numW - 3 * n) / n) >= MIN_AUTO_COLUMN ? 'columns' : 'sequential';
  }
  const tr = opts.transliterate ?? same;
  const steps = layout === 'columns' ? columns(trace, rec.threadNames, w, arrow, tr) : sequential(trace, rec.threadNames, w, arrow, tr);
  return [
    `trace (${trace.length} step${trace.length === 1 ? '' : 's'}):`,
    ...steps,
    ...replayLines(rec, schedule, w, opts.strictWidth ?? false),
  ];
}

/** The text report of one run. */
export function formatRecordText(rec: RunRecord, opts: TextOptions = {}): string {
  const w = opts.width ?? 100;
  const tr = opts.transliterate ?? same;
  const r = rec.result;
  const out = header(rec, w, tr);
  const headline = verdictHeadline(r);
  out.push(...(opts.strictWidth ? field('verdict', headline, w, tr) : [pad('verdict:', LABEL) + tr(headline)]));
  if (r.verdict === 'violation') out.push(...wrap(tr(r.message), w - LABEL).map((l) => ' '.repeat(LABEL) + l));
  out.push(...field('expected', expectationLine(rec), w, tr));
  if (rec.only) out.push(...field('checked', `only ${rec.only.join(', ')} (no other invariant was checked)`, w, tr));
  if (r.verdict === 'violation') {
    out.push('', ...traceBlock(rec, r.trace, r.schedule, opts));
    out.push('', ...wrap(`searched ${r.stats.states} states, ${r.stats.transitions} transitions, depth ${r.stats.depth}${fingerprintWords(r.stats)}`, w));
  }
  return out.join('\n') + '\n';
}

/** The text report of several runs, separated by a blank line. */
export function formatText(records: readonly RunRecord[], opts: TextOptions = {}): string {
  return records.map((r) => formatRecordText(r, opts)).join('\n');
}

/** The text report of a replay: the same header and trace block as a run. */
export function formatReplayText(rec: ReplayRecord, opts: TextOptions = {}): string {
  const w = opts.width ?? 100;
  const tr = opts.transliterate ?? same;
  const { trace, schedule, violation: v } = rec.replay;
  const out = header(rec, w, tr);
  out.push(...field('replayed', `${trace.length} step${trace.length === 1 ? '' : 's'} of schedule ${schedule || '(empty)'}`, w, tr));
  if (v) {
    out.push(...field('verdict', `VIOLATION of ${v.invariant} (${kindName(v.kind)}) at step ${v.atStep}`, w, tr));
    out.push(...wrap(tr(v.message), w - LABEL).map((l) => ' '.repeat(LABEL) + l));
  } else {
    out.push(...field('verdict', 'no violation along this schedule (a replay checks this one interleaving only)', w, tr));
  }
  out.push('', ...traceBlock(rec, trace, schedule, opts));
  return out.join('\n') + '\n';
}

/** How the states were stored, as SPIN reports its hash factor: `; 64-bit fingerprints, P(collision) <= 4.1e-9` (`--exact` rules it out). */
export function fingerprintWords(stats: Stats): string {
  const fp = stats.fingerprint;
  if (!fp) return '';
  const sym = fp.symmetricThreads === undefined ? '' : fp.symmetricThreads > 0 ? `; symmetry over ${fp.symmetricThreads} interchangeable threads` : '; symmetry: no interchangeable threads';
  const por = (fp.porReduced ?? 0) > 0 ? `; partial-order reduction: ${fp.porReduced} states expanded through one thread` : '';
  const first = fp.porFirst ? `; --por met it at ${fp.porFirst.steps} steps (${fp.porFirst.states} states): searched again without it for the shortest` : '';
  const workers = fp.workers === undefined ? '' : `; ${fp.workers} workers`;
  if (fp.kind === 'exact') return `; whole states stored (--exact): no collision possible${sym}${por}${first}${workers}`;
  return `; 64-bit fingerprints, P(collision) <= ${fp.collisionProbability.toExponential(1)}${sym}${por}${first}${workers}`;
}
