/**
 * R7: unmap_and_move clears PG_movable of a page freed under it (or that
 * failed migration) without lock_page, like R6.
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, V48_FAMILY, V48_NONATOMIC, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';

const quote = "Again, we don't do lock_page() here, so what prevents parallel compaction isolating the same page?";
const system: SystemInit = {
  pages: [driverPage({ isolatedBy: 0, released: true }), free, free],
  threads: [
    { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
    { name: 'C1', fn: 'compact', args: { p: 0, np: 2 } },
  ],
};
const actors = ['C0: compaction migrating page 0, which its driver released (page_count == 1)', 'C1: a parallel compaction scanning page 0'];
const pages = ['page 0: isolated by C0, released by the driver', 'page 1, page 2: free (targets)'];

/** C0 finds page 0 freed under it while C1 scans it. */
export const r7 = defineScenario({
  id: 'r7-unmap-and-move-unlocked-clear',
  title: 'R7: unmap_and_move on a released page and a parallel compaction',
  review: 'R7',
  quote,
  summary: 'C0 allocates a target and sees page_count(page) == 1: the page was freed from under it. It clears the movable state and drops the page. C1 scans page 0 at the same time.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation('movable-cleared-under-lock', '"if (PageMovable(page)) __ClearPageMovable(page);" runs without lock_page().'),
    'v3-r2': violation('movable-cleared-under-lock', "As v3: R2's fix is the driver's, not unmap_and_move()'s."),
    'v3-r6': violation('movable-cleared-under-lock', "As v3: R6's lock is in putback_movable_pages(), not in unmap_and_move()."),
    'v3-r7': violation(
      'movable-cleared-under-lock',
      "R7's fix alone is not enough here: when get_new_page() fails (-ENOMEM), C0 puts the released page back through putback_movable_pages(), whose __ClearPageMovable() is still without lock_page() (R6's spot).",
    ),
    'v3-r9': violation('movable-cleared-under-lock', "As v3: R9 changes PageMovable(), not unmap_and_move()'s lock."),
    'v3-reviewed': violation('no-callback-after-release', 'With the lock added, C1 can still take PG_lock first and isolate the released page, which still looks movable.'),
    'v4.8': pass('Released pages are not PageMovable under PG_lock in v4.8; C0 clears PG_isolated under the lock.'),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() wakes as x86\'s does here.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass('6.1 drops a page freed under it (page_count == 1) without the lock and clears nothing ("free_pages_prepare() will clear PG_isolated"); C1 either finds PG_isolated set in its scan, or takes the lock later and finds the page !PageMovable.'),
    'v6.2': pass('As 6.1.'),
    'v7.0': violation('no-callback-after-release', 'By design: 7.0 has no refcount-1 shortcut for movable_ops pages; C0 locks the released page and calls zs_page_migrate(), which returns 0 for the destroyed zspage.'),
  },
  system,
});

/**
 * The mutant's system: r7's, with C1 already past its scan. The scan tests
 * "__PageMovable(page) && !PageIsolated(page)" without any lock
 * (isolate_migratepages_block, mm/compaction.c), so C1 may have seen page 0
 * before C0 isolated it and be about to call isolate_movable_page on it.
 */
const scannedSystem: SystemInit = {
  pages: [driverPage({ isolatedBy: 0, released: true }), free],
  threads: [
    { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
    { name: 'C1', fn: 'isolate_movable_page', args: { p: 0 }, transient: true },
  ],
};

/** v4.8 without the lock in the freed-under-us path; C1 already in isolate_movable_page. */
export const r7Mutant = defineScenario({
  id: 'r7-unmap-and-move-unlocked-clear~no-lock',
  title: 'Mutant: v4.8 unmap_and_move without lock_page for a freed page',
  review: 'R7',
  quote,
  summary:
    "As r7-unmap-and-move-unlocked-clear, with lock_page()/unlock_page() removed from v4.8's page-freed-under-us path, and C1 already past its scan (which saw page 0 before C0 isolated it): C0's unlocked __ClearPageIsolated() stores a flags word loaded before C1's trylock_page() set PG_locked.",
  actors: [actors[0]!, "C1: a parallel compaction whose unlocked scan saw page 0 before C0 isolated it, now in isolate_movable_page(page 0)"],
  pages: ['page 0: isolated by C0, released by the driver', 'page 1: free (target)'],
  protocols: V48_NONATOMIC.map((v) => `${v}~freed-no-lock`),
  expect: Object.fromEntries(
    V48_NONATOMIC.map((v) => [
      `${v}~freed-no-lock`,
      violation(
        'no-lost-flag-update',
        "C0 sees page_count == 1 and, without PG_lock, loads page->flags for the non-atomic __ClearPageIsolated(); C1's get_page_unless_zero() and trylock_page() set PG_locked; C0's store drops it, and C1 holds a page lock whose PG_locked is clear (page-lock-consistent follows). (PageMovable()'s own VM_BUG_ON_PAGE(!PageLocked(page), page) catches the unlocked call first, kernel-bug-on, and the unlocked clear is isolated-cleared-under-lock; checked here on the outcome invariants past the kernel's own checks.)",
        { only: PAST_KERNEL_CHECKS },
      ),
    ]),
  ),
  mutantOf: { id: 'r7-unmap-and-move-unlocked-clear', change: "lock_page()/unlock_page() removed from unmap_and_move's freed-page path (C1 already past its scan)" },
  notes:
    "v4.8-atomic and v5.19 without this lock harm nobody in the model: their ClearPageIsolated() is an atomic clear_bit, and C1, whoever takes PG_lock, finds the released page !PageMovable and gives up. (Later kernels drop the lock there: migrate_folio_unmap() leaves PG_isolated of a folio freed under it to free_pages_prepare().) So they have no ~freed-no-lock mutant; r7-unmap-and-move-unlocked-clear~no-movable-check removes the check that does answer R7 under both versions.",
  system: scannedSystem,
});

/** v4.8 whose isolate_movable_page does not re-check PageMovable under PG_lock: the answer to R7's question removed. */
export const r7MovableCheck = defineScenario({
  id: 'r7-unmap-and-move-unlocked-clear~no-movable-check',
  title: 'Mutant: a parallel compaction isolates the page freed under C0',
  review: 'R7',
  quote,
  summary:
    "As r7-unmap-and-move-unlocked-clear, with \"!PageMovable(page) ||\" removed from isolate_movable_page's test under PG_lock: once C0 has cleared PG_isolated of the page freed under it, C1 takes PG_lock and calls a_ops->isolate_page through the mapping the driver's release cleared.",
  actors,
  pages,
  protocols: V48_FAMILY.map((v) => `${v}~no-movable-check`),
  expect: Object.fromEntries(
    V48_FAMILY.map((v) => `${v}~no-movable-check`).map((v) => [
      v,
      violation(
        'no-null-deref',
        "C1 passes __PageMovable() (the release keeps PAGE_MAPPING_MOVABLE), takes PG_lock after C0's freed-page path and, no longer asking PageMovable(), calls page_mapping(page)->a_ops->isolate_page: the driver's release left page_mapping() NULL.",
      ),
    ]),
  ),
  mutantOf: { id: 'r7-unmap-and-move-unlocked-clear', change: 'the PageMovable() test under PG_lock removed from isolate_movable_page' },
  system,
});
