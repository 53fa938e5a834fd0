/**
 * First guess of a packed layout: a few seeded random runs of the object
 * model show each function's local names and how deep each thread's stack
 * gets. A guess that falls short costs a restart (LayoutGrowth), not a wrong
 * answer, so the runs are short.
 */
import type { Model } from '../model.ts';
import type { FnDef, SysState } from '../program/index.ts';
import type { LayoutHints } from './compile.ts';

/** Deterministic 32-bit generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Local names learned by earlier builds, per function definition (shared by every model built from it). */
const learned = new WeakMap<object, Set<string>>();

/** Remembers the local names of `hints` for the functions of `fns`, so later builds start with them. */
export function learn(fns: Readonly<Record<string, FnDef<never>>>, hints: LayoutHints): void {
  for (const [fn, ns] of hints.names) {
    const def = fns[fn];
    if (!def) continue;
    let set = learned.get(def);
    if (!set) learned.set(def, (set = new Set()));
    for (const n of ns) set.add(n);
  }
}

/**
 * Layout hints for a model whose functions are `fns`: what earlier builds
 * learned, plus `walks` random runs of at most `steps` steps each (fewer when
 * most functions are known already).
 */
export function guessHints<W>(model: Model<SysState<W>>, fns: Readonly<Record<string, FnDef<W>>>, walks = 6, steps = 300): LayoutHints {
  const names = new Map<string, Set<string>>();
  let known = 0;
  for (const [fn, def] of Object.entries(fns)) {
    const set = learned.get(def);
    if (set) {
      names.set(fn, new Set(set));
      known++;
    }
  }
  if (known * 2 >= Object.keys(fns).length) walks = 2;
  const stacks = new Set<string>();
  const see = (s: SysState<W>) => {
    for (const th of s.t) {
      for (const fr of th.frames) {
        let set = names.get(fr.fn);
        if (!set) names.set(fr.fn, (set = new Set()));
        for (const k of Object.keys(fr.l)) set.add(k);
      }
      stacks.add(th.frames.map((f) => f.fn).join('\u0000'));
    }
  };
  const next = rng(0x5eed);
  for (let w = 0; w < walks; w++) {
    let s = model.init();
    see(s);
    for (let i = 0; i < steps; i++) {
      const acts = model.actions(s);
      if (acts.length === 0) break;
      s = model.apply(s, acts[Math.floor(next() * acts.length)]!);
      see(s);
    }
  }
  const sorted = new Map([...names].map(([fn, set]) => [fn, [...set].sort()]));
  let words = 1;
  for (const st of stacks) {
    let n = 1;
    for (const fn of st ? st.split('\u0000') : []) n += 3 + (sorted.get(fn)?.length ?? 0);
    words = Math.max(words, n);
  }
  return { names: sorted, stackWords: words + 8 };
}
