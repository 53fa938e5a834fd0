/**
 * The steps of a pair's model, wrapped before its search: to beat the
 * worker's heartbeat (worker/beat.ts: a step that never returns can be
 * stopped) and, for steps a scenario or protocol file brings, to guard what
 * they hand the engine (guard.ts). Works on models built from thread programs
 * (`model.spec.fns`, replaced in place: the built model reads its steps from
 * there); a hand-written Model is left alone. Wrappers are cached per step, so
 * later builds of the same functions reuse what the engine learnt of them.
 */
import type { FnDef, StepDef } from '../checker/index.ts';
import { guardStep } from './guard.ts';
import { beatingStep, beatOn } from './worker/beat.ts';

const cache = new Map<string, WeakMap<FnDef<unknown>, FnDef<unknown>>>();
const made = new WeakSet<FnDef<unknown>>();

/** Wraps the steps of `model` (a Model from buildModel, or anything else) as the module comment says. */
export function watchModel(model: unknown, guard: boolean): void {
  const beat = beatOn();
  if (!guard && !beat) return;
  const fns = (model as { spec?: { fns?: unknown } } | null)?.spec?.fns;
  if (typeof fns !== 'object' || fns === null) return;
  const key = `${guard ? 'g' : ''}${beat ? 'b' : ''}`;
  let byFn = cache.get(key);
  if (!byFn) cache.set(key, (byFn = new WeakMap()));
  const table = fns as Record<string, FnDef<unknown>>;
  for (const [name, def] of Object.entries(table)) {
    if (typeof def !== 'object' || def === null || made.has(def) || !Array.isArray(def.steps)) continue;
    let w = byFn.get(def);
    if (!w) {
      w = {
        ...def,
        steps: def.steps.map((s: StepDef<unknown>) => {
          if (typeof s !== 'object' || s === null || typeof s.run !== 'function') return s;
          const g = guard ? guardStep(name, s) : s;
          return beat ? beatingStep(name, g) : g;
        }),
      };
      byFn.set(def, w);
      made.add(w);
    }
    table[name] = w;
  }
}
