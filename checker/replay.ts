/**
 * Replay of a schedule string: turns it back into the identical trace and
 * re-checks every invariant along the way, so a printed counterexample can be
 * reproduced and inspected without searching again.
 */
import { NO_HANG, type Action, type Model } from './model.ts';
import type { CheckKind, TraceStep } from './result.ts';
import { matchToken, parseSchedule, tokenOf } from './schedule.ts';

/** A schedule that does not fit the model. The message names the first step that is not enabled. */
export class ScheduleError extends Error {}

/** What a replay produced: the trace, and the first violation met along it (if any). */
export interface ReplayResult {
  readonly trace: TraceStep[];
  readonly schedule: string;
  readonly violation: { invariant: string; kind: CheckKind; message: string; atStep: number } | null;
}

/**
 * Replays `schedule` on `model`. Throws ScheduleError when a token does not name
 * an enabled step (naming its position, and what was enabled instead).
 * Stops at the first violation, like the explorer. `checkHang` false: a
 * schedule that ends where every thread sleeps is no violation (a search
 * with `--only` not listing no-hang does not report it either).
 */
export function replay<S>(model: Model<S>, schedule: string, opts: { readonly checkHang?: boolean } = {}): ReplayResult {
  const tokens = parseSchedule(schedule);
  let s = model.init();
  const trace: TraceStep[] = [];
  const checkState = (st: S, at: number): ReplayResult['violation'] => {
    for (const inv of model.stateInvariants) {
      const m = inv.check(st);
      if (m !== null) return { invariant: inv.id, kind: inv.kind ?? 'state', message: m, atStep: at };
    }
    return null;
  };
  let v = checkState(s, 0);
  for (let i = 0; i < tokens.length && v === null; i++) {
    const tok = tokens[i]!;
    const enabled = model.actions(s);
    const a: Action | null = matchToken(tok, enabled);
    if (a === null) {
      const name = model.threadNames[tok.thread] ?? `thread ${tok.thread}`;
      const offered = enabled.map(tokenOf).join(' ') || 'nothing (all threads finished or asleep)';
      throw new ScheduleError(
        `schedule does not fit the model: step ${i + 1} ('${tok.text}', ${name}) is not enabled; enabled there: ${offered}`,
      );
    }
    const { next, changes, summary, step } = model.explain(s, a);
    trace.push({ ...step, index: i + 1, token: tokenOf(a), changes, summary });
    for (const inv of model.stepInvariants) {
      const m = inv.check(s, next, a, model);
      if (m !== null) v = { invariant: inv.id, kind: 'step', message: m, atStep: i + 1 };
      if (v) break;
    }
    s = next;
    v ??= checkState(s, i + 1);
  }
  if (v === null && trace.length === tokens.length) {
    const enabled = model.actions(s);
    if (enabled.length === 0) {
      if (model.isDone(s)) {
        for (const inv of model.endChecks) {
          const m = inv.check(s);
          if (m !== null) {
            v = { invariant: inv.id, kind: 'end', message: m, atStep: trace.length };
            break;
          }
        }
      } else if (opts.checkHang !== false) {
        v = { invariant: NO_HANG, kind: 'hang', message: model.describeStuck(s), atStep: trace.length };
      }
    }
  }
  return { trace, schedule: trace.map((t) => t.token).join(''), violation: v };
}
