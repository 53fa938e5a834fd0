/**
 * Running a version's automatic mutants against the catalog: discovery runs
 * every scenario that lists the version, exactly as the gate judges it, on the
 * version instrumented to record its sites; then each mutant is judged on the
 * same scenarios (cheapest first, stopping at the first that kills it). A
 * mutant is killed when some scenario's verdict no longer matches what the
 * scenario expects of the version. A forced check whose value the catalog
 * never saw otherwise cannot change a verdict: it is reported as `no-coverage`
 * without a run. Survivors recorded in scenarios/equivalent-mutants.json are
 * `recorded`, with the reason: one that starts with "equivalent" leaves the
 * mutant out of the score; "unobservable" and "not covered" ones count as not
 * killed.
 */
import type { Protocol } from '../../model/protocol.ts';
import { newDiscovery, type Discovery } from '../../model/mutation/instrument.ts';
import { discoveryProtocol, enumerateMutants, mutantProtocol, type Mutant } from '../../model/mutation/mutants.ts';
import { actualVerdict } from '../../reports/record.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { SearchArgs } from '../args.ts';
import { UsageError, firstLine } from '../errors.ts';
import { expectationFor } from '../expectations.ts';
import { judgePair } from '../judge.ts';
import type { Pair } from '../check.ts';

/** What became of one mutant. */
export type MutantStatus = 'killed' | 'survived' | 'recorded' | 'no-coverage' | 'incomplete';

/** One mutant's outcome. */
export interface MutantOutcome {
  readonly mutant: Mutant;
  readonly status: MutantStatus;
  /** For a killed mutant: the scenario that kills it, what it expects of the version, and what the mutant gives. */
  readonly killedBy?: { readonly scenario: string; readonly expected: string; readonly got: string; readonly note: string | null };
  /** For a recorded survivor: the recorded reason. */
  readonly reason?: string;
  /** Scenarios run on it. */
  readonly runs: number;
}

/** A version's mutants and their outcomes. */
export interface VersionOutcome {
  readonly version: string;
  /** Scenarios that list the version (those run on each mutant). */
  readonly scenarios: readonly string[];
  /** Scenarios that list the version but do not match their expectation of it unmutated (left out, with what they give). */
  readonly mismatched: readonly string[];
  readonly mutants: readonly MutantOutcome[];
  /** Steps of the version no scenario runs (`fn/label`): their mutants cannot be met. */
  readonly unreached: readonly string[];
  /** Recorded equivalents of this version that name no mutant (stale entries). */
  readonly stale: readonly string[];
  readonly seconds: number;
}

/** The pair of scenario `s` under `p`, expecting what `s` expects of `version`. */
function pairOf(s: Scenario, version: Protocol, p: Protocol): Pair {
  return { scenario: { value: s, ref: s.id }, protocol: { value: p, ref: version.id }, expected: expectationFor(s, version.id, null) };
}

/** Judges `p` on scenario `s` as the gate judges `version`: null when it matches, else how it differs. */
function judge(s: Scenario, version: Protocol, p: Protocol, search: SearchArgs): { expected: string; got: string; note: string | null } | 'incomplete' | null {
  const pair = pairOf(s, version, p);
  let rec;
  try {
    rec = judgePair(pair, search, null, { show: 'first' });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return { expected: pair.expected?.verdict ?? 'pass', got: 'model error', note: firstLine(e) };
  }
  if (rec.result.verdict === 'incomplete') return 'incomplete';
  const match = rec.judgement ? rec.judgement.match : actualVerdict(rec.result) === pair.expected?.verdict;
  if (match) return null;
  return { expected: pair.expected?.verdict ?? 'pass', got: actualVerdict(rec.result), note: rec.judgement?.note ?? null };
}

/**
 * Discovers the sites of `version` on `scenarios`; returns them with each
 * scenario's time (to run the cheapest first), and the scenarios that do not
 * match their expectation of the version itself (they cannot judge a mutant).
 */
