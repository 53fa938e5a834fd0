/**
 * The Informal Trace Format (ITF), as Apalache and Quint write it
 * (https://apalache-mc.org/docs/adr/015adr-trace.html), so that ITF viewers
 * and scripts read movcheck's counterexamples: a `#meta` object (format,
 * scenario, protocol, the violated invariant and the replay schedule), the
 * variable names (`vars`) and one full state object per step (`states`, each
 * with `#meta.index`). Values are encoded as ITF does: every integer as
 * `{"#bigint": "..."}` (as Quint writes them), a Set as `{"#set": [...]}`, a
 * Map as `{"#map": [[k, v], ...]}`, an `ItfTuple` as `{"#tup": [...]}`, arrays
 * as lists and plain objects as records; what ITF cannot carry (null,
 * undefined, a fraction) as `{"#unserializable": "..."}`.
 *
 * The states come from the caller (cli/itf-states.ts replays the schedule on
 * the model's object form and views each state); this file only formats them.
 */
import { paramArgs, replayCommand, type ReplayRecord, type RunRecord } from './record.ts';

/** Where the format is described, as Apalache writes it in `#meta`. */
export const ITF_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

/** A tuple: encoded as `{"#tup": [...]}` (a plain array is a list). */
export class ItfTuple {
  constructor(readonly items: readonly unknown[]) {}
}

/** One state before encoding: variable name to value (plain values, arrays, objects, Set, Map, ItfTuple). */
export type ItfStateValues = Readonly<Record<string, unknown>>;

/** An ITF value, as JSON. */
export type ItfValue =
  | boolean
  | string
  | { readonly '#bigint': string }
  | { readonly '#set': readonly ItfValue[] }
  | { readonly '#map': readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly '#tup': readonly ItfValue[] }
  | { readonly '#unserializable': string }
  | readonly ItfValue[]
  | { readonly [field: string]: ItfValue };

/** Encodes a plain value as an ITF value (see the module comment). */
export function itfValue(v: unknown): ItfValue {
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return { '#bigint': v.toString() };
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { '#bigint': String(v) } : { '#unserializable': String(v) };
  if (v === null || v === undefined) return { '#unserializable': String(v) };
  if (Array.isArray(v)) return v.map(itfValue);
  if (v instanceof ItfTuple) return { '#tup': v.items.map(itfValue) };
  if (v instanceof Set) return { '#set': [...v].map(itfValue) };
  if (v instanceof Map) return { '#map': [...v].map(([k, x]) => [itfValue(k), itfValue(x)] as const) };
  if (typeof v === 'object') {
    const out: Record<string, ItfValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = itfValue(x);
    return out;
  }
  return { '#unserializable': String(v) };
}

/** The `#meta` of a trace: what it is a counterexample of, and how to replay it. */
export interface ItfMeta {
  readonly format: 'ITF';
  readonly 'format-description': string;
  readonly source: string;
  readonly description: string;
  readonly scenario: string;
  readonly protocol: string;
  /** Scenario parameters set to other than their defaults (empty at the defaults). */
  readonly params: Readonly<Record<string, number | boolean>>;
  /** `violation` when the last state breaks `invariant`, else `pass`, `incomplete` or `no-violation` (a replay that met none). */
  readonly verdict: 'violation' | 'pass' | 'incomplete' | 'no-violation';
  readonly invariant: string | null;
  readonly kind: string | null;
  readonly message: string | null;
  /** The schedule the states follow (empty: the initial state only). */
  readonly schedule: string;
  /** The command that replays it (null without a schedule). */
  readonly replay: string | null;
}

/** What a trace document is about. */
type Subject = Pick<RunRecord, 'scenario' | 'protocol'>;

/** The ITF document (pretty-printed JSON, newline-terminated) of `meta` and the states. */
export function formatItfDocument(meta: ItfMeta, states: readonly ItfStateValues[]): string {
  const vars = states.length ? Object.keys(states[0] as object) : [];
  const doc = {
    '#meta': meta,
    vars,
    states: states.map((s, i) => {
      const out: Record<string, ItfValue> = { '#meta': { index: i } as unknown as ItfValue };
      for (const v of vars) out[v] = itfValue(s[v]);
      return out;
    }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The `#meta` fields shared by run and replay. */
function baseMeta(rec: Subject, schedule: string, source: string): Omit<ItfMeta, 'verdict' | 'invariant' | 'kind' | 'message' | 'description'> {
  return {
    format: 'ITF',
    'format-description': ITF_DESCRIPTION,
    source,
    scenario: rec.scenario.id,
    protocol: rec.protocol.id,
    params: rec.scenario.params ?? {},
    schedule,
    replay: schedule === '' ? null : replayCommand(rec, schedule),
  };
}

/**
 * The ITF trace of a run: for a violation, the states along its schedule
 * (`states[0]` the initial state, `states[i]` after step i); for a pass or an
 * incomplete search, the initial state alone, with the verdict in `#meta`.
 * `source` names the writer (e.g. `movcheck 0.1.0`).
 */
export function formatItf(rec: RunRecord, states: readonly ItfStateValues[], source: string): string {
  const r = rec.result;
  const v = r.verdict === 'violation' ? r : null;
  const what = `${rec.scenario.id}${paramArgs(rec.scenario)} under ${rec.protocol.id}`;
  const description = v
    ? `movcheck counterexample: ${what} violates ${v.invariant} after ${v.trace.length} steps`
    : `movcheck: ${what}: ${r.verdict === 'pass' ? 'no reachable state violates an invariant (no counterexample)' : 'search cut short by a bound (no counterexample found)'}`;
  return formatItfDocument(
    {
      ...baseMeta(rec, v?.schedule ?? '', source),
      description,
      verdict: r.verdict,
      invariant: v?.invariant ?? null,
      kind: v?.kind ?? null,
      message: v?.message ?? null,
    },
    states,
  );
}

/** The ITF trace of a replay: the states along the replayed schedule, with the violation it met (if any) in `#meta`. */
export function formatReplayItf(rec: ReplayRecord, states: readonly ItfStateValues[], source: string): string {
  const { schedule, violation: v, trace } = rec.replay;
  const what = `${rec.scenario.id}${paramArgs(rec.scenario)} under ${rec.protocol.id}`;
  return formatItfDocument(
    {
      ...baseMeta(rec, schedule, source),
      description: v
        ? `movcheck counterexample: ${what} violates ${v.invariant} after ${trace.length} steps`
        : `movcheck replay: ${what}, ${trace.length} steps, no violation along this schedule`,
      verdict: v ? 'violation' : 'no-violation',
      invariant: v?.invariant ?? null,
      kind: v?.kind ?? null,
      message: v?.message ?? null,
    },
    states,
  );
}
