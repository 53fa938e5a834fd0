/**
 * `movcheck run <scenario> [--protocol v] [--param name=value...] [search
 * options] [--format text|json|md|email|itf]`: checks a scenario (at the given parameters) under
 * one version (or every version it lists) and prints
 * the report. Exit 0 when no violation, 1 on a violation, 3 when a bound cut
 * the search short. Timing goes to stderr (or `stats.seconds` in JSON).
 */
import type { Protocol } from '../../model/protocol.ts';
import { formatEmail, formatItf, formatJson, formatMarkdown, formatText } from '../../reports/index.ts';
import type { RunRecord } from '../../reports/record.ts';
import type { Invocation } from '../args.ts';
import { buildPair, checkPairIds, exitStatus, nonDefault, scenarioParams, type Pair } from '../check.ts';
import { itfStates } from '../itf-states.ts';
import { version } from '../version.ts';
import { judgePair } from '../judge.ts';
import { UsageError } from '../errors.ts';
import { expectationFor } from '../expectations.ts';
import { progressClear, type Io } from '../io.ts';
import { colourReport } from '../colour.ts';
import { loadProtocol, loadScenario, resolveVersion, type Loaded } from '../load.ts';

/** Runs `movcheck run`. */
export async function runCommand(inv: Extract<Invocation, { command: 'run' }>, io: Io): Promise<number> {
  const s = await loadScenario(inv.target, io);
  const params = scenarioParams(s, inv.params);
  // The scenario's expectations hold at its default parameters.
  const expecting = !nonDefault(s.value, params);
  let versions: Loaded<Protocol>[];
  if (inv.protocol !== null) versions = [await loadProtocol(inv.protocol, io)];
  else {
    if (s.value.protocols.length === 0) {
      throw new UsageError(`scenario '${s.value.id}' lists no protocol versions; give one with --protocol <version|file>`);
    }
    versions = s.value.protocols.map((id) => resolveVersion(id, s.value.id, []));
  }
  if (inv.format === 'itf' && versions.length > 1) {
    throw new UsageError(
      `--format itf writes one trace, and '${s.value.id}' lists ${versions.length} versions (${s.value.protocols.join(', ')}); give one with --protocol <version|file>`,
    );
  }
  const pairs: Pair[] = versions.map((p) => ({ scenario: s, protocol: p, expected: expecting ? expectationFor(s.value, p.value.id, null, p.value.base) : null, params }));
  checkPairIds(pairs, inv.search);
  // run searches for the first violation of what --only names (default: every invariant).
  const only = inv.search.only ? new Set(inv.search.only) : null;
  const records: RunRecord[] = [];
  for (const pair of pairs) {
    const rec = judgePair(pair, inv.search, io.progress, { show: 'first', only });
    io.err(progressClear(io));
    if (inv.format !== 'json' && inv.format !== 'itf') {
      io.err(`movcheck: ${rec.scenario.id} under ${rec.protocol.id}: ${rec.result.stats.states} states in ${rec.result.stats.seconds.toFixed(2)}s\n`);
    }
    records.push(rec);
  }
  switch (inv.format) {
    case 'text': {
      const text = formatText(records);
      io.out(io.colour ? colourReport(text) : text);
      break;
    }
    case 'json':
      io.out(formatJson(records));
      break;
    case 'md':
      io.out(formatMarkdown(records));
      break;
    case 'email':
      io.out(formatEmail(records));
      break;
    case 'itf': {
      const rec = records[0]!;
      const pair = pairs[0]!;
      const schedule = rec.result.verdict === 'violation' ? rec.result.schedule : '';
      const layout = (pair.protocol.value as Partial<Protocol>).layout ?? null;
      // The model the search ran on: with the invariants it checked (an assertion it did not check records no fault).
      const model = buildPair(pair.scenario, pair.protocol, false, params, rec.only ? new Set(rec.only) : null);
      io.out(formatItf(rec, itfStates(model, schedule, layout), `movcheck ${version()}`));
      break;
    }
  }
  return exitStatus(records);
}
