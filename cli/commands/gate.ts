/**
 * `movcheck gate [<scenario>...] [--expect FILE] [--junit FILE] [--md FILE]`:
 * the CI gate. Checks every scenario (default: the catalog) under every
 * version it lists (BFS, no bounds unless given), judges each against its
 * expectation by reachability (cli/judge.ts: the same matches under every
 * strategy), prints the matrix and `gate: N/M match`, and exits 0 only when
 * everything matches (1 otherwise; 2 when there is nothing to check).
 */
import { formatGateMatrix, formatGateSummaryMd, formatJunit, matchCount } from '../../reports/index.ts';
import type { RunRecord } from '../../reports/record.ts';
import type { Invocation } from '../args.ts';
import { checkPairIds, planPairs } from '../check.ts';
import { judgeAll, pairsInScope } from '../judge.ts';
import { UsageError } from '../errors.ts';
import { readExpectations } from '../expectations.ts';
import type { Io } from '../io.ts';
import { colourMatrix } from '../colour.ts';
import { checkOutput, writeOutput } from '../output.ts';

/** Runs `movcheck gate`. */
export async function gateCommand(inv: Extract<Invocation, { command: 'gate' }>, io: Io): Promise<number> {
  if (inv.junit !== null) checkOutput(io, '--junit', inv.junit, 'file');
  if (inv.md !== null) checkOutput(io, '--md', inv.md, 'file');
  const overrides = inv.expect === null ? null : readExpectations(inv.expect, io);
  const planned = await planPairs(inv.targets, inv.protocols, overrides, io);
  checkPairIds(planned, inv.search);
  const { pairs, skipped } = pairsInScope(planned, inv.search);
  if (pairs.length === 0) throw new UsageError(nothingToCheck('gate', planned.length, skipped));
  if (skipped) io.err(`movcheck: skipped ${skipped} pair${skipped === 1 ? '' : 's'} expecting a violation that --only does not check\n`);
  const t0 = performance.now();
  const records: RunRecord[] = judgeAll(pairs, inv.search, io);
  io.err(`movcheck: gate checked ${records.length} pairs in ${((performance.now() - t0) / 1000).toFixed(2)}s\n`);
  const matrix = formatGateMatrix(records);
  io.out(io.colour ? colourMatrix(matrix) : matrix);
  if (inv.junit !== null) writeOutput(io, inv.junit, formatJunit(records));
  if (inv.md !== null) writeOutput(io, inv.md, formatGateSummaryMd(records), true);
  return matchCount(records) === records.length ? 0 : 1;
}

/** The message of a gate or report left with no pair to check. */
export function nothingToCheck(cmd: 'gate' | 'report', planned: number, skipped: number): string {
  if (planned === 0) {
    return `${cmd} has no scenario×version pair to check (no scenario lists a version given with --protocol, and none derives from one); give a --protocol the scenarios list, or other scenarios`;
  }
  return `${cmd} has no scenario×version pair to check: --only leaves none of the ${skipped} pairs (each expects a violation it does not check); add their invariants to --only`;
}
