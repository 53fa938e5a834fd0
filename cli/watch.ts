/**
 * The steps of a pair's model, wrapped before its search: to beat the
 * worker's heartbeat (worker/beat.ts: a step that never returns can be
 * stopped; invariants and a hand-written model's functions beat too) and, for
 * steps a scenario or protocol file brings, to guard what they hand the
 * engine (guard.ts). Works on models built from thread programs
 * (`model.spec.fns`, replaced in place: the built model reads its steps from
 * there); a hand-written Model is left alone. Wrappers are cached per step, so
 * later builds of the same functions reuse what the engine learnt of them.
 */
import type { FnDef, StepDef } from '../checker/index.ts';
import { guardStep } from './guard.ts';
import { beatingFn, beatingStep, beatOn } from './worker/beat.ts';

const cache = new Map<string, WeakMap<FnDef<unknown>, FnDef<unknown>>>();
const made = new WeakSet<FnDef<unknown>>();

const watched = new WeakSet<object>();

/**
 * Makes every invariant's check and a hand-written model's own functions beat
 * the heartbeat (in place: the model reads them from there), so that one that
 * never returns can be stopped and named.
 */
function beatModel(model: Record<string, unknown>): void {
  for (const list of ['stateInvariants', 'stepInvariants', 'endChecks']) {
    const invs = model[list];
    if (!Array.isArray(invs)) continue;
    invs.forEach((inv: unknown, i) => {
      if (typeof inv !== 'object' || inv === null || watched.has(inv)) return;
      const o = inv as { id?: unknown; check?: unknown };
      if (typeof o.check !== 'function') return;
      const w = { ...o, check: beatingFn(`the check of invariant ${String(o.id)}`, o.check as (...a: unknown[]) => unknown) };
      watched.add(w);
      invs[i] = w;
    });
  }
  if ('spec' in model) return; // a program model's own functions run its steps, which beat already
  for (const f of ['init', 'actions', 'apply', 'fingerprint', 'isDone']) {
    const g = model[f];
    if (typeof g !== 'function' || watched.has(g)) continue;
    const w = beatingFn(`the model's ${f}()`, (g as (...a: unknown[]) => unknown).bind(model));
    watched.add(w);
    try {
      model[f] = w;
    } catch {
      // a frozen model keeps its functions unwatched
    }
  }
}

/** Wraps the steps of `model` (a Model from buildModel, or anything else) as the module comment says. */
export function watchModel(model: unknown, guard: boolean): void {
  const beat = beatOn();
  if (!guard && !beat) return;
  if (beat && typeof model === 'object' && model !== null) beatModel(model as Record<string, unknown>);
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
      // The layout's first guess reads the locals a function's steps name in their source, which wrappers hide.
      Object.defineProperty(w, Symbol.for('movcheck.sourceDef'), { value: def });
      byFn.set(def, w);
      made.add(w);
    }
    table[name] = w;
  }
}
