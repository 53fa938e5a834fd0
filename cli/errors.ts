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

/** The first line of an error's message (with the next one when the first ends in a colon), for one-line reports of foreign errors. */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const lines = msg.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const first = lines[0] ?? 'unknown error';
  // "Transform failed with 1 error:" says nothing without the line after it
  return first.endsWith(':') && lines[1] !== undefined ? `${first} ${lines[1]}` : first;
}
