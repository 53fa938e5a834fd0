/**
 * R2: a driver releasing a page the VM has isolated clears PG_isolated (v3),
 * or the page's movability (v4.8): under PG_lock or not? v3 as posted clears
 * it without the lock; the reviewed fix clears it under PG_lock but with the
 * non-atomic __ClearPageIsolated, which would lose a sleeper's PG_waiters on
 * 4.10's page lock (not on the bit waitqueue v3 was posted against).
 */
import { defineScenario, NEWER, pass, VERSIONS, violation } from '../define.ts';
import { driverPage, free } from '../../model/system.ts';

/** C0 migrates the isolated page while the driver releases it. */
export const r2 = defineScenario({
  id: 'r2-release-isolated-page',
  title: 'R2: the driver releases a page that compaction has isolated',
  review: 'R2',
  quote: 'Under lock? Or just with ClearPageIsolated?',
  summary:
    'Page 0 is already isolated by C0, which migrates it (or puts it back). Meanwhile the driver frees its object and releases the page following its version\'s duty 5. Minchan answered "ClearPageIsolated undert PG_lock. Yes, it\'s better to change ClearPageIsolated to __ClearPageIsolated."',
  actors: ['C0: compaction with page 0 on its list, migrating it to page 1', 'D: the driver freeing its object and releasing its page'],
  pages: ['page 0: driver page, isolated by C0 (PG_isolated, on C0\'s list, C0 holds a reference)', 'page 1: free'],
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation('isolated-cleared-under-lock', 'As posted, duty 5 lets the driver ClearPageIsolated() without PG_lock, while C0 may be between its PageIsolated() test and the driver callback.'),
    'v3-r2': violation(
      'movable-cleared-under-lock',
      "R2's fix alone: the driver now releases under PG_lock, but when C0's target allocation fails C0 puts the page back through putback_movable_pages(), finds it released (no longer isolated) and clears PG_movable without lock_page() (R6's spot, unfixed here).",
    ),
    'v3-r6': violation('isolated-cleared-under-lock', "As v3: only R2's fix puts the driver's ClearPageIsolated() under PG_lock."),
    'v3-r7': violation('isolated-cleared-under-lock', "As v3: only R2's fix puts the driver's ClearPageIsolated() under PG_lock."),
    'v3-r9': violation('isolated-cleared-under-lock', "As v3: only R2's fix puts the driver's ClearPageIsolated() under PG_lock."),
    'v3-reviewed': violation(
      'driver-page-off-lru',
      "The driver's release under PG_lock holds (on v3's bit-waitqueue lock its non-atomic __ClearPageIsolated() loses no sleeper), but after unlock_page(newpage) C0 asks PageMovable(newpage, false) without the lock; the driver has meanwhile released page 1 (__ClearPageMovable under PG_lock), so C0 hands a driver page to putback_lru_page(): the reliance 5.0 removed from v4.8.",
    ),
    'v4.8': pass(
      "4.8's page lock is the bit waitqueue: the driver sleeping in lock_page() waits on page_waitqueue(page) and writes nothing to page->flags, so the VM's non-atomic __ClearPageIsolated()/__SetPageIsolated() under PG_lock have nothing to lose; the driver's release under PG_lock is seen by the VM's PageMovable() under the same lock.",
    ),
    'v4.10': violation(
      'no-lost-flag-update',
      "4.10's sleeper sets PG_waiters in page->flags: the VM's own __ClearPageIsolated()/__SetPageIsolated() under PG_lock (still non-atomic) store a word loaded before the driver, sleeping in lock_page(), set PG_waiters, and drop it; upstream fixed this in 2022 by making them atomic.",
    ),
    'v4.10-generic': violation('no-lost-flag-update', "As v4.10: the VM's non-atomic __ClearPageIsolated()/__SetPageIsolated() drop the sleeper's PG_waiters whatever the unlock does afterwards."),
    'v4.8-atomic': pass('With atomic PG_isolated updates nothing undoes PG_waiters, and the driver\'s release under PG_lock is seen by the VM\'s PageMovable() under the same lock.'),
    'v5.0': violation('no-lost-flag-update', 'As v4.10: 5.0 changed only how __unmap_and_move() puts newpage; PG_isolated is still non-atomic.'),
    'v5.19': pass('The 2022 fix (356ea3865687): SetPageIsolated()/ClearPageIsolated() are atomic, so nothing undoes PG_waiters.'),
    'v6.1': pass("The driver's reset_page() clears the ops under PG_lock, so move_to_new_folio()'s folio_test_movable() under the lock sees the release and finishes the page (folio_clear_isolated(), atomic); a page freed under C0 (page_count == 1) is dropped without the lock, and free_pages_prepare() clears PG_isolated."),
    'v6.2': pass('As 6.1.'),
    'v7.0': violation('no-callback-after-release', 'By design: 7.0 does not look at the release; C0 locks the page whose zspage the driver destroyed and calls zs_page_migrate(), which returns 0 ("TODO: nothing prevents a zspage from getting destroyed while it is isolated for migration"), or putback_page. v7-zspage-destroyed-while-isolated checks the rest.'),
  },
  notes:
    'PG_waiters exists since Linux 4.10; 4.8 woke sleepers from a hashed bit waitqueue without a flag bit, so v4.8 passes and the loss starts with v4.10. v3 and its reviewed variants run on that bit waitqueue too (the kernel they were posted against): there v3-reviewed\'s non-atomic __ClearPageIsolated() loses no sleeper, which it did while they ran on the 4.10 lock, and the violation left is driver-page-off-lru. Upstream commit "mm/migrate: fix race between lock page and clear PG_Isolated" (356ea3865687, 2022) made PG_isolated atomic for exactly this interleaving (v5.19; v4.8-atomic is that fix backported to 4.10).',
  system: {
    pages: [driverPage({ isolatedBy: 0 }), free],
    threads: [
      { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
      { name: 'D', fn: 'drv_free', args: {} },
    ],
  },
});
