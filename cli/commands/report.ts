/**
 * `movcheck report [<scenario>...] [--out DIR]`: checks like the gate and
 * writes a browsable report into DIR (default `reports/out`): index.md (the
 * verdict matrix), one page per scenario×version, results.json and a
 * self-contained index.html. The files hold no timing: the same inputs give
 * byte-identical files.
 */
import { join } from 'node:path';
import { gateLine, reportFiles } from '../../reports/index.ts';
import type { Invocation } from '../args.ts';
import { checkPairIds, planPairs } from '../check.ts';
import { judgeAll, pairsInScope } from '../judge.ts';
import { UsageError } from '../errors.ts';
import { nothingToCheck } from './gate.ts';
import type { Io } from '../io.ts';
import { checkOutput, writeOutput } from '../output.ts';

/** Runs `movcheck report`. Exit 0 once the files are written (mismatches are the gate's business). */
export async function reportCommand(inv: Extract<Invocation, { command: 'report' }>, io: Io): Promise<number> {
  checkOutput(io, '--out', inv.out, 'dir');
  const planned = await planPairs(inv.targets, inv.protocols, null, io);
  checkPairIds(planned, inv.search);
  const { pairs, skipped } = pairsInScope(planned, inv.search);
  if (pairs.length === 0) throw new UsageError(nothingToCheck('report', planned.length, skipped));
  if (skipped) io.err(`movcheck: skipped ${skipped} pair${skipped === 1 ? '' : 's'} expecting a violation that --only does not check\n`);
  const t0 = performance.now();
  const records = judgeAll(pairs, inv.search, io);
  io.err(`movcheck: report checked ${records.length} pairs in ${((performance.now() - t0) / 1000).toFixed(2)}s\n`);
  const files = reportFiles(records);
  for (const f of files) writeOutput(io, join(inv.out, f.path), f.content);
  io.out(`report: wrote ${files.length} files to ${inv.out} (open ${join(inv.out, 'index.html')}); ${gateLine(records)}\n`);
  return 0;
}
