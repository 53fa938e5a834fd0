/** The text report: header, verdict wording, one column per thread, sequential layout, widths. */
import test from 'ava';
import { formatRecordText, formatText, traceBlock } from '../../reports/text.ts';
import { TRACE, incomplete, pass, rerun, step, violation } from './_records.ts';

test('header: scenario, protocol, review quote, verdict, message, expectation', (t) => {
  const out = formatRecordText(violation(TRACE));
  const lines = out.split('\n');
  t.is(lines[0], 'r6-putback-unlocked — putback_movable_pages clears PG_movable without lock_page');
  t.is(lines[1], 'protocol: v3 — As posted (v3, 2016)');
  t.is(lines[2], 'review:   R6: "Couldn’t a parallel compaction isolate the same page — “twice”?"');
  t.is(lines[3], 'verdict:  VIOLATION of no-double-isolation (state invariant)');
  t.is(lines[4], '          page 0 is isolated by C0 and by C1 at once');
  t.is(lines[5], 'expected: violation of no-double-isolation (matches) — the race Vlastimil describes');
  t.true(out.endsWith('\n'));
});

test('columns: one per thread, each step in its thread column, changes under it', (t) => {
  const lines = formatRecordText(violation(TRACE)).split('\n');
  const head = lines.findIndex((l) => l.startsWith('# | '));
  t.true(head > 0);
  t.regex(lines[head]!, /^# \| C0 +\| C1$/);
  const c1 = lines[head]!.indexOf('C1');
  const row6 = lines.find((l) => l.startsWith('6 |'))!;
  t.is(row6.indexOf('isolate_movable_page'), c1, 'thread 1 steps sit in the C1 column');
  const r1 = lines.findIndex((l) => l.startsWith('1 |'));
  const w = lines[r1]!.length;
  t.is(lines[r1], '1 | isolate_movable_page:'.padEnd(w - 1) + '|');
  t.is(lines[r1 + 1], '  |   get_page_unless_zero(page)'.padEnd(w - 1) + '|', 'the statement wraps under its function');
  t.is(lines[r1 + 2], '  | → page0.refcount 1 → 2'.padEnd(w - 1) + '|');
  t.true(lines.some((l) => /^ {2}\| +\| .*\[movable\]$/.test(l)), 'branch shown');
  for (const l of lines.slice(head)) if (!l.startsWith('replay:')) t.true([...l].length <= 100, l);
});

test('columns: long statements wrap inside their column; many threads widen the table', (t) => {
  const lines = traceBlock({ scenario: violation([]).scenario, protocol: violation([]).protocol, threadNames: ['C0', 'C1'] }, TRACE, '000001', { width: 60 });
  const row5 = lines.findIndex((l) => l.startsWith('5 |'));
  t.regex(lines[row5]!, /^5 \| putback_movable_pages:/);
  t.regex(lines[row5 + 1]!, /^ {2}\| {3}\S/, 'continuation indented by 2 in the column');
  for (const l of lines.slice(1, -1)) t.true([...l].length <= 60, l);
  const names = Array.from({ length: 8 }, (_, i) => `C${i}`);
  const wide = traceBlock({ ...violation([]), threadNames: names }, [step(1, 7, 'f', 'x = 1')], '7', { width: 60 });
  t.regex(wide[1]!, /^# \| C0 +\| C1 .*\| C7$/);
  t.true(wide[1]!.length > 60, 'columns keep a minimum width');
});

test('sequential layout: one numbered line per step naming the thread, changes indented', (t) => {
  const lines = traceBlock(violation(TRACE), TRACE, '000001', { layout: 'sequential', width: 72 });
  t.is(lines[0], 'trace (6 steps):');
  t.is(lines[1], '1. [C0] isolate_movable_page: get_page_unless_zero(page)');
  t.is(lines[2], '     → page0.refcount 1 → 2');
  t.true(lines.includes('6. [C1] isolate_movable_page: if (!PageMovable(page) ||'));
  t.is(lines.at(-1), 'replay: movcheck replay r6-putback-unlocked --protocol v3 --schedule 000001');
});

test('pass: states, transitions, depth; no trace', (t) => {
  const out = formatRecordText(pass());
  t.regex(out, /^verdict: {2}PASS: every interleaving checked \(42 states, 99 transitions, depth 7\)$/m);
  t.regex(out, /^expected: pass \(matches\)$/m);
  t.notRegex(out, /trace \(/);
});

test('incomplete: the bound, the limit, and never a pass', (t) => {
  const out = formatRecordText(incomplete());
  t.regex(out, /^verdict: {2}INCOMPLETE: max-states 42 hit after 42 states — no violation found so far, this is NOT a pass$/m);
  t.regex(out, /^expected: violation of no-double-isolation \(undecided: the search was cut short\)/m);
  t.notRegex(out, /PASS/);
});

test('mismatch and missing expectation are spelled out', (t) => {
  t.regex(formatRecordText(violation(TRACE, { expected: { verdict: 'pass', why: null } })), /^expected: pass \(DOES NOT MATCH\)$/m);
  t.regex(formatRecordText(violation(TRACE, { expected: null, quote: null })), /^expected: none for this version$/m);
  t.notRegex(formatRecordText(violation(TRACE, { quote: null })), /^review:/m);
});

test('several records are separated by a blank line; output is deterministic', (t) => {
  const recs = [violation(TRACE), pass({ protocol: 'v4.8' })];
  const out = formatText(recs);
  t.regex(out, /\n\nr6-putback-unlocked — .*\nprotocol: v4\.8/);
  t.is(out, formatText(rerun(recs)), 'another run (other seconds) gives the same text');
});
