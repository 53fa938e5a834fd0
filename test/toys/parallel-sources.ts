/**
 * Toy models as a parallel search's workers build them (checker/packed/
 * parallel.ts imports this module in every worker): the racy counter, and a
 * program whose locals no first layout has room for.
 */
import { buildModel, type Model, type ModelSource } from '../../checker/index.ts';
import { counterSpec } from './counter.ts';
import { wideSpec } from './wide.ts';

/** The counter toy of `n` threads (`only`: the invariants checked). */
export function counterModel(arg: { n: number; atomic: boolean; only?: string[] }): Model<unknown> {
  return buildModel(counterSpec(arg.n, arg.atomic), arg.only ? { only: new Set(arg.only) } : {}) as Model<unknown>;
}

/** Where a worker gets `counterModel(arg)`. */
export function counterSource(arg: { n: number; atomic: boolean; only?: string[] }): ModelSource {
  return { module: import.meta.url, export: 'counterModel', arg };
}

/**
 * Two threads whose first step writes 40 locals by computed names (the first
 * layout, guessed from the source text, has none of them and 24-word stacks):
 * a worker meets a layout growth and the search starts again. 9 states, 12
 * transitions.
 */
export function wideModel(): Model<unknown> {
  return buildModel(wideSpec(40)) as Model<unknown>;
}

/** Where a worker gets `wideModel()`. */
export const wideSource: ModelSource = { module: import.meta.url, export: 'wideModel', arg: null };

/** The atomic counter of `n` threads with an end check that every end fails (count is never n + 1): an end violation at depth n. */
export function neverEndsModel(n: number): Model<unknown> {
  const spec = counterSpec(n, true);
  return buildModel({
    ...spec,
    endChecks: [{ id: 'count-past-threads', description: 'count ends at n + 1 (it cannot)', check: (s) => (s.w.count === n + 1 ? null : `count is ${s.w.count}`) }],
  }) as Model<unknown>;
}

/** Where a worker gets `neverEndsModel(n)`. */
export function neverEndsSource(n: number): ModelSource {
  return { module: import.meta.url, export: 'neverEndsModel', arg: n };
}
