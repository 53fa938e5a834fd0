/**
 * The one error class of bad input: the CLI's top-level catch prints its
 * message as a single `movcheck: ...` line and exits with status 2.
 */

/**
 * Bad usage or input. The message reads `<what is wrong>; <what is valid / how
 * to fix>`, on one line, without the `movcheck:` prefix.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The first line of an error's message (for one-line reports of foreign errors). */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n').find((l) => l.trim().length > 0) ?? '').trim() || 'unknown error';
}
