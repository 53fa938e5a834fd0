/**
 * Protocol v3-reviewed: v3 with what the review thread agreed to change, taken
 * literally. lock_page around the unlocked __ClearPageMovable calls (R6, R7:
 * "Need PG_lock", "It seems to need PG_lock in there, too"); the driver clears
 * PG_isolated under PG_lock with __ClearPageIsolated (R2: "ClearPageIsolated
 * undert PG_lock. Yes, it's better to change ClearPageIsolated to
 * __ClearPageIsolated"); Minchan's two-level PageMovable(page, page_locked)
 * (R9), which replaces the _mapcount marker (R5: "we cannot use _mapcount anymore").
 */
import { PG, test, type Layout } from '../flags.ts';
import { fields, fn, pg, type Fns } from '../dsl.ts';
import { aopsOf, asOf } from '../mapping.ts';
import type { Protocol } from '../protocol.ts';
import { v3Driver, v3Fns, v3PutbackMovablePages, v3UnmapAndMove } from './v3.ts';

/** v3's aliases, without the _mapcount marker. */
export const v3ReviewedLayout: Layout = { isolated: PG.owner_priv_1, movable: PG.reclaim, mapcountMarker: false };

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

/** Every function of v3-reviewed. */
export function v3ReviewedFns(layout: Layout = v3ReviewedLayout): Fns {
  return {
    ...v3Fns(layout),
    PageMovable: r9PageMovable(layout),
    putback_movable_pages: v3PutbackMovablePages(layout, true),
    unmap_and_move: v3UnmapAndMove(layout, true),
    ...v3Driver(layout, '__ClearPageIsolated', true),
  };
}

/** Protocol v3-reviewed. */
export const v3Reviewed: Protocol = {
  id: 'v3-reviewed',
  title: "v3 with the thread's agreed fixes",
  description:
    'v3 plus what the review agreed, taken literally: lock_page around the unlocked __ClearPageMovable in putback_movable_pages and unmap_and_move; the driver clears PG_isolated under PG_lock with the non-atomic __ClearPageIsolated; PageMovable(page, page_locked) checks the flag alone when unlocked and a_ops->isolate_page under PG_lock; no _mapcount marker.',
  layout: v3ReviewedLayout,
  fns: v3ReviewedFns(),
  base: 'v3',
};
