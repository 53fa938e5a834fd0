/**
 * A counterexample as a Mermaid sequence diagram: one participant per thread
 * plus `Page` (the shared state), one arrow per step that changed the state
 * (with what changed as a note over `Page`) and one note per step that did not,
 * and a closing note with the verdict.
 */
import type { TraceStep } from '../checker/index.ts';
import { threadCount, threadName, type RunRecord } from './record.ts';
import { kindName } from './wording.ts';

const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  ';': '#59;',
  '"': '#quot;',
  "'": '#39;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '{': '#123;',
  '}': '#125;',
};

/** Escapes text for a Mermaid message or note: entity codes for characters its parser dislikes, one line. */
export function mermaidText(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[#;"'<>`{}]/g, (c) => ENTITIES[c] ?? c);
}

/** The diagram lines (without the code fence) of a trace. */
export function sequenceLines(
  names: readonly string[],
  trace: readonly TraceStep[],
  closing: string | null,
): string[] {
  const n = threadCount(names, trace);
  const out = ['sequenceDiagram'];
  for (let t = 0; t < n; t++) out.push(`  participant T${t} as ${mermaidText(threadName(names, t))}`);
  out.push('  participant Page');
  for (const s of trace) {
    const what = mermaidText(`${s.index}. ${s.src.fn}: ${s.src.code}${s.branch === undefined ? '' : ` [${s.branch}]`}`);
    if (s.summary.length > 0 || s.changes.length > 0) {
      out.push(`  T${s.thread}->>Page: ${what}`);
      const lines = s.summary.length > 0 ? s.summary : ['(state changed)'];
      out.push(`  Note over Page: ${lines.map(mermaidText).join('<br/>')}`);
    } else {
      out.push(`  Note over T${s.thread}: ${what}`);
    }
  }
  if (closing !== null) out.push(`  Note over T0,Page: ${mermaidText(closing)}`);
  return out;
}

/** The ```mermaid block of one result. */
export function mermaidBlock(rec: RunRecord): string {
  const r = rec.result;
  let trace: readonly TraceStep[] = [];
  let closing: string;
  if (r.verdict === 'violation') {
    trace = r.trace;
    closing = `✗ ${r.invariant} (${kindName(r.kind)}): ${r.message}`;
  } else if (r.verdict === 'pass') {
    closing = `pass: every interleaving checked (${r.stats.states} states)`;
  } else {
    closing = `incomplete: ${r.bound} ${r.limit} hit after ${r.stats.states} states, NOT a pass`;
  }
  return ['```mermaid', ...sequenceLines(rec.threadNames, trace, closing), '```', ''].join('\n');
}
