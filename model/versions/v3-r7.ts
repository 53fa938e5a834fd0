/**
 * v3-r7: v3 plus only the fix agreed for R7, unmap_and_move's unlocked
 * __ClearPageMovable. The seed:
 *
 *   > >+			if (unlikely(PageMovable(page))) {
 *   > >+				if (PageIsolated(page))
 *   > >+					putback_movable_page(page);
 *   > >+				else {
 *   > >+					__ClearPageMovable(page);
 *   >
 *   > Again, we don't do lock_page() here, so what prevents parallel
 *   > compaction isolating the same page?
 *
 *   It seems to need PG_lock in there, too.
 *
 * The diff against v3: in unmap_and_move (mm/migrate.c), lock_page() and
 * unlock_page() around both of its __ClearPageMovable() calls: the one the
 * reviewer quoted (migration failed, the driver released the page) and the
 * one for a page freed under us (count 1), which is the same unlocked call
 * "in there, too". putback_movable_pages keeps its unlocked call (R6, v3-r6).
 */
import type { Protocol } from '../protocol.ts';
import { v3With, type ReviewFix } from './review-fix.ts';
import { v3UnmapAndMove } from './v3.ts';

/** R7's fix: lock_page() around unmap_and_move's __ClearPageMovable() calls. */
export const r7Fix: ReviewFix = {
  review: 'R7',
  quote: '"Again, we don\'t do lock_page() here, so what prevents parallel compaction isolating the same page?" / "It seems to need PG_lock in there, too."',
  change: "lock_page() around unmap_and_move()'s __ClearPageMovable() calls (migration failed on a released page; page freed under us)",
  fns: (layout) => ({ unmap_and_move: v3UnmapAndMove(layout, true) }),
};

/** Protocol v3-r7. */
export const v3R7: Protocol = v3With(r7Fix);
