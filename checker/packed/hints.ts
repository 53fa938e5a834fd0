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

const SOURCE_DEF = Symbol.for('movcheck.sourceDef');

/** The definition whose steps' source is read: a wrapper (the CLI wraps steps to watch them) names the one it wraps. */
function sourceOf(def: FnDef<never>): FnDef<never> {
  const inner = (def as unknown as Record<symbol, unknown>)[SOURCE_DEF];
  return typeof inner === 'object' && inner !== null && Array.isArray((inner as FnDef<never>).steps) ? (inner as FnDef<never>) : def;
}

/** `l.name` and `l['name']` in a step's source (as `c.l.name` or a guard's `l.name`). */
const LOCAL_IN_SOURCE = /\bl(?:\.([A-Za-z_$][\w$]*)|\[\s*['"]([A-Za-z_$][\w$]*)['"]\s*\])/g;

/**
 * The local names a function's steps and guards name in their source text:
 * a first build of a function starts with room for them, instead of growing
 * its layout once per name met (a fresh process's catalog grew 745 times).
 * A name a helper reads out of sight is still found by a growth; a name on
 * Object.prototype is left out (the locals class must not shadow it).
 */
function namesInSource(def: FnDef<never>): string[] {
  const out = new Set<string>();
  for (const step of sourceOf(def).steps) {
    for (const f of [step.run, step.when]) {
      if (typeof f !== 'function') continue;
      for (const m of Function.prototype.toString.call(f).matchAll(LOCAL_IN_SOURCE)) {
        const n = (m[1] ?? m[2]) as string;
        if (!(n in Object.prototype)) out.add(n);
      }
    }
  }
  return [...out];
}

/** `.call(<callee expression>, { <args> }`: the callee names quoted in the expression, and the argument keys. */
const CALL_IN_SOURCE = /\.call\(([^{;]*?)\{([^}]*)\}/g;
const QUOTED = /['"`]([\w$:.]+)['"`]/g;
const KEY = /(?:^|,)\s*([A-Za-z_$][\w$]*)\s*(?=[:,]|$)/g;

/** The argument names a function's steps pass to each function they call, by callee (the callee's first locals). */
function argsInSource(def: FnDef<never>, into: Map<string, Set<string>>): void {
  for (const step of sourceOf(def).steps) {
    if (typeof step.run !== 'function') continue;
    for (const m of Function.prototype.toString.call(step.run).matchAll(CALL_IN_SOURCE)) {
      const keys = [...(m[2] as string).matchAll(KEY)].map((k) => k[1] as string).filter((n) => !(n in Object.prototype));
      for (const q of (m[1] as string).matchAll(QUOTED)) {
        let set = into.get(q[1] as string);
        if (!set) into.set(q[1] as string, (set = new Set()));
        for (const k of keys) set.add(k);
      }
    }
  }
}

/** Layout hints for a model of functions `fns` whose threads start as `threads`. */
export function guessHints(fns: Readonly<Record<string, FnDef<never>>>, threads: readonly ThreadSpec[]): LayoutHints {
  const names = new Map<string, Set<string>>();
  let seen = true;
  for (const [fn, def] of Object.entries(fns)) {
    const set = learned.get(def);
    if (set) names.set(fn, new Set(set));
    else {
      seen = false;
      names.set(fn, new Set(namesInSource(def)));
    }
  }
  if (!seen) {
    // What callers pass a function not built before (a function built before knows its names already).
    const args = new Map<string, Set<string>>();
    for (const def of Object.values(fns)) argsInSource(def, args);
    for (const [fn, keys] of args) {
      const def = fns[fn];
      if (!def || learned.has(def)) continue;
      const set = names.get(fn) as Set<string>;
      for (const k of keys) set.add(k);
    }
  }
  for (const th of threads) {
    let set = names.get(th.fn);
    if (!set) names.set(th.fn, (set = new Set()));
    for (const k of Object.keys(th.args)) set.add(k);
  }
  return { names: new Map([...names].map(([fn, set]) => [fn, [...set].sort()])), stackWords, seen };
}
