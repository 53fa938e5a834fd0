/**
 * Plain-ASCII transliteration for mailing-list output: typographic characters
 * get their usual ASCII spelling, anything else outside ASCII becomes `?`.
 */

const MAP: Readonly<Record<string, string>> = {
  '—': '--',
  '–': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '→': '->',
  '←': '<-',
  '⇒': '=>',
  '≠': '!=',
  '≤': '<=',
  '≥': '>=',
  '×': 'x',
  '✗': 'X',
  '✓': 'ok',
  '·': '*',
  '•': '*',
  '│': '|',
  '─': '-',
  '\u00a0': ' ',
};

/** Returns `s` with every non-ASCII character replaced by an ASCII spelling (or `?`). Tabs become spaces. */
export function toAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\t') out += '    ';
    else if (ch === '\n' || (c >= 0x20 && c < 0x7f)) out += ch;
    else if (c < 0x20 || c === 0x7f) out += ' ';
    else out += MAP[ch] ?? '?';
  }
  return out;
}
