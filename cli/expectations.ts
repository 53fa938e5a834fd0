/**
 * The gate's expectations file: JSON `{ "<scenario-id>": { "<protocol-id>":
 * "pass" | "<invariant-id>" } }`. Pairs it does not name keep the scenario's
 * own expectation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Scenario } from '../scenarios/types.ts';
import type { Expectation } from '../reports/record.ts';
import { UsageError, firstLine } from './errors.ts';
import type { Io } from './io.ts';

/** Expected verdicts by scenario id, then protocol id. */
export type Overrides = ReadonlyMap<string, ReadonlyMap<string, string>>;

const SHAPE = 'it must be JSON like {"<scenario-id>": {"<protocol-id>": "pass" or "<invariant-id>"}}';

/** Reads and validates an expectations file. */
export function readExpectations(path: string, io: Io): Overrides {
  let text: string;
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
  const out = new Map<string, Map<string, string>>();
  for (const [sid, per] of Object.entries(data)) {
    if (!isObj(per)) throw new UsageError(`expectations file '${path}': the value of '${sid}' is not an object; ${SHAPE}`);
    const m = new Map<string, string>();
    for (const [pid, v] of Object.entries(per)) {
      if (typeof v !== 'string' || v.trim() === '') {
        throw new UsageError(`expectations file '${path}': '${sid}'.'${pid}' must be "pass" or an invariant id, got ${JSON.stringify(v)}; ${SHAPE}`);
      }
      m.set(pid, v.trim());
    }
    out.set(sid, m);
  }
  return out;
}

/** A scenario's own expectation under a protocol id, or null when it has none. */
export function scenarioExpectation(s: Scenario, protocolId: string): Expectation | null {
  const e = (s.expect as Readonly<Record<string, unknown>>)[protocolId];
  if (typeof e !== 'object' || e === null) return null;
  const o = e as { verdict?: unknown; invariant?: unknown; why?: unknown };
  const why = typeof o.why === 'string' ? o.why : null;
  if (o.verdict === 'pass') return { verdict: 'pass', why };
  if (o.verdict === 'violation' && typeof o.invariant === 'string') return { verdict: o.invariant, why };
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
  if (o !== undefined) return { verdict: o, why: 'from the expectations file' };
  const own = scenarioExpectation(s, protocolId);
  if (own !== null || base === undefined) return own;
  const inherited = scenarioExpectation(s, base);
  if (inherited === null) return null;
  const why = `as its base ${base}: a change must not add a violation`;
  return inherited.verdict === 'pass' ? { verdict: 'pass', why } : { verdict: inherited.verdict, alsoAccept: ['pass'], why: `${why} (a fix, pass, is welcome)` };
}
