/**
 * The recorded equivalent mutants: scenarios/equivalent-mutants.json maps a
 * mutant id (as `movcheck mutants` prints it) to one line a reviewer can
 * check, saying why no scenario can kill it. Found next to movcheck's
 * package.json (a checkout or an installed package), or given with
 * `--equivalents FILE`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, firstLine } from '../errors.ts';
import type { Io } from '../io.ts';

/** Where the shipped file lives, relative to movcheck's package root. */
export const EQUIVALENTS_FILE = 'scenarios/equivalent-mutants.json';

/** The shipped file's path, found by walking up from this module to movcheck's package.json; null when absent. */
export function shippedEquivalents(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'movcheck') {
          const f = join(dir, EQUIVALENTS_FILE);
          return existsSync(f) ? f : null;
        }
      } catch {
        // not ours: look further up
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

/** Parses the text of an equivalents file (`{"<mutant id>": "<reason>", ...}`; keys starting with `$` are comments). */
export function parseEquivalents(text: string, where: string): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where} is not valid JSON: ${firstLine(e)}; fix the file`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`${where} must be a JSON object {"<mutant id>": "<reason>"}; fix the file`);
  }
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (k.startsWith('$')) continue;
    if (!k.includes('~')) throw new UsageError(`${where}: '${k}' is not a mutant id (<version>~<kind>@<fn>/<step>/<what>); fix the file`);
    if (typeof v !== 'string' || v.trim() === '' || v.includes('\n')) {
      throw new UsageError(`${where}: the reason for '${k}' must be one non-empty line; fix the file`);
    }
    out.set(k, v.trim());
  }
  return out;
}

/** Reads the equivalents: `path` (resolved against the working directory) or the shipped file (none: empty). */
export function readEquivalents(path: string | null, io: Io): Map<string, string> {
  const file = path === null ? shippedEquivalents() : resolve(io.cwd, path);
  if (file === null) return new Map();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --equivalents '${path}': ${firstLine(e)}; give a readable JSON file`);
  }
  return parseEquivalents(text, path ?? EQUIVALENTS_FILE);
}
