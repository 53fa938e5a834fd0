/**
 * `movcheck gate [<scenario>...] [--expect FILE] [--junit FILE] [--md FILE]`:
 * the CI gate. Checks every scenario (default: the catalog) under every
 * version it lists (BFS, no bounds unless given), compares each verdict with
 * its expectation, prints the matrix and `gate: N/M match`, and exits 0 only
 * when everything matches (1 otherwise).
 */
import { formatGateMatrix, formatGateSummaryMd, formatJunit, matchCount } from '../../reports/index.ts';
import type { RunRecord } from '../../reports/record.ts';
import type { Invocation } from '../args.ts';
import { checkAll, checkPairIds, planPairs } from '../check.ts';
import { readExpectations } from '../expectations.ts';
import type { Io } from '../io.ts';
import { writeOutput } from '../output.ts';

/** Runs `movcheck gate`. */
export async function gateCommand(inv: Extract<Invocation, { command: 'gate' }>, io: Io): Promise<number> {
  const overrides = inv.expect === null ? null : readExpectations(inv.expect, io);
  const pairs = await planPairs(inv.targets, inv.protocols, overrides, io);
  checkPairIds(pairs, inv.search);
  const t0 = performance.now();
  const records: RunRecord[] = checkAll(pairs, inv.search, io);
  io.err(`movcheck: gate checked ${records.length} pairs in ${((performance.now() - t0) / 1000).toFixed(2)}s\n`);
  io.out(formatGateMatrix(records));
  if (inv.junit !== null) writeOutput(io, inv.junit, formatJunit(records));
  if (inv.md !== null) writeOutput(io, inv.md, formatGateSummaryMd(records), true);
  return matchCount(records) === records.length ? 0 : 1;
}
