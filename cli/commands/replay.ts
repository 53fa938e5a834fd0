/**
 * `movcheck replay <scenario> --protocol v --schedule s [--param name=value...]
 * [--only INV,...] [--format text|json|itf]`:
 * re-runs one interleaving and prints its trace exactly as `run` printed it.
 * Exit 1 when the replay meets a violation, 0 when it does not, 2 when the
 * schedule is malformed or does not fit the model.
 */
import { ScheduleError, parseSchedule, replay } from '../../checker/index.ts';
import type { Protocol } from '../../model/protocol.ts';
import { formatReplayItf, formatReplayJson, formatReplayText } from '../../reports/index.ts';
import type { ReplayRecord } from '../../reports/record.ts';
import type { Invocation } from '../args.ts';
import { buildPair, scenarioInfo, scenarioParams } from '../check.ts';
import { UsageError, firstLine } from '../errors.ts';
import type { Io } from '../io.ts';
import { colourReport } from '../colour.ts';
import { checkOnlyIds, hangChecked, invariantIds } from '../only.ts';
import { itfStates } from '../itf-states.ts';
import { loadProtocol, loadScenario } from '../load.ts';
import { version } from '../version.ts';

/** Runs `movcheck replay`. */
export async function replayCommand(inv: Extract<Invocation, { command: 'replay' }>, io: Io): Promise<number> {
  const HOW = 'give the schedule printed by movcheck run (thread digits 0-9/A-Z, each optionally followed by a branch letter, e.g. 01a10)';
  let tokens;
  try {
    tokens = parseSchedule(inv.schedule);
  } catch (e) {
    throw new UsageError(`${firstLine(e)}; ${HOW}`);
  }
  if (tokens.length === 0) throw new UsageError(`the schedule '${inv.schedule}' names no step (blanks and commas only separate steps); ${HOW}`);
  const s = await loadScenario(inv.target, io);
  const p = await loadProtocol(inv.protocol, io);
  const params = scenarioParams(s, inv.params);
  // --only: check what the run that printed the schedule checked (its replay line carries the same --only).
  if (inv.only) checkOnlyIds(inv.only, invariantIds(buildPair(s, p, false, params)), '--only');
  const only = inv.only ? new Set(inv.only) : null;
  const model = buildPair(s, p, false, params, only);
  let result;
  try {
    result = replay(model, inv.schedule, { checkHang: hangChecked(only) });
  } catch (e) {
    if (e instanceof ScheduleError) {
      throw new UsageError(`${firstLine(e)}; check that the scenario and --protocol are those the schedule was found with`);
    }
    throw new UsageError(`model error while replaying '${s.value.id}' under '${p.value.id}': ${firstLine(e)}; fix the scenario or protocol`, { cause: e });
  }
  if (result.violation && result.trace.length < tokens.length) {
    const extra = tokens[result.trace.length]!;
    throw new UsageError(
      `the schedule goes on after the violation of ${result.violation.invariant} at step ${result.violation.atStep}: step ${result.trace.length + 1} ('${extra.text}') and the ${tokens.length - result.trace.length - 1} after it never run; give the schedule up to step ${result.violation.atStep} (${result.schedule})`,
    );
  }
  const rec: ReplayRecord = {
    scenario: scenarioInfo(s, params),
    protocol: { id: p.value.id, title: p.value.title, ref: p.ref },
    threadNames: model.threadNames,
    replay: result,
    ...(inv.only ? { only: inv.only } : {}),
  };
  if (inv.format === 'itf') {
    const layout = (p.value as Partial<Protocol>).layout ?? null;
    io.out(formatReplayItf(rec, itfStates(model, result.schedule, layout), `movcheck ${version()}`));
    return result.violation ? 1 : 0;
  }
  const text = inv.format === 'json' ? formatReplayJson(rec) : formatReplayText(rec);
  io.out(io.colour && inv.format !== 'json' ? colourReport(text) : text);
  return result.violation ? 1 : 0;
}
