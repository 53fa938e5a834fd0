/**
 * Protocol v5.0: v4.10 with "mm: migrate: don't rely on __PageMovable() of
 * newpage after unlocking it" (David Hildenbrand, 2019; the posted v2 patch
 * is ../shared/kernel/v5.0/PATCH-mm-migrate-dont-rely-on-PageMovable-of-newpage.txt).
 *
 * The one change to the modelled code (mm/migrate.c __unmap_and_move of
 * 5.0): on success, newpage is put with put_page() or putback_lru_page()
 * according to `is_lru`, computed from the old page before it was locked,
 * no longer by reading `__PageMovable(newpage)` after `unlock_page(newpage)`,
 * when its new owner may already have changed it. (isolate_movable_page now
 * returns 0 / -EBUSY instead of true / false: the model's boolean is the same
 * answer.) PG_isolated is still non-atomic and the page lock is 4.10's.
 */
import { editFns } from '../mutate.ts';
import { extendProtocol, type Protocol } from '../protocol.ts';
import { RC } from '../dsl.ts';
import { rcOf } from './common.ts';
import { v410 } from './v4.10.ts';
import { recite } from './recite.ts';
import type { KFn } from '../dsl.ts';

/** Protocol v5.0. */
export const v50: Protocol = extendProtocol(v410, {
  id: 'v5.0',
  title: "v5.0: newpage's put decided by is_lru, not by __PageMovable(newpage) after unlocking it",
  description:
    "v4.10 with the 2019 fix \"mm: migrate: don't rely on __PageMovable() of newpage after unlocking it\": __unmap_and_move() puts a migrated newpage with put_page() or putback_lru_page() according to is_lru = !__PageMovable(page) of the old page, computed before locking it. PG_isolated is still non-atomic, on the PG_waiters page lock.",
  fns: (_layout, base) => ({
    ...editFns(base, {
      __unmap_and_move: {
        success: {
          code: 'out: if (rc == MIGRATEPAGE_SUCCESS) { if (unlikely(!is_lru)) put_page(newpage); else putback_lru_page(newpage); }',
          run: (c) => {
            if (rcOf(c) !== RC.SUCCESS) return c.ret(rcOf(c));
            // The old page's is_lru, from before lock_page(page): newpage is not read.
            c.l.mv = !c.l.is_lru;
          },
        },
      },
    }),
    // int isolate_movable_page(): 0 on success, -EBUSY otherwise (the model's true / false).
    isolate_movable_page: recite(base.isolate_movable_page as KFn, {
      unlock_ok: '__SetPageIsolated(page); unlock_page(page); return 0;',
      out_putpage: 'out_putpage: put_page(page); out: return -EBUSY;',
    }),
  }),
});
