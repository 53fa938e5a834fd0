/**
 * Files the CLI writes (JUnit, Markdown summary, report pages): checked before
 * any search, paths resolved against the working directory, parent
 * directories created, and any failure turned into a one-line UsageError.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, firstLine } from './errors.ts';
import { cannotWriteDir, cannotWriteFile } from './files.ts';
import type { Io } from './io.ts';

/**
 * Checks, before any work, that an output named on the command line can be
 * written: `option` is how the user named it (e.g. `--junit`). UsageError otherwise.
 */
export function checkOutput(io: Io, option: string, path: string, kind: 'file' | 'dir'): void {
  const abs = resolve(io.cwd, path);
  const problem = kind === 'file' ? cannotWriteFile(abs) : cannotWriteDir(abs);
  if (problem !== null) throw new UsageError(`cannot write ${option} '${path}': ${problem}; give a writable ${kind === 'file' ? 'file path' : 'directory'}`);
}

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
