/**
 * Progress of a long exploration: states, states per second, depth and
 * frontier size, printed to stderr at most once a second, and only when stderr
 * is a terminal (so logs and CI output stay clean and deterministic).
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

/** A sink that writes one overwritten line to a TTY stderr, at most once per `intervalMs`. */
export function terminalProgress(intervalMs = 1000): ProgressSink | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const ms = p.seconds * 1000;
    if (ms - last < intervalMs) return;
    last = ms;
    const rate = p.seconds > 0 ? Math.round(p.states / p.seconds) : 0;
    process.stderr.write(
      `\r[movcheck] ${p.states} states, ${rate}/s, depth ${p.depth}, queue ${p.frontier}, ${p.seconds.toFixed(1)}s   `,
    );
  };
}
