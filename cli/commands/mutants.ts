/**
 * `movcheck mutants [--protocol v]... [--equivalents FILE] [--format
 * text|json|md] [search options]`: every single-point mutant of each version
 * (default: every built-in version), generated from its steps
 * (model/mutation/), judged on the catalog scenarios that list the version
 * (cli/mutants/run.ts); prints each mutant with where it is and what killed
 * it, and a score line per version. Exit 0 when every mutant is killed or
 * recorded (scenarios/equivalent-mutants.json), 1 otherwise.
 */
import type { Protocol } from '../../model/protocol.ts';
import { protocols } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';
import type { Invocation } from '../args.ts';
import { progressClear, type Io } from '../io.ts';
import { loadProtocol } from '../load.ts';
import { readEquivalents } from '../mutants/equivalents.ts';
import { formatMutantsJson, formatMutantsMd, formatMutantsText, scoreLine } from '../mutants/format.ts';
import { runMutants, type VersionOutcome } from '../mutants/run.ts';
import { UsageError } from '../errors.ts';

/** Runs `movcheck mutants`. */
export async function mutantsCommand(inv: Extract<Invocation, { command: 'mutants' }>, io: Io): Promise<number> {
  if (inv.search.workers !== undefined && inv.search.workers > 1) {
    throw new UsageError('--workers is not available for mutants: each mutant is a protocol made in this process, which worker threads cannot build (and each mutant is a small search); drop --workers');
  }
  const equivalents = readEquivalents(inv.equivalents, io);
  const versions: Protocol[] = [];
  for (const r of inv.protocols) versions.push((await loadProtocol(r, io)).value);
  if (versions.length === 0) versions.push(...protocols);
  const results: VersionOutcome[] = [];
  for (const v of versions) {
    if (!catalog.some((s) => s.protocols.includes(v.id))) {
      throw new UsageError(`no catalog scenario lists version '${v.id}', so none can judge its mutants; give a version the catalog lists (movcheck list)`);
    }
    const r = runMutants(v, catalog, inv.search, equivalents, (o, i, n) => {
      const line = `movcheck: ${v.id} mutant ${i + 1}/${n}: ${o.status}`;
      if (io.progress) io.err(io.progressStyle?.lines ? `${line}\n` : `${progressClear(io)}${line}`);
    });
    io.err(progressClear(io));
    io.err(`movcheck: ${scoreLine(r)}\n`);
    results.push(r);
  }
  io.out(inv.format === 'json' ? formatMutantsJson(results) : inv.format === 'md' ? formatMutantsMd(results) : formatMutantsText(results));
  return results.every((r) => r.mutants.every((o) => o.status === 'killed' || o.status === 'recorded')) ? 0 : 1;
}
