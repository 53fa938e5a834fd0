/**
 * Schedule strings (shuttle-style): one printable token per step choice. A
 * token is the thread's digit (0-9, then A-Z) followed, for a nondeterministic
 * step, by the branch letter (a, b, c, ...). Example: `01a10` = thread 0, thread 1
 * taking branch a, thread 1, thread 0.
 */
import type { Action } from './model.ts';

const THREADS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BRANCHES = 'abcdefghijklmnopqrstuvwxyz';

/** The most threads a schedule string can name. */
export const MAX_THREADS = THREADS.length;

/** Token of one action. */
export function tokenOf(a: Action): string {
  const t = THREADS[a.thread];
  if (t === undefined) throw new RangeError(`schedule: thread ${a.thread} has no token (at most ${MAX_THREADS} threads)`);
  if (a.choices <= 1) return t;
  const b = BRANCHES[a.choice];
  if (b === undefined) throw new RangeError(`schedule: branch ${a.choice} has no token`);
  return t + b;
}

/** A token parsed back: the thread and, if given, the branch index. */
export interface Token {
  readonly text: string;
  readonly thread: number;
  readonly choice: number | null;
}

/**
 * Splits a schedule string into tokens. Whitespace and commas between tokens
 * are ignored. Throws an Error with a one-line message on a malformed string.
 */
export function parseSchedule(schedule: string): Token[] {
  const out: Token[] = [];
  const s = schedule.replace(/[\s,]+/g, '');
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    const thread = THREADS.indexOf(c);
    if (thread < 0) {
      throw new Error(`malformed schedule: character '${c}' at position ${i + 1} is not a thread digit (0-9, A-Z)`);
    }
    i++;
    let choice: number | null = null;
    const n = s[i];
    if (n !== undefined && BRANCHES.includes(n)) {
      choice = BRANCHES.indexOf(n);
      i++;
    }
    out.push({ text: c + (choice === null ? '' : BRANCHES[choice]), thread, choice });
  }
  return out;
}

/** Finds the enabled action a token names, or null. */
export function matchToken(tok: Token, enabled: readonly Action[]): Action | null {
  for (const a of enabled) {
    if (a.thread !== tok.thread) continue;
    if (a.choices <= 1 && tok.choice === null) return a;
    if (a.choices > 1 && tok.choice === a.choice) return a;
  }
  return null;
}