export function discover(
  version: Protocol,
  scenarios: readonly Scenario[],
  search: SearchArgs,
): { d: Discovery; seconds: Map<string, number>; mismatched: string[] } {
  const d = newDiscovery();
  const p = discoveryProtocol(version, d);
  const seconds = new Map<string, number>();
  const mismatched: string[] = [];
  for (const s of scenarios) {
    const t0 = performance.now();
    const r = judge(s, version, p, search);
    if (r !== null) {
      mismatched.push(`${s.id}: ${r === 'incomplete' ? 'incomplete' : `${r.got} where ${r.expected} is expected`}`);
      continue;
    }
    seconds.set(s.id, (performance.now() - t0) / 1000);
  }
  return { d, seconds, mismatched };
}

/** Runs every mutant of `version` on the scenarios that list it; `equivalents` maps mutant ids to recorded reasons. */
export function runMutants(
  version: Protocol,
  scenarios: readonly Scenario[],
  search: SearchArgs,
  equivalents: ReadonlyMap<string, string>,
  onMutant?: (o: MutantOutcome, i: number, n: number) => void,
): VersionOutcome {
  const t0 = performance.now();
  const mine = scenarios.filter((s) => s.protocols.includes(version.id));
  const { d, seconds, mismatched } = discover(version, mine, search);
  const order = mine.filter((s) => seconds.has(s.id)).sort((a, b) => (seconds.get(a.id) ?? 0) - (seconds.get(b.id) ?? 0));
  const mutants = enumerateMutants(version, d);
  const outcomes: MutantOutcome[] = [];
  mutants.forEach((m, i) => {
    const o = runOne(version, m, order, search, equivalents);
    outcomes.push(o);
    onMutant?.(o, i, mutants.length);
  });
  const ids = new Set(mutants.map((m) => m.id));
  const unreached: string[] = [];
  for (const [fn, def] of Object.entries(version.fns)) for (const st of def.steps) if (!d.ran.has(`${fn}\u0000${st.label}`) && instrumented(fn)) unreached.push(`${fn}/${st.label}`);
  return {
    version: version.id,
    scenarios: order.map((s) => s.id),
    mismatched,
    mutants: outcomes,
    unreached,
    stale: [...equivalents.keys()].filter((k) => k.startsWith(`${version.id}~`) && !ids.has(k)),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** True for functions whose steps discovery instruments. */
function instrumented(fn: string): boolean {
  return !(fn === 'lock_page' || fn === 'unlock_page' || fn === '__SetPageLocked' || /^spin_(un)?lock/.test(fn));
}

/** Judges one mutant. */
function runOne(version: Protocol, m: Mutant, scenarios: readonly Scenario[], search: SearchArgs, equivalents: ReadonlyMap<string, string>): MutantOutcome {
  const reason = equivalents.get(m.id);
  if (m.sameAsSeen) return reason === undefined ? { mutant: m, status: 'no-coverage', runs: 0 } : { mutant: m, status: 'recorded', reason, runs: 0 };
  const p = mutantProtocol(version, m);
  let incomplete = false;
  let runs = 0;
  for (const s of scenarios) {
    runs++;
    const r = judge(s, version, p, search);
    if (r === 'incomplete') incomplete = true;
    else if (r !== null) return { mutant: m, status: 'killed', killedBy: { scenario: s.id, ...r }, runs };
  }
  if (reason !== undefined) return { mutant: m, status: 'recorded', reason, runs };
  return { mutant: m, status: incomplete ? 'incomplete' : 'survived', runs };
}

/** True for a recorded survivor whose reason says it is equivalent (left out of the score). */
export function isEquivalent(o: MutantOutcome): boolean {
  return o.status === 'recorded' && /^equivalent\b/.test(o.reason ?? '');
}

/** Mutation score: killed over all mutants but those recorded as equivalent (1 when none is left). */
export function score(v: VersionOutcome): { killed: number; counted: number; score: number } {
  const killed = v.mutants.filter((o) => o.status === 'killed').length;
  const counted = v.mutants.filter((o) => !isEquivalent(o)).length;
  return { killed, counted, score: counted === 0 ? 1 : killed / counted };
}
