/**
 * v3-r2: v3 plus only the fix agreed for R2, the driver's release of an
 * isolated page (duty 5; also duty 4, its putback_page). The seed:
 *
 *   > >5. If a subsystem want to release isolated page, it should
 *   > >clear PG_isolated but not PG_movable. Instead, VM will do it.
 *   >
 *   > Under lock? Or just with ClearPageIsolated?
 *
 *   Both:
 *   ClearPageIsolated undert PG_lock.
 *
 *   Yes, it's better to change ClearPageIsolated to __ClearPageIsolated.
 *
 * The diff against v3: the driver (drivers/zsmalloc-like.c in the model)
 * takes lock_page() before it releases a page, and clears PG_isolated with
 * the non-atomic __ClearPageIsolated() (a load and a store of the whole flags
 * word) in its release, putback_page and migratepage, under PG_lock. Nothing
 * in mm/ changes.
 */
import type { Protocol } from '../protocol.ts';
import { v3With, type ReviewFix } from './review-fix.ts';
import { v3Driver } from './v3.ts';

/** R2's fix: the driver clears PG_isolated under PG_lock, with __ClearPageIsolated. */
export const r2Fix: ReviewFix = {
  review: 'R2',
  quote: '"Under lock? Or just with ClearPageIsolated?" / "Both: ClearPageIsolated undert PG_lock. ... it\'s better to change ClearPageIsolated to __ClearPageIsolated."',
  change: 'the driver releases an isolated page under lock_page() and clears PG_isolated with the non-atomic __ClearPageIsolated()',
  fns: (layout) => v3Driver(layout, '__ClearPageIsolated', true),
};

/** Protocol v3-r2. */
export const v3R2: Protocol = v3With(r2Fix);
