/**
 * The states of an ITF trace (reports/itf.ts): the schedule is replayed on the
 * model's object form, and each state is viewed as trace viewers read it. A
 * model built from thread programs gives the world's variables (the kernel
 * world decoded by model/itf-view.ts, any other world field by field),
 * `threads` (each thread's call stack: function, the step it runs next and
 * its statement, its locals; finished threads have an empty stack), `fault`
 * (a failed assertion: a set of zero or one) and `action` (the step that led
 * to the state, `init` for the first). Any other model gives `state` and
 * `action`.
 */
import { matchToken, parseSchedule, type Model, type ProgramSpec, type SysState } from '../checker/index.ts';
import type { Layout } from '../model/flags.ts';
import { isKernelWorld, kernelWorldView } from '../model/itf-view.ts';
import type { ItfStateValues } from '../reports/itf.ts';

/** The object states along `schedule` from the initial state, and a label of each step. Throws when a step is not enabled. */
function walk<S>(model: Model<S>, schedule: string): { states: S[]; actions: string[] } {
  let s = model.init();
  const states = [s];
  const actions = ['init'];
  for (const tok of parseSchedule(schedule)) {
    const a = matchToken(tok, model.actions(s));
    if (a === null) throw new Error(`schedule step '${tok.text}' is not enabled`);
    const { next, step } = model.explain(s, a);
    actions.push(`${step.threadName}: ${step.src.fn}: ${step.src.code}${step.branch === undefined ? '' : ` [${step.branch}]`}`);
    states.push(next);
    s = next;
  }
  return { states, actions };
}

/** True for a thread-program state. */
function isSysState(s: unknown): s is SysState<unknown> {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as Partial<SysState<unknown>>;
  return 'w' in o && Array.isArray(o.t) && 'fault' in o;
}

/** Each thread's call stack, by thread name. */
function threadsView(s: SysState<unknown>, names: readonly string[], spec: ProgramSpec<unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  s.t.forEach((th, tid) => {
    out[names[tid] ?? `T${tid}`] = th.frames.map((f) => {
      const step = spec?.fns[f.fn]?.steps[f.pc];
      const locals = new Map<string, unknown>();
      for (const [k, v] of Object.entries(f.l)) if (v !== null) locals.set(k, v);
      return { function: f.fn, next: step?.label ?? `#${f.pc}`, code: step?.src.code ?? '', locals };
    });
  });
  return out;
}

/**
 * The ITF states of `model` along `schedule` (the kernel world decoded with
 * `layout` when the model is a kernel system; pass null for another model).
 */
export function itfStates(model: Model<unknown>, schedule: string, layout: Layout | null): ItfStateValues[] {
  const { states, actions } = walk(model, schedule);
  const spec = (model as { spec?: ProgramSpec<unknown> }).spec;
  const kernel = layout ? kernelWorldView(layout, model.threadNames) : null;
  return states.map((s, i) => {
    const action = actions[i] as string;
    if (!isSysState(s)) return { state: s, action };
    const w = s.w;
    const world: Record<string, unknown> =
      kernel && isKernelWorld(w) ? kernel(w) : typeof w === 'object' && w !== null && !Array.isArray(w) ? { ...w } : { world: w };
    const fault = new Set(s.fault ? [{ invariant: s.fault.inv, message: s.fault.msg, thread: model.threadNames[s.fault.thread] ?? `T${s.fault.thread}` }] : []);
    return { ...world, threads: threadsView(s, model.threadNames, spec), fault, action };
  });
}
