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
  return traceOfChosen(model, path.length, (_, i) => path[i] as Action);
}

/**
 * Builds the trace of a path whose i-th action `pick(s, i)` chooses in state
 * s (another engine's path, checked against this model's enabled actions as
 * it is replayed): one replay gives the actions, the trace and the last state.
 */
export function traceOfChosen<S>(model: Model<S>, length: number, pick: (s: S, i: number) => Action): { trace: TraceStep[]; schedule: string; last: S; actions: Action[] } {
  let s = model.init();
  const trace: TraceStep[] = [];
  const actions: Action[] = [];
  for (let i = 0; i < length; i++) {
    const a = pick(s, i);
    actions.push(a);
    const { next, changes, summary, step } = model.explain(s, a);
    const token = tokenOf(a);
    trace.push({ ...step, index: trace.length + 1, token, changes, summary });
    s = next;
  }
  return { trace, schedule: trace.map((t) => t.token).join(''), last: s, actions };
}
