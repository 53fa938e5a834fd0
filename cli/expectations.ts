/**
 * The gate's expectations file: JSON `{ "<scenario-id>": { "<protocol-id>":
 * "pass" | "<invariant-id>" | {"expect": "pass" | "<invariant-id>", "only":
 * ["<invariant-id>", ...]} } }`. Pairs it does not name keep the scenario's
 * own expectation; `only` checks just those invariants for that pair. Two
 * keys are not scenario ids: `formatVersion` (optional; 1, the only version
 * so far) and `$schema` (optional; a string, for editors: see
 * schemas/expectations.schema.json).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Scenario } from '../scenarios/types.ts';
import type { Expectation } from '../reports/record.ts';
import { UsageError, firstLine } from './errors.ts';
import type { Io } from './io.ts';
import { notARegularFile } from './files.ts';

/** One entry of the file: `pass` or an invariant id, and the invariants to check (absent: all). */
export interface OverrideEntry {
  readonly verdict: string;
  readonly only?: readonly string[];
}

/** The version of the expectations file's shape this movcheck reads. */
export const EXPECTATIONS_FORMAT_VERSION = 1;

/** Expected verdicts by scenario id, then protocol id. */
export type Overrides = ReadonlyMap<string, ReadonlyMap<string, OverrideEntry>>;

const SHAPE =
  'it must be JSON like {"<scenario-id>": {"<protocol-id>": "pass" or "<invariant-id>" or {"expect": "<invariant-id>", "only": ["<invariant-id>"]}}}';

/** Reads and validates an expectations file. */
export function readExpectations(path: string, io: Io): Overrides {
  let text: string;
  const problem = notARegularFile(resolve(io.cwd, path));
  if (problem !== null) throw new UsageError(`cannot read expectations file '${path}': ${problem}; give the path of a JSON file`);
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read expectations file '${path}': ${firstLine(e)}; give the path of a JSON file`, { cause: e });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`expectations file '${path}' is not valid JSON (${firstLine(e)}); ${SHAPE}`, { cause: e });
  }
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(data)) throw new UsageError(`expectations file '${path}' is not a JSON object; ${SHAPE}`);
  const out = new Map<string, Map<string, OverrideEntry>>();
  for (const [sid, per] of Object.entries(data)) {
    if (sid === '$schema') {
      if (typeof per !== 'string') throw new UsageError(`expectations file '${path}': "$schema" must be a string (the schema's URL or path); ${SHAPE}`);
      continue;
    }
    if (sid === 'formatVersion') {
      if (per !== EXPECTATIONS_FORMAT_VERSION) {
        throw new UsageError(`expectations file '${path}': formatVersion ${JSON.stringify(per)} is not one this movcheck reads (${EXPECTATIONS_FORMAT_VERSION}); write "formatVersion": ${EXPECTATIONS_FORMAT_VERSION} or leave it out`);
      }
      continue;
    }
    if (!isObj(per)) throw new UsageError(`expectations file '${path}': the value of '${sid}' is not an object; ${SHAPE}`);
    const m = new Map<string, OverrideEntry>();
    for (const [pid, v] of Object.entries(per)) m.set(pid, readEntry(path, `'${sid}'.'${pid}'`, v));
    out.set(sid, m);
  }
  return out;
}

/** One entry: a string, or {expect, only}. */
function readEntry(path: string, where: string, v: unknown): OverrideEntry {
  const bad = (what: string) => new UsageError(`expectations file '${path}': ${where} ${what}; ${SHAPE}`);
  if (typeof v === 'string') {
    if (v.trim() === '') throw bad('must be "pass" or an invariant id, got ""');
    return { verdict: v.trim() };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`must be "pass" or an invariant id, got ${JSON.stringify(v)}`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'expect' && k !== 'only') throw bad(`has unknown key '${k}' (valid: expect, only)`);
  if (typeof o.expect !== 'string' || o.expect.trim() === '') throw bad(`needs "expect": "pass" or an invariant id, got ${JSON.stringify(o.expect)}`);
  const verdict = o.expect.trim();
  if (o.only === undefined) return { verdict };
  if (!Array.isArray(o.only) || o.only.length === 0 || !o.only.every((x) => typeof x === 'string' && x.trim() !== '')) {
    throw bad(`"only" must be a non-empty list of invariant ids, got ${JSON.stringify(o.only)}`);
  }
  const only = [...new Set(o.only.map((x: string) => x.trim()))];
  if (verdict !== 'pass' && !only.includes(verdict)) throw bad(`expects ${verdict} but its "only" [${only.join(', ')}] does not check it`);
  return { verdict, only };
}

/** A scenario's own expectation under a protocol id, or null when it has none. */
export function scenarioExpectation(s: Scenario, protocolId: string): Expectation | null {
  const e = (s.expect as Readonly<Record<string, unknown>>)[protocolId];
  if (typeof e !== 'object' || e === null) return null;
  const o = e as { verdict?: unknown; invariant?: unknown; why?: unknown; only?: unknown };
  const why = typeof o.why === 'string' ? o.why : null;
  const only = Array.isArray(o.only) && o.only.every((x) => typeof x === 'string') ? { only: o.only as string[] } : {};
  if (o.verdict === 'pass') return { verdict: 'pass', why, ...only };
  if (o.verdict === 'violation' && typeof o.invariant === 'string') return { verdict: o.invariant, why, ...only };
  return null;
}

/**
 * The expectation of a pair: the override when the file names it, else the
 * scenario's own; for a derived protocol the scenario does not list (a
 * candidate patch), its base's: the change must not add a violation, and
 * may fix one (then `pass` matches too).
 */
export function expectationFor(s: Scenario, protocolId: string, overrides: Overrides | null, base?: string): Expectation | null {
  const o = overrides?.get(s.id)?.get(protocolId);
  if (o !== undefined) return { verdict: o.verdict, why: 'from the expectations file', fromFile: true, ...(o.only ? { only: o.only } : {}) };
  const own = scenarioExpectation(s, protocolId);
  if (own !== null || base === undefined) return own;
  const inherited = scenarioExpectation(s, base);
  if (inherited === null) return null;
  const why = `as its base ${base}: a change must not add a violation`;
  const only = inherited.only ? { only: inherited.only } : {};
  return inherited.verdict === 'pass'
    ? { verdict: 'pass', why, ...only }
    : { verdict: inherited.verdict, alsoAccept: ['pass'], inheritedFrom: base, why: `${why} (a fix, pass, is welcome)`, ...only };
}
