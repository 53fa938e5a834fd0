/**
 * Plain-text layout helpers shared by the text and email formatters: display
 * width (in code points), padding, and word wrapping with a hanging indent.
 */

/** Display width of `s`, counted in code points. */
export function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Pads `s` with spaces on the right to `w` columns. */
export function pad(s: string, w: number): string {
  const n = width(s);
  return n >= w ? s : s + ' '.repeat(w - n);
}

/** Pads `s` with spaces on the left to `w` columns. */
export function padLeft(s: string, w: number): string {
  const n = width(s);
  return n >= w ? s : ' '.repeat(w - n) + s;
}

/**
/** Where to cut a word too long for `room` columns: after punctuation in its second half if any, else at `room`. */
function breakAt(cps: readonly string[], room: number): number {
  for (let i = room; i > room / 2; i--) if (',(>&|=;'.includes(cps[i - 1] ?? '')) return i;
  return room;
}

/**
 * Wraps `text` into lines of at most `w` columns, breaking at whitespace (runs
 * of which collapse to one space) and breaking words longer than a line (after punctuation such as `,` `(` `->` when possible).
 * Lines after the first start with `indent` spaces. Never returns an empty array.
 */
export function wrap(text: string, w: number, indent = 0): string[] {
  const max = Math.max(1, w);
  const ind = Math.min(Math.max(0, indent), max - 1);
  const lines: string[] = [];
  let cur: string[] = [];
  let curW = 0;
  const room = () => (lines.length === 0 ? max : max - ind);
  const push = () => {
    lines.push((lines.length === 0 ? '' : ' '.repeat(ind)) + cur.join(' '));
    cur = [];
    curW = 0;
  };
  for (let word of text.split(/\s+/).filter((x) => x.length > 0)) {
    const ww = width(word);
    if (curW > 0 && curW + 1 + ww <= room()) {
      cur.push(word);
      curW += 1 + ww;
      continue;
    }
    if (curW > 0) push();
    while (width(word) > room()) {
      const cps = [...word];
      const r = breakAt(cps, room());
      cur = [cps.slice(0, r).join('')];
      push();
      word = cps.slice(r).join('');
    }
    if (word.length > 0) {
      cur = [word];
      curW = width(word);
    }
  }
  if (cur.length > 0 || lines.length === 0) push();
  return lines;
}
