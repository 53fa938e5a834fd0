/**
 * JUnit XML of a gate run, for CI test tabs: one `<testcase classname=scenario
 * name=protocol>` per pair, with a `<failure>` carrying the text report when
 * the verdict does not match the expectation. No timing, so the bytes are stable.
 */
import { actualVerdict, matches, type RunRecord } from './record.ts';
import { formatRecordText } from './text.ts';
import { expectationWords } from './wording.ts';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The failure message of a mismatching record. */
function failureMessage(rec: RunRecord): string {
  const exp = rec.expected === null ? 'no expectation' : `expected ${expectationWords(rec.expected)}`;
  const a = actualVerdict(rec.result);
  const got = a === 'pass' ? 'pass' : a === 'incomplete' ? 'incomplete (a bound was hit)' : `violation of ${a}`;
  return `${exp}, got ${got}`;
}

/** The JUnit XML document of a gate run. */
export function formatJunit(records: readonly RunRecord[], suite = 'movcheck gate'): string {
  const failures = records.filter((r) => matches(r) !== true).length;
  const n = records.length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="movcheck" tests="${n}" failures="${failures}" errors="0">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${n}" failures="${failures}" errors="0" skipped="0">`,
  ];
  for (const r of records) {
    const open = `    <testcase classname="${xmlEscape(r.scenario.id)}" name="${xmlEscape(r.protocol.id)}"`;
    if (matches(r) === true) {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    out.push(`      <failure message="${xmlEscape(failureMessage(r))}" type="mismatch">${xmlEscape(formatRecordText(r))}</failure>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
