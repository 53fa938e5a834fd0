/**
 * Protocol v4.10: v4.8's migration code on 4.10's page lock. The diff against
 * v4.8 is the primitive, not mm/migrate.c:
 *
 * - "mm: add PageWaiters indicating tasks are waiting for a page bit"
 *   (Nicholas Piggin, Linux 4.10) and "mm: optimize PageWaiters bit use for
 *   unlock_page()" (Linus Torvalds, 4.10): a sleeper in lock_page() sets
 *   PG_waiters in page->flags (`SetPageWaiters(page)` in
 *   wait_on_page_bit_common, mm/filemap.c), and unlock_page() wakes only when
 *   `clear_bit_unlock_is_negative_byte(PG_locked, &page->flags)` finds it set
 *   (one `lock andb` on x86, arch/x86/include/asm/bitops.h). See
 *   prim/pagelock.ts; sources in ../shared/kernel/v4.10/.
 * - PG_isolated is still `__PAGEFLAG(Isolated, isolated, PF_ANY)`
 *   (include/linux/page-flags.h of 4.10): __SetPageIsolated and
 *   __ClearPageIsolated, done under PG_lock, are a load and a store of the
 *   whole flags word, and now a sleeper's PG_waiters lives in that word.
 *   This is the race the 2022 fix closed (v5.19).
 * - The free path: PAGE_FLAGS_CHECK_AT_FREE no longer has PG_swapcache (not
 *   modelled); PG_waiters is not in it (cleared by CHECK_AT_PREP).
 */
import type { Layout } from '../flags.ts';
import { FREE_4_10 } from '../prim/freepage.ts';
import type { Protocol } from '../protocol.ts';
import { v48, v48Fns, v48Layout } from './v4.8.ts';

/** v4.10's layout: v4.8's, on the PG_waiters page lock and 4.10's free path. */
export const v410Layout: Layout = { ...v48Layout, pageLock: 'waiters', free: FREE_4_10 };

/** Protocol v4.10. */
export const v410: Protocol = {
  id: 'v4.10',
  title: 'v4.10: v4.8 on the PG_waiters page lock',
  description:
    "v4.8's migration code (unchanged in mm/migrate.c) on Linux 4.10's page lock: a sleeper in lock_page() sets PG_waiters in page->flags and unlock_page() wakes only when it finds PG_waiters set, while PG_isolated is still changed with the non-atomic __SetPageIsolated/__ClearPageIsolated under PG_lock. The r2/r3 lost-wakeup verdicts belong here (4.10 to 5.18).",
  layout: v410Layout,
  fns: v48Fns(v410Layout),
  base: v48.id,
};
