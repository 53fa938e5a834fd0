/**
 * v3-r6: v3 plus only the fix agreed for R6, putback_movable_pages'
 * unlocked __ClearPageMovable of a page its driver released. The seed:
 *
 *   > >+		} else if (unlikely(PageMovable(page))) {
 *   > >+			if (PageIsolated(page)) {
 *   > >+				putback_movable_page(page);
 *   > >+			} else {
 *   > >+				__ClearPageMovable(page);
 *   >
 *   > We don't do lock_page() here, so what prevents parallel compaction
 *   > isolating the same page?
 *
 *   Need PG_lock.
 *
 * The diff against v3: in putback_movable_pages (mm/migrate.c),
 * `lock_page(page); __ClearPageMovable(page); unlock_page(page);` where v3
 * has `__ClearPageMovable(page);`. unmap_and_move keeps its unlocked calls
 * (R7, v3-r7).
 */
import type { Protocol } from '../protocol.ts';
import { v3With, type ReviewFix } from './review-fix.ts';
import { v3PutbackMovablePages } from './v3.ts';

/** R6's fix: lock_page() around putback_movable_pages' __ClearPageMovable(). */
export const r6Fix: ReviewFix = {
  review: 'R6',
  quote: '"We don\'t do lock_page() here, so what prevents parallel compaction isolating the same page?" / "Need PG_lock."',
  change: "lock_page() around putback_movable_pages()' __ClearPageMovable() of a page its driver released",
  fns: (layout) => ({ putback_movable_pages: v3PutbackMovablePages(layout, true) }),
};

/** Protocol v3-r6. */
export const v3R6: Protocol = v3With(r6Fix);
