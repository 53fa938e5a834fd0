/** JUnit XML and the gate's matrix and Markdown summary. */
import test from 'ava';
import { formatGateSummaryMd } from '../../reports/gate-md.ts';
import { formatJunit, xmlEscape } from '../../reports/junit.ts';
import { formatGateMatrix } from '../../reports/matrix.ts';
import { TRACE, incomplete, pass, rerun, violation } from './_records.ts';
import { xmlElements } from './_xml.ts';

const RECS = [
  violation(TRACE),
  pass({ protocol: 'v4.8' }),
  violation(TRACE, { id: 'odd <&"\'> id', protocol: 'v3', expected: { verdict: 'pass', why: null }, message: 'bad <page> & "flags"\u0001' }),
  incomplete({ id: 'slow', protocol: 'v4.8' }),
];

test('xmlEscape escapes markup and drops characters XML forbids', (t) => {
  t.is(xmlEscape(`<a href="x">&'</a>\u0000\u0008\t`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\t');
});

test('JUnit: well-formed, one testcase per pair, a failure per mismatch', (t) => {
  const xml = formatJunit(RECS);
  const names = xmlElements(xml);
  t.deepEqual(names.slice(0, 2), ['testsuites', 'testsuite']);
  t.is(names.filter((n) => n === 'testcase').length, 4);
  t.is(names.filter((n) => n === 'failure').length, 2);
  t.regex(xml, /<testsuites name="movcheck" tests="4" failures="2" errors="0">/);
  t.regex(xml, /<testcase classname="odd &lt;&amp;&quot;&apos;&gt; id" name="v3">/);
  t.regex(xml, /<failure message="expected pass, got violation of no-double-isolation" type="mismatch">/);
  t.regex(xml, /<failure message="expected violation of no-double-isolation, got incomplete \(a bound was hit\)" type="mismatch">/);
  t.regex(xml, /bad &lt;page&gt; &amp; &quot;flags&quot;/);
  t.notRegex(xml, /time=/, 'no timing');
  t.is(xml, formatJunit(rerun(RECS)), 'deterministic: another run (other seconds) gives the same XML');
  t.deepEqual(xmlElements(formatJunit([])), ['testsuites', 'testsuite']);
});

test('matrix: rows scenarios, columns versions, marks on mismatches, gate line', (t) => {
  const out = formatGateMatrix(RECS);
  const lines = out.trimEnd().split('\n');
  t.regex(lines[0]!, /^scenario +v3 +v4\.8$/);
  t.regex(out, /^r6-putback-unlocked +✗ no-double-isolation +pass$/m);
  t.regex(out, /^odd <&"'> id +✗ no-double-isolation \* +-$/m);
  t.regex(out, /^slow +- +incomplete \*$/m);
  t.regex(out, /^ {2}odd <&"'> id under v3: expected pass, got violation of no-double-isolation \(movcheck replay 'odd <&"'\\''> id' --protocol v3 --schedule 000001a\)$/m);
  t.is(lines.at(-1), 'gate: 2/4 match');
  t.is(formatGateMatrix([]), 'no scenario×version pairs to check\n\ngate: 0/0 match\n');
});

test('Markdown summary: the matrix as the terminal shows it, catalog table then mutant table, then the mismatches', (t) => {
  const md = formatGateSummaryMd([...RECS, violation(TRACE, { protocol: 'v3~no-lock' })]);
  t.is(
    md,
    [
      '',
      '## movcheck gate: 3/5 match ❌',
      '',
      '| scenario | v3 | v4.8 |',
      '|---|---|---|',
      '| r6-putback-unlocked | ✗ no-double-isolation | pass |',
      `| odd \\<&"'\\> id | ❌ **✗ no-double-isolation** (expected pass) | - |`,
      '| slow | - | ❌ **incomplete** (expected ✗ no-double-isolation) |',
      '',
      '| scenario (mutant: must fail) | mutant version | verdict |',
      '|---|---|---|',
      '| r6-putback-unlocked | v3~no-lock | ✗ no-double-isolation |',
      '',
      'Does not match the expectation:',
      '',
      `- odd \\<&"'\\> id under v3: expected pass, got violation of no-double-isolation (movcheck replay 'odd \\<&"'\\\\''\\> id' --protocol v3 --schedule 000001a)`,
      '- slow under v4.8: expected violation of no-double-isolation, got incomplete (max-states 42 hit after 42 states)',
      '',
      '',
    ].join('\n'),
  );
  t.is(formatGateSummaryMd([]), '\n## movcheck gate: 0/0 match ✅\n\n');
});
