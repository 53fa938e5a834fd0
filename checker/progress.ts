/**
 * Progress of a long exploration: states, states per second, depth and
 * frontier size, on stderr. On a terminal one line is overwritten at most once
 * a second; elsewhere nothing is printed (logs and CI output stay clean and
 * deterministic) unless MOVCHECK_PROGRESS=SECONDS asks for a whole line every
 * SECONDS (a long run under nohup or in CI, where silence for half an hour
 * cannot be told from a hang).
 */

/** A snapshot of the search for progress reporting. */
export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  readonly seconds: number;
}

/** Called by the explorer; decides itself whether to print. */
export type ProgressSink = (p: Progress) => void;

/** How progress is shown: one overwritten line (a terminal), or whole lines (`lines`), at most once every `everyMs`. */
export interface ProgressStyle {
  readonly lines: boolean;
  readonly everyMs: number;
}

/** The style a process gets: whole lines every MOVCHECK_PROGRESS seconds when set (a number above 0), else one overwritten line on a terminal, else none. */
export function progressStyle(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): ProgressStyle | null {
  // Unset is NaN and empty is 0: neither asks for lines.
  const every = Number(env.MOVCHECK_PROGRESS);
  if (Number.isFinite(every) && every > 0) return { lines: true, everyMs: every * 1000 };
  return isTTY ? { lines: false, everyMs: 1000 } : null;
}

/** The text of one report: `[movcheck] 1234 states, 617/s, depth 9, queue 80, 2.0s`. */
export function progressText(p: Progress): string {
  const rate = p.seconds > 0 ? Math.round(p.states / p.seconds) : 0;
  return `[movcheck] ${p.states} states, ${rate}/s, depth ${p.depth}, queue ${p.frontier}, ${p.seconds.toFixed(1)}s`;
}

/** A sink in `style` that hands its text to `write` (a line ending in a newline, or a carriage return and the line). */
export function progressSink(style: ProgressStyle, write: (s: string) => void): ProgressSink {
  let last = 0;
  return (p) => {
    const ms = p.seconds * 1000;
    if (ms - last < style.everyMs) return;
    last = ms;
    write(style.lines ? `${progressText(p)}\n` : `\r${progressText(p)}   `);
  };
}

/** A sink on this process's stderr in `style` (by default what its environment and stderr ask for: progressStyle), or undefined for none. */
export function processProgress(style = progressStyle(process.env, process.stderr.isTTY === true)): ProgressSink | undefined {
  return style ? progressSink(style, (s) => void process.stderr.write(s)) : undefined;
}
