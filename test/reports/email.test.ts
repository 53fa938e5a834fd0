/** The email report: plain ASCII, at most 72 columns, columns only when they fit, replay command that still parses. */
import test from 'ava';
import { parseSchedule } from '../../checker/index.ts';
import { formatEmail, EMAIL_WIDTH } from '../../reports/email.ts';
import { toAscii } from '../../reports/ascii.ts';
import { TRACE, incomplete, pass, step, violation } from './_records.ts';

const check = (t: import('ava').ExecutionContext, text: string) => {
  for (const line of text.split('\n')) {
    t.true(line.length <= EMAIL_WIDTH, `${line.length}: ${line}`);
    t.regex(line, /^[\x20-\x7e]*$/, line);
  }
};

test('ASCII and 72 columns, with typographic quotes, arrows and long words in the input', (t) => {
  const long = step(7, 1, 'a_very_long_kernel_function_name_that_goes_on_and_on_and_on_forever', 'x', ['state → ' + 'y'.repeat(100)]);
  const out = formatEmail([violation([...TRACE, long], { message: 'a “long” message — ' + 'word '.repeat(40) }), pass(), incomplete()]);
  check(t, out);
  t.regex(out, /^review: {3}R6: "Couldn't a parallel compaction isolate the same page --\n {10}"twice"\?"$/m);
  t.regex(out, /^verdict: {2}INCOMPLETE: max-states 42 hit after 42 states -- no violation\n {10}found so far, this is NOT a pass$/m);
});

test('two threads in columns, more threads one step per line', (t) => {
  const two = formatEmail([violation(TRACE)]);
  t.regex(two, /^# \| C0 +\| C1$/m);
  const names = ['C0', 'C1', 'C2', 'D'];
  const four = formatEmail([violation([...TRACE, step(7, 3, 'zs_page_migrate', 'ClearPageIsolated(page)', ['page0.flags -PG_isolated'])], { threads: names })]);
  check(t, four);
  t.regex(four, /^1\. \[C0\] isolate_movable_page: get_page_unless_zero\(page\)$/m);
  t.regex(four, /^ {5}-> page0\.refcount 1 -> 2$/m);
  t.regex(four, /^7\. \[D\] zs_page_migrate: ClearPageIsolated\(page\)$/m);
});

test('a long replay command is broken over lines and the schedule still parses', (t) => {
  const schedule = '0123a'.repeat(40);
  const out = formatEmail([violation(TRACE, { schedule, id: 'r6-a-scenario-with-a-rather-long-identifier', protocol: 'v3-reviewed' })]);
  check(t, out);
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith('replay: '));
  t.is(lines[i], 'replay: movcheck replay r6-a-scenario-with-a-rather-long-identifier \\');
  t.is(lines[i + 1], '    --protocol v3-reviewed \\');
  const rest = lines.slice(i + 2);
  const end = rest.findIndex((l) => l.endsWith("'"));
  const quoted = rest.slice(0, end + 1).join('\n');
  const m = /^ {4}--schedule '([\s\S]*)'$/.exec(quoted);
  t.truthy(m);
  t.is(parseSchedule(m![1]!).map((x) => x.text).join(''), schedule);
});

test('toAscii keeps ASCII, spells common symbols, replaces the rest', (t) => {
  t.is(toAscii('a — b – c “d” ‘e’ … → ✗ ≠ ×'), 'a -- b - c "d" \'e\' ... -> X != x');
  t.is(toAscii('tab\there é 漢'), 'tab    here ? ?');
  t.is(toAscii('plain ASCII ~!@#$%^&*()'), 'plain ASCII ~!@#$%^&*()');
});
