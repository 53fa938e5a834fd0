/**
 * Turns a path of actions from the initial state into a trace: re-applies each
 * action with `model.explain` to recover the step that ran and what it changed.
 * Used by the explorer (from parent pointers) and by replay (from a schedule).
 */
import type { Action, Model } from './model.ts';
import type { TraceStep } from './result.ts';
import { tokenOf } from './schedule.ts';

/** Builds the trace and the schedule string of `path`, which must be valid from `model.init()`. */
export function traceOf<S>(model: Model<S>, path: readonly Action[]): { trace: TraceStep[]; schedule: string; last: S } {
  let s = model.init();
  const trace: TraceStep[] = [];
  for (const a of path) {
    const { next, changes, summary, step } = model.explain(s, a);
    const token = tokenOf(a);
    trace.push({ ...step, index: trace.length + 1, token, changes, summary });
    s = next;
  }
  return { trace, schedule: trace.map((t) => t.token).join(''), last: s };
}
