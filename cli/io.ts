/**
 * Where the CLI writes and what it may read of its environment, passed in so
 * that tests can run `main` in-process and capture its output.
 */
import { processProgress, progressStyle, type ProgressSink, type ProgressStyle } from '../checker/progress.ts';
import { wantColour } from './colour.ts';

/** The CLI's view of its process. */
export interface Io {
  /** Writes to standard output. */
  out(s: string): void;
  /** Writes to standard error. */
  err(s: string): void;
  /** Directory that relative paths are resolved against. */
  readonly cwd: string;
  /** Environment variables (`MOVCHECK_DEBUG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress sink for long `run`s, or null for none. */
  readonly progress: ProgressSink | null;
  /** How `progress` prints: whole lines (MOVCHECK_PROGRESS) are not overwritten, so callers write no line-clearing codes. Default: one overwritten line. */
  readonly progressStyle?: ProgressStyle | null;
  /** Colour verdicts in text output (a TTY without NO_COLOR). */
  readonly colour?: boolean;
  /**
   * Run searching commands in a worker thread that a watchdog can stop (a
   * step that never returns, --time-limit within a second): cli/worker/.
   * The real process does; in-process callers (tests) may.
   */
  readonly isolate?: boolean;
}

/** The real process: stdout, stderr, cwd, env, and progress on a TTY stderr (or in lines, with MOVCHECK_PROGRESS). */
export function processIo(): Io {
  const style = progressStyle(process.env, process.stderr.isTTY === true);
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    progress: processProgress(style) ?? null,
    progressStyle: style,
    colour: wantColour(process.stdout.isTTY, process.env),
    isolate: true,
  };
}

/** An Io that records what is written (for tests and embedding). */
export function captureIo(cwd = process.cwd(), env: Record<string, string | undefined> = {}): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(s: string) {
      io.stdout += s;
    },
    err(s: string) {
      io.stderr += s;
    },
    cwd,
    env,
    progress: null,
  };
  return io;
}

/** Text that clears an overwritten progress line before other output: none when progress prints whole lines, or not at all. */
export function progressClear(io: Io): string {
  return io.progress && io.progressStyle?.lines !== true ? '\r\x1b[K' : '';
}
