/**
 * First guess of a packed layout: the local names earlier builds met in each
 * function definition (models built from the same protocol share them), and
 * the entry arguments. A guess that falls short only costs a layout growth
 * during the search (see LayoutGrowth), never a wrong answer.
 */
import type { FnDef, ThreadSpec } from '../program/index.ts';
import type { LayoutHints } from './compile.ts';

/** Local names learned by earlier builds, per function definition. */
const learned = new WeakMap<object, Set<string>>();
/** The widest thread stack an earlier build needed, in slots. */
let stackWords = 24;

/** Remembers what a layout made room for, so later builds of the same functions start with it. */
export function learn(fns: Readonly<Record<string, FnDef<never>>>, hints: LayoutHints): void {
  for (const [fn, ns] of hints.names) {
    const def = fns[fn];
    if (!def) continue;
    let set = learned.get(def);
    if (!set) learned.set(def, (set = new Set()));
    for (const n of ns) set.add(n);
  }
  stackWords = Math.max(stackWords, hints.stackWords);
}

/** Layout hints for a model of functions `fns` whose threads start as `threads`. */
export function guessHints(fns: Readonly<Record<string, FnDef<never>>>, threads: readonly ThreadSpec[]): LayoutHints {
  const names = new Map<string, Set<string>>();
  let seen = true;
  for (const [fn, def] of Object.entries(fns)) {
    const set = learned.get(def);
    if (set) names.set(fn, new Set(set));
    else seen = false;
  }
  for (const th of threads) {
    let set = names.get(th.fn);
    if (!set) names.set(th.fn, (set = new Set()));
    for (const k of Object.keys(th.args)) set.add(k);
  }
  return { names: new Map([...names].map(([fn, set]) => [fn, [...set].sort()])), stackWords, seen };
}
