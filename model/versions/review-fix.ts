/**
 * A fix the v3 review thread agreed, as a piece that can be applied to v3
 * alone (v3-r2, v3-r6, v3-r7, v3-r9: one version per fix, so a reviewer can
 * judge one fix by itself) or together with the others (v3-reviewed). Each
 * fix lives in its own file, named after the review comment it answers
 * (PROTOCOL.md numbers them R1-R9).
 */
import type { Layout } from '../flags.ts';
import type { Fns } from '../dsl.ts';
import type { Protocol, Since } from '../protocol.ts';
import { v3, v3Fns, v3Layout } from './v3.ts';

/** A review comment of the seed thread, as PROTOCOL.md numbers them. */
export type Review = `R${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

/** One agreed fix of v3: what it does to the layout (if anything) and the functions it replaces. */
export interface ReviewFix {
  /** The review comment it answers. */
  readonly review: Review;
  /** The comment and the answer, quoted from the seed thread. */
  readonly quote: string;
  /** What it changes, in one sentence (for descriptions and `movcheck timeline`). */
  readonly change: string;
  /** The layout after the fix (default: unchanged). */
  readonly layout?: (layout: Layout) => Layout;
  /** The functions the fix replaces, built for the final layout. */
  readonly fns: (layout: Layout) => Fns;
}

/** The layout of v3 with `fixes` applied, in order. */
export function fixedLayout(fixes: readonly ReviewFix[], base: Layout = v3Layout): Layout {
  return fixes.reduce((l, f) => (f.layout ? f.layout(l) : l), base);
}

/** Every function of v3 with `fixes` applied (on `layout`, by default the fixes' own). */
export function fixedFns(fixes: readonly ReviewFix[], layout: Layout = fixedLayout(fixes)): Fns {
  return Object.assign(v3Fns(layout), ...fixes.map((f) => f.fns(layout))) as Fns;
}

/** v3 plus exactly one agreed fix, as its own version `v3-<r>` (its `since` names the fix). */
export function v3With(fix: ReviewFix): Protocol {
  const id = `v3-${fix.review.toLowerCase()}`;
  const since: Since = { kernel: 'v3 patch', commit: `review ${fix.review} alone: ${fix.change}` };
  return {
    id,
    title: `v3 with ${fix.review}'s fix alone`,
    description: `v3 as posted plus only the fix the thread agreed for ${fix.review} (${fix.quote}): ${fix.change}. Everything else is v3, on 4.8's bit-waitqueue page lock.`,
    layout: fixedLayout([fix]),
    fns: fixedFns([fix]),
    base: v3.id,
    since,
  };
}
