/**
 * The Markdown report: per result a heading, the review comment as a quote,
 * the verdict, a Mermaid sequence diagram of the interleaving and a table of
 * its steps, and the replay command. Optionally the text trace too (the files
 * written by `movcheck report` carry it).
 */
import { mermaidBlock } from './mermaid.ts';
import { replayCommand, verdictCell, actualVerdict, type RunRecord } from './record.ts';
import { formatRecordText } from './text.ts';
import { expectationLine, verdictHeadline } from './wording.ts';

/** Options of the Markdown report. */
export interface MarkdownOptions {
  /** Also include the text report in a code block. */
  readonly textTrace?: boolean;
  /** Heading level of each result (default 2). */
  readonly level?: number;
}

/** Escapes text for a Markdown table cell or paragraph. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Inline code, with a fence long enough for backticks in `s`. */
export function mdCode(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A fenced code block that no line of `body` can close. */
export function mdFence(body: string, info = ''): string {
  const runs = body.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${info}\n${body.replace(/\n$/, '')}\n${fence}\n`;
}

/** The Markdown section of one result. */
export function formatMarkdownResult(rec: RunRecord, opts: MarkdownOptions = {}): string {
  const h = '#'.repeat(opts.level ?? 2);
  const r = rec.result;
  const out: string[] = [];
  out.push(`${h} ${mdText(rec.scenario.id)} under ${mdText(rec.protocol.id)}: ${mdText(verdictCell(actualVerdict(r)))}`, '');
  out.push(`**${mdText(rec.scenario.title)}** — protocol ${mdText(rec.protocol.id)}: ${mdText(rec.protocol.title)}`, '');
  if (rec.scenario.review !== null || rec.scenario.quote !== null) {
    out.push(`> **${mdText(rec.scenario.review ?? 'review')}:** ${mdText(rec.scenario.quote ?? '')}`, '');
  }
  out.push(`**Verdict:** ${mdText(verdictHeadline(r))}`, '');
  if (r.verdict === 'violation') out.push(`**Message:** ${mdText(r.message)}`, '');
  out.push(`**Expected:** ${mdText(expectationLine(rec))}`, '');
  out.push(mermaidBlock(rec));
  if (r.verdict === 'violation') {
    out.push('| # | thread | function | statement | changes |', '|---:|---|---|---|---|');
    for (const s of r.trace) {
      const stmt = s.src.code + (s.branch === undefined ? '' : ` [${s.branch}]`);
      const changes = s.summary.map(mdText).join('<br>');
      out.push(`| ${s.index} | ${mdText(s.threadName)} | ${mdCode(s.src.fn)} | ${mdCode(stmt)} | ${changes} |`);
    }
    out.push('', `Replay: ${mdCode(replayCommand(rec, r.schedule))}`, '');
  }
  if (opts.textTrace) out.push(mdFence(formatRecordText(rec), 'text'));
  return out.join('\n');
}

/** The Markdown report of several results. */
export function formatMarkdown(records: readonly RunRecord[], opts: MarkdownOptions = {}): string {
  return records.map((r) => formatMarkdownResult(r, opts)).join('\n');
}
