/**
 * v3-r9: v3 plus only Minchan's answer to R4/R5, the two-level
 * PageMovable(page, page_locked) (R9), which replaces the _mapcount marker.
 * The seed:
 *
 *   But I read your question about user-mapped drvier pages so we cannot
 *   use _mapcount anymore so I will find another thing. A option is this.
 *   ...
 *   /*
 *    * If @page_locked is false, we cannot guarantee page->mapping's stability
 *    * so just the function checks with PG_movable which could be false positive
 *    * so caller should check it again under PG_lock to check a_ops->isolate_page.
 *    *\/
 *   static inline int PageMovable(struct page *page, bool page_locked)
 *
 * The diff against v3: PageMovable tests PG_movable alone when the caller
 * does not hold PG_lock, and also page->mapping->a_ops->isolate_page when it
 * does; __SetPageMovable/__ClearPageMovable no longer touch _mapcount (the
 * layout drops the marker, R5). Nothing else changes.
 */
import { PG, test, type Layout } from '../flags.ts';
import { fields, fn, pg, type Fns } from '../dsl.ts';
import { aopsOf, asOf } from '../mapping.ts';
import type { Protocol } from '../protocol.ts';
import { v3With, type ReviewFix } from './review-fix.ts';

/**
 * R9: PageMovable(page, page_locked). Unlocked callers get the flag alone (may
 * be a PG_reclaim false positive); locked callers also need mapping->a_ops->isolate_page.
 */
export function r9PageMovable(layout: Layout): Fns[string] {
  const movable = layout.movable ?? PG.reclaim;
  return fn('include/linux/page-flags.h', 'PageMovable', [
    {
      label: 'bit',
      code: 'if (!test_bit(PG_movable, &(page->flags)) goto out; if (!page_locked) { ret = 1; goto out; }',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (!test(pg(c).flags, movable)) return c.ret(false);
        if (!c.l.locked) c.ret(true);
      },
    },
    {
      label: 'aops',
      code: 'mapping = page->mapping; if (!mapping) goto out; a_op = mapping->a_op; if (a_op->isolate_page) ret = 1;',
      reads: fields('p', 'mapping'),
      run: (c) => {
        const as = asOf(pg(c).mapping);
        c.ret(as !== 0 && aopsOf[as]?.isolate_page !== undefined);
      },
    },
  ]);
}

/** R9's fix: the two-level PageMovable(page, page_locked), without the _mapcount marker. */
export const r9Fix: ReviewFix = {
  review: 'R9',
  quote: '"we cannot use _mapcount anymore ... A option is this." / "static inline int PageMovable(struct page *page, bool page_locked)"',
  change: 'PageMovable(page, page_locked): PG_movable alone when unlocked, also a_ops->isolate_page under PG_lock; no _mapcount marker',
  layout: (layout) => ({ ...layout, mapcountMarker: false }),
  fns: (layout) => ({ PageMovable: r9PageMovable(layout) }),
};

/** Protocol v3-r9. */
export const v3R9: Protocol = v3With(r9Fix);
