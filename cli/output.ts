/**
 * Files the CLI writes (JUnit, Markdown summary, report pages): paths resolved
 * against the working directory, parent directories created, and any failure
 * turned into a one-line UsageError.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, firstLine } from './errors.ts';
import type { Io } from './io.ts';

/** Writes (or appends) an output file named on the command line; UsageError when it cannot. */
export function writeOutput(io: Io, path: string, content: string, append = false): void {
  const abs = resolve(io.cwd, path);
  try {
    mkdirSync(dirname(abs), { recursive: true });
    if (append) appendFileSync(abs, content);
    else writeFileSync(abs, content);
  } catch (e) {
    throw new UsageError(`cannot write '${path}': ${firstLine(e)}; give a writable path`, { cause: e });
  }
}
