/**
 * `--format email` is transliterated to ASCII before it is wrapped: every
 * counterexample of the catalog (run and replay) fits 72 columns in plain
 * ASCII from the layout alone, without the safety net's re-wrapping; and a
 * text full of em dashes, which the old order (wrap, then spell `—` as `--`)
 * pushed past 72 columns, stays within them.
 */
import test from 'ava';
import { replay } from '../../checker/index.ts';
import { buildPair, checkPair, pairOnly, planPairs } from '../../cli/check.ts';
import { captureIo } from '../../cli/io.ts';
import { parseArgs } from '../../cli/args.ts';
import { toAscii } from '../../reports/ascii.ts';
import { EMAIL_TEXT_OPTIONS, EMAIL_WIDTH, formatEmail, formatReplayEmail } from '../../reports/email.ts';
import { formatRecordText, formatReplayText } from '../../reports/text.ts';
import { ROOT } from '../cli/_helpers.ts';
import { TRACE, violation } from './_records.ts';

/** The lines of `text` wider than the email width or not plain ASCII. */
function badLines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > EMAIL_WIDTH || !/^[\x20-\x7e]*$/.test(l));
}

test('every catalog counterexample, run and replayed, is ASCII within 72 columns, from the layout alone', async (t) => {
  t.timeout(300_000, 'searches the whole catalog');
  const pairs = await planPairs([], [], null, captureIo(ROOT));
  let n = 0;
  for (const pair of pairs) {
    const only = pairOnly(pair, { strategy: 'bfs' });
    const rec = checkPair(pair, { strategy: 'bfs' }, null, only);
    if (rec.result.verdict !== 'violation') continue;
    n++;
    const what = `${rec.scenario.id} under ${rec.protocol.id}`;
    t.deepEqual(badLines(formatRecordText(rec, EMAIL_TEXT_OPTIONS)), [], what);
    t.deepEqual(badLines(formatEmail([rec])), [], what);
    const rep = { scenario: rec.scenario, protocol: rec.protocol, threadNames: rec.threadNames, replay: replay(buildPair(pair.scenario, pair.protocol, false, undefined, only), rec.result.schedule) };
    t.deepEqual(badLines(formatReplayText(rep, EMAIL_TEXT_OPTIONS)), [], `replay of ${what}`);
    t.deepEqual(badLines(formatReplayEmail(rep)), [], `replay of ${what}`);
  }
  t.true(n > 40, `${n} counterexamples`);
});

test('em dashes are spelt -- before wrapping: no line grows past 72 columns', (t) => {
  const rec = violation(TRACE, { message: 'lock — unlock — '.repeat(20), quote: 'a — b — c — d — e — f — g — h — i — j — k — l — m — n — o — p — q — r' });
  t.deepEqual(badLines(formatRecordText(rec, EMAIL_TEXT_OPTIONS)), []);
  // Wrapped first and spelt after, the same text is too wide: what the email report used to do.
  const late = toAscii(formatRecordText(rec, { ...EMAIL_TEXT_OPTIONS, transliterate: (s) => s }));
  t.true(late.split('\n').some((l) => l.length > EMAIL_WIDTH));
  t.regex(formatEmail([rec]), /^review: {3}R6: "a -- b -- c -- d -- e -- f -- g -- h -- i -- j -- k -- l\n {10}-- m -- n/m);
});

test('a scenario id too long for the replay line goes on a line of its own, still a shell command', (t) => {
  const id = 'r7-unmap-and-move-unlocked-clear~no-movable-check';
  const out = formatEmail([violation(TRACE, { id, protocol: 'v4.8~no-movable-check' })]);
  t.deepEqual(badLines(out), []);
  t.true(
    out.endsWith(
      [
        'replay: movcheck replay \\',
        "    'r7-unmap-and-move-unlocked-clear~no-movable-check' \\",
        "    --protocol 'v4.8~no-movable-check' \\",
        '    --schedule 000001a',
        '',
        'searched 42 states, 99 transitions, depth 7',
        '',
      ].join('\n'),
    ),
    out,
  );
});

test('a long --only list wraps into repeated --only options, each within 72 columns, that parse back to the same list', (t) => {
  const only = ['no-null-deref', 'no-false-positive-callback', 'no-false-positive-movable', 'no-callback-after-release', 'no-lost-flag-update', 'page-lock-consistent', 'no-hang'];
  const out = formatEmail([{ ...violation(TRACE, { id: 'r2-lost-wakeup~non-atomic-isolated', protocol: 'v7.0~non-atomic-isolated' }), only }]);
  t.deepEqual(badLines(out), []);
  const at = out.indexOf('replay: movcheck replay');
  const command = out
    .slice(at + 'replay: '.length, out.indexOf('\n\n', at))
    .replace(/ \\\n\s*/g, ' ')
    .split(' ');
  const onlyLines = out.slice(at).split('\n').filter((l) => l.startsWith('    --only '));
  t.true(onlyLines.length >= 2, out);
  const args = parseArgs(command.slice(1).map((w) => w.replace(/^'(.*)'$/, '$1')));
  t.like(args, { command: 'replay', protocol: 'v7.0~non-atomic-isolated', schedule: '000001a' });
  t.deepEqual(args.command === 'replay' ? args.only : null, only);
});
