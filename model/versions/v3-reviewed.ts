/**
 * Protocol v3-reviewed: v3 with every fix the review thread agreed, taken
 * literally, composed from the same pieces as the one-fix versions (so
 * nothing is written twice): R2 (v3-r2.ts: the driver clears PG_isolated
 * under PG_lock with __ClearPageIsolated), R6 (v3-r6.ts: lock_page around
 * putback_movable_pages' __ClearPageMovable), R7 (v3-r7.ts: the same in
 * unmap_and_move) and R9 (v3-r9.ts: PageMovable(page, page_locked), which
 * replaces the _mapcount marker, R5). Like v3, on 4.8's bit-waitqueue page lock.
 */
import type { Layout } from '../flags.ts';
import type { Fns } from '../dsl.ts';
import type { Protocol } from '../protocol.ts';
import { fixedFns, fixedLayout, type ReviewFix } from './review-fix.ts';
import { r2Fix } from './v3-r2.ts';
import { r6Fix } from './v3-r6.ts';
import { r7Fix } from './v3-r7.ts';
import { r9Fix } from './v3-r9.ts';

export { r9PageMovable } from './v3-r9.ts';

/** The agreed fixes, in the order of the review comments. */
export const reviewFixes: readonly ReviewFix[] = [r2Fix, r6Fix, r7Fix, r9Fix];

/** v3's aliases and page lock, without the _mapcount marker (R9). */
export const v3ReviewedLayout: Layout = fixedLayout(reviewFixes);

/** Every function of v3-reviewed. */
export function v3ReviewedFns(layout: Layout = v3ReviewedLayout): Fns {
  return fixedFns(reviewFixes, layout);
}

/** Protocol v3-reviewed. */
export const v3Reviewed: Protocol = {
  id: 'v3-reviewed',
  title: "v3 with the thread's agreed fixes",
  description:
    'v3 plus what the review agreed, taken literally (the fixes of v3-r2, v3-r6, v3-r7 and v3-r9 together): lock_page around the unlocked __ClearPageMovable in putback_movable_pages and unmap_and_move; the driver clears PG_isolated under PG_lock with the non-atomic __ClearPageIsolated; PageMovable(page, page_locked) checks the flag alone when unlocked and a_ops->isolate_page under PG_lock; no _mapcount marker.',
  layout: v3ReviewedLayout,
  fns: v3ReviewedFns(),
  base: 'v3',
};
