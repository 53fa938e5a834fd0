/**
 * The email report: the text report in plain ASCII with every line at most 72
 * columns (every text is transliterated before it is wrapped), ready to paste
 * into a mailing-list reply. Threads get columns when they fit, else the
 * trace is laid out one step per line
 * (`  3. [C1] isolate_movable_page: trylock_page(page)` and indented changes).
 */
import { toAscii } from './ascii.ts';
import { wrap } from './layout.ts';
import type { ReplayRecord, RunRecord } from './record.ts';
import { formatRecordText, formatReplayText, type TextOptions } from './text.ts';

/** The widest line of an email report. */
export const EMAIL_WIDTH = 72;

/** Layout of the email report: every text transliterated to ASCII before it is wrapped, so `—` (spelt `--`) is measured as two columns. */
export const EMAIL_TEXT_OPTIONS: TextOptions = { width: EMAIL_WIDTH, layout: 'auto', arrow: '-> ', strictWidth: true, transliterate: toAscii };

/** Makes `text` ASCII and re-wraps any line still wider than the limit (a safety net: the layout already wraps ASCII text within it). */
function finish(text: string): string {
  return toAscii(text)
    .split('\n')
    .flatMap((l) => {
      if (l.length <= EMAIL_WIDTH) return [l];
      const ind = /^ */.exec(l)?.[0].length ?? 0;
      return wrap(l.trim(), EMAIL_WIDTH - ind, 2).map((x) => ' '.repeat(ind) + x);
    })
    .join('\n');
}

/** The email report of several runs. */
export function formatEmail(records: readonly RunRecord[]): string {
  return finish(records.map((r) => formatRecordText(r, EMAIL_TEXT_OPTIONS)).join('\n'));
}

/** The email report of a replay. */
export function formatReplayEmail(rec: ReplayRecord): string {
  return finish(formatReplayText(rec, EMAIL_TEXT_OPTIONS));
}
