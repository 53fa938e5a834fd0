/**
 * Colours for verdicts on a terminal, with node:util's styleText: a
 * violation and a mismatch in red, a pass and a match in green, incomplete in
 * yellow. Only when standard output is a TTY and NO_COLOR is unset (or empty)
 * and TERM is not `dumb`; never when piped, so files and tools get plain text.
 * The formatters stay plain: colour is applied to their finished text output.
 */
import { styleText } from 'node:util';

type Style = 'red' | 'green' | 'yellow' | 'bold';

/** Whether to colour: a TTY, no NO_COLOR (https://no-color.org), TERM not dumb. */
export function wantColour(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (!isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/**
 * `s` in `style` (styleText exists from Node 20.12; before that, plain). The
 * caller has decided to colour (wantColour), so styleText is told not to
 * second-guess it from process.stdout (its own check, where Node has one).
 */
function paint(style: Style, s: string): string {
  return typeof styleText === 'function' ? styleText(style, s, { validateStream: false }) : s;
}

/** Colours the verdict words of a text report (`run`, `replay`): the verdict line and the expectation's match. */
export function colourReport(text: string): string {
  return text
    .replace(/^(verdict: +)(VIOLATION|PASS|INCOMPLETE)\b/gm, (_m, lead: string, word: string) =>
      lead + paint(word === 'PASS' ? 'green' : word === 'VIOLATION' ? 'red' : 'yellow', word),
    )
    .replace(/\((matches|DOES NOT MATCH)\b/g, (_m, word: string) => `(${paint(word === 'matches' ? 'green' : 'red', word)}`);
}

/** Colours the gate matrix: `✗ <invariant>` cells red, `pass` green, `incomplete` yellow, mismatch marks and the summary line. */
export function colourMatrix(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (/^gate: \d+\/\d+ match/.test(line)) {
        const [, a, b] = /^gate: (\d+)\/(\d+)/.exec(line) ?? [];
        return paint(a === b ? 'green' : 'red', line);
      }
      if (/^\s*$/.test(line) || line.startsWith('scenario') || line.startsWith('* ') || line.startsWith('  ')) return line;
      return line
        .replace(/✗ [a-z0-9-]+/g, (m) => paint('red', m))
        .replace(/(?<= )pass(?= |$)/g, (m) => paint('green', m))
        .replace(/(?<= )incomplete(?= |$)/g, (m) => paint('yellow', m))
        .replace(/ \*(?= |$)/g, (m) => paint('bold', m));
    })
    .join('\n');
}
