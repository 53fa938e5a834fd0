/**
 * `movcheck timeline [<scenario>] [--only INV...] [--format text|md]`: a
 * scenario under every version it lists, in kernel order (the order of the
 * built-in versions; a mutant or a derived version goes where its base is),
 * one line per version, and where the verdict changes from the version it
 * changes (its base, else the one before it), the commit that changed it.
 * Without a scenario: every catalog scenario that is not a mutant, as a
 * scenarios x versions matrix. Each pair is judged as the gate judges it
 * (reachability: the same under every strategy); with --only the pairs are
 * shown unjudged, checking only those invariants. Exit 0 when every judged
 * pair matches its expectation, 1 when one does not, 3 when a bound cut a
 * search short, 2 on bad input.
 */
import type { Protocol } from '../../model/protocol.ts';
import { protocolById, protocols } from '../../model/versions/index.ts';
import { formatTimeline, formatTimelineMatrix, type MatrixRow, type TimelineRow, type TimelineVersion } from '../../reports/timeline.ts';
import { matches } from '../../reports/record.ts';
import { catalog } from '../../scenarios/index.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { Invocation } from '../args.ts';
import { checkPairIds, type Pair } from '../check.ts';
import { expectationFor } from '../expectations.ts';
import type { Io } from '../io.ts';
import { judgePair } from '../judge.ts';
import { loadScenario, resolveVersion, type Loaded } from '../load.ts';

type TimelineInv = Extract<Invocation, { command: 'timeline' }>;

/** Kernel position of a version id: its index among the built-in versions, or its base's (a mutant, a derived version); unknown ones last. */
export function kernelIndex(id: string): number {
  const at = (x: string | undefined) => (x === undefined ? -1 : protocols.findIndex((p) => p.id === x));
  let i = at(id);
  if (i < 0) i = at(protocolById(id)?.base);
  return i < 0 ? protocols.length : i;
}

/** The scenario's versions in kernel order (stable for equal positions). */
export function inKernelOrder(ids: readonly string[]): string[] {
  return ids
    .map((id, n) => ({ id, n, k: kernelIndex(id) }))
    .sort((a, b) => a.k - b.k || a.n - b.n)
    .map((x) => x.id);
}

/** The version each version changes: its base when the scenario lists it, else the one before it in `ids` (kernel order). */
function parents(ids: readonly string[], byId: (id: string) => Protocol): Map<string, string | null> {
  const out = new Map<string, string | null>();
  ids.forEach((id, i) => {
    const base = byId(id).base;
    out.set(id, base !== undefined && ids.includes(base) ? base : i > 0 ? ids[i - 1]! : null);
  });
  return out;
}

/** Judges a scenario under each of `ids` (in kernel order) and returns its timeline rows. */
function timelineRows(s: Loaded<Scenario>, ids: readonly string[], inv: TimelineInv): TimelineRow[] {
  const loaded = ids.map((id) => resolveVersion(id, s.value.id, []));
  const judging = !inv.search.only;
  const pairs: Pair[] = loaded.map((p) => ({ scenario: s, protocol: p, expected: judging ? expectationFor(s.value, p.value.id, null, p.value.base) : null }));
  checkPairIds(pairs, inv.search);
  const byId = (id: string) => loaded.find((p) => p.value.id === id)!.value;
  const parent = parents(ids, byId);
  return pairs.map((pair) => {
    const p = pair.protocol.value;
    const rec = judgePair(pair, inv.search, null, { show: 'decisive' });
    const version: TimelineVersion = { id: p.id, parent: parent.get(p.id) ?? null, ...(p.since ? { since: p.since } : {}) };
    return { version, rec };
  });
}

/** Exit status of judged rows: 3 if a search was cut short, else 1 if a judged row does not match, else 0. */
function status(rows: readonly TimelineRow[]): 0 | 1 | 3 {
  if (rows.some((r) => r.rec.result.verdict === 'incomplete')) return 3;
  return rows.some((r) => matches(r.rec) === false) ? 1 : 0;
}

/** Runs `movcheck timeline`. */
export async function timelineCommand(inv: TimelineInv, io: Io): Promise<number> {
  const t0 = performance.now();
  const done = (n: number) => io.err(`movcheck: timeline checked ${n} pairs in ${((performance.now() - t0) / 1000).toFixed(2)}s\n`);
  if (inv.target !== null) {
    const s = await loadScenario(inv.target, io);
    const rows = timelineRows(s, inKernelOrder(s.value.protocols), inv);
    done(rows.length);
    io.out(formatTimeline(rows, inv.format));
    return status(rows);
  }
  const versions = protocols.map((p) => ({ id: p.id, parent: null, ...(p.since ? { since: p.since } : {}) }));
  const matrix: MatrixRow[] = [];
  for (const s of catalog) {
    if (s.mutantOf !== undefined) continue;
    const ids = inKernelOrder(s.protocols.filter((id) => protocols.some((p) => p.id === id)));
    matrix.push({ scenario: s.id, rows: timelineRows({ value: s, ref: s.id }, ids, inv) });
  }
  const all = matrix.flatMap((m) => m.rows);
  done(all.length);
  io.out(formatTimelineMatrix(matrix, versions, inv.format));
  return status(all);
}
