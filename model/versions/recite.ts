/**
 * Citing a later kernel's text for an unchanged step: a version whose code
 * does the same as its parent's but reads differently (a function renamed, a
 * return value spelt another way, the atomic form of a flag helper) keeps the
 * parent's steps and replaces what they cite.
 */
import type { KFn } from '../dsl.ts';

/** The same steps as `f`, cited as kernel function `name` (default: as before) with the statements in `codes` (by label). */
export function recite(f: KFn, codes: Readonly<Record<string, string>>, name?: string): KFn {
  const labels = new Set(f.steps.map((s) => s.label));
  for (const l of Object.keys(codes)) if (!labels.has(l)) throw new Error(`recite: ${f.steps[0]?.src.fn ?? '?'} has no step ${l}`);
  return { steps: f.steps.map((s) => ({ ...s, src: { ...s.src, fn: name ?? s.src.fn, code: codes[s.label] ?? s.src.code } })) };
}

/** The same steps as `f`, every cited statement with `from` replaced by `to` (e.g. `__ClearPageIsolated(` by `ClearPageIsolated(`). */
export function reword(f: KFn, from: string, to: string): KFn {
  return { steps: f.steps.map((s) => ({ ...s, src: { ...s.src, code: s.src.code.split(from).join(to) } })) };
}
