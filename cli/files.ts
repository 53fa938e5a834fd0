/**
 * What the CLI checks of the paths it is given before doing any work: a file
 * to read must be a regular file (a directory or a FIFO is named as such:
 * reading a FIFO would block), and an output file or directory must be
 * writable (an existing file, pipe or directory with write access, or a path
 * whose nearest existing ancestor is a writable directory), so a bad
 * `--junit`, `--md` or `--out` is reported before any search, not after.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** The stat of a path, or null when nothing is there. */
function statOf(abs: string): Stats | null {
  try {
    return statSync(abs);
  } catch {
    return null;
  }
}

/** What a non-regular file is, in words (`a directory`, `a FIFO (named pipe)`, ...). */
function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Null when `abs` is a regular file to read; else why not (`no such file`, `it is a directory, not a file`, ...). */
export function notARegularFile(abs: string): string | null {
  const st = statOf(abs);
  if (st === null) return 'no such file';
  if (st.isFile()) return null;
  return `it is ${kindOf(st)}, not a regular file`;
}

/** True when the process may write into `abs`. */
function writable(abs: string): boolean {
  try {
    accessSync(abs, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a new entry cannot be created at `abs` (its nearest existing ancestor must be a writable directory), or null. */
function cannotCreate(abs: string): string | null {
  for (let dir = dirname(abs); ; dir = dirname(dir)) {
    const st = statOf(dir);
    if (st !== null) {
      if (!st.isDirectory()) return `'${dir}' is ${kindOf(st)}, so nothing can be created below it`;
      if (!writable(dir)) return `the directory '${dir}' is not writable`;
      return null;
    }
    if (dirname(dir) === dir) return `no directory of '${abs}' exists`;
  }
}

/**
 * Null when a file may be written at `abs`; else why not. A FIFO or a device
 * (`/dev/stdout`, a shell's `>(...)`) is fine to write; a directory is not.
 */
export function cannotWriteFile(abs: string): string | null {
  const st = statOf(abs);
  if (st === null) return cannotCreate(abs);
  if (st.isDirectory()) return 'it is a directory, not a file';
  return writable(abs) ? null : 'it is not writable';
}

/** Null when `abs` is (or can be created as) a writable directory; else why not. */
export function cannotWriteDir(abs: string): string | null {
  const st = statOf(abs);
  if (st === null) return cannotCreate(abs);
  if (!st.isDirectory()) return `it is ${kindOf(st)}, not a directory`;
  return writable(abs) ? null : 'the directory is not writable';
}
