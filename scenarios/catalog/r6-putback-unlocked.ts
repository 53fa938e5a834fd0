/**
 * R6: putback_movable_pages clears PG_movable of a page its driver released
 * without lock_page. What stops a parallel compaction isolating the page?
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, V48_FAMILY, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';

const quote = "We don't do lock_page() here, so what prevents parallel compaction isolating the same page?";
const system: SystemInit = {
  pages: [driverPage({ isolatedBy: 0, released: true }), free],
  threads: [
    { name: 'C0', fn: 'compact_putback', args: { p: 0 } },
    { name: 'C1', fn: 'compact', args: { p: 0, np: 1 } },
  ],
};
const actors = ['C0: compaction putting back page 0 (putback_movable_pages)', 'C1: a parallel compaction scanning page 0'];
const pages = ["page 0: isolated by C0, already released by the driver (duty 5 of its version done, driver's reference dropped)", 'page 1: free'];

/** C0 puts back a released page while C1 scans it. */
export const r6 = defineScenario({
  id: 'r6-putback-unlocked-clear',
  title: 'R6: putback_movable_pages and a parallel compaction',
  review: 'R6',
  quote,
  summary: 'The driver released page 0 while C0 had it isolated. C0 now puts it back: the page is movable but no longer isolated, so it clears the movable state and drops its reference. C1 scans the same page at the same time.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation('movable-cleared-under-lock', '__ClearPageMovable() runs without lock_page(), as the reviewer saw.'),
    'v3-r2': violation('movable-cleared-under-lock', "As v3: only R6's fix puts putback_movable_pages()' __ClearPageMovable() under lock_page()."),
    'v3-r6': violation(
      'no-callback-after-release',
      "R6's fix alone gives v3-reviewed's outcome: the lock is there, but the released page still looks movable and not isolated, so C1 isolates it under PG_lock and calls the driver's isolate_page on a page the driver released.",
    ),
    'v3-r7': violation('movable-cleared-under-lock', "As v3: R7's lock is in unmap_and_move(), not in putback_movable_pages()."),
    'v3-r9': violation('movable-cleared-under-lock', "As v3: only R6's fix puts putback_movable_pages()' __ClearPageMovable() under lock_page()."),
    'v3-reviewed': violation(
      'no-callback-after-release',
      'The lock is there now, but a released v3 page still looks movable (duty 5 leaves PG_movable to the VM) and not isolated: C1 isolates it under PG_lock first and calls the driver\'s isolate_page on a page the driver released.',
    ),
    'v4.8': pass('The driver\'s release cleared the mapping under PG_lock, so C1\'s PageMovable() under the lock fails; C0 clears PG_isolated under the lock.'),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() wakes as x86\'s does here.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass("As 4.8: the driver's reset_page() left mapping = PAGE_MAPPING_MOVABLE under PG_lock, so C1's PageMovable() under the lock fails (page_movable_ops() is NULL); C0 clears PG_isolated under lock_page()."),
    'v6.2': pass('As 6.1.'),
    'v7.0': violation('no-callback-after-release', 'By design: putback_movable_ops_page() calls zs_page_putback() (empty) on the released page, and C1 may call zs_page_isolate() on it, which refuses it (zpdesc->zspage is NULL). v7-released-page-rescanned checks the rest.'),
  },
  notes: 'v3-reviewed shows that the agreed lock_page is not enough: the released page must stop being PageMovable when the driver lets go of it, which v4.8 does with __ClearPageMovable under PG_lock.',
  system,
});

/**
 * The mutant's system: r6's, with the driver releasing page 0 while C0 puts it
 * back (r6 starts after the release). What v4.8's lock_page in
 * putback_movable_pages (mm/migrate.c) is for: "if (PageMovable(page))
 * putback_movable_page(page);" must see the driver's release, which it does
 * under PG_lock ("__ClearPageMovable(page)" in the driver's free path, as
 * balloon_page_delete does), before or after the callback, never in between.
 */
const driverSystem: SystemInit = {
  pages: [driverPage({ isolatedBy: 0 }), free],
  threads: [
    { name: 'C0', fn: 'compact_putback', args: { p: 0 } },
    { name: 'C1', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'D', fn: 'drv_free', args: {} },
  ],
};
const noLockHarm =
  "C0's PageMovable(page) finds the driver's a_ops; without PG_lock the driver D then takes the lock, clears the mapping (__ClearPageMovable), frees its object and drops its reference, and C0's putback_movable_page calls a_ops->putback_page on the page D released. (PageMovable()'s own VM_BUG_ON_PAGE(!PageLocked(page), page) catches the unlocked call first, kernel-bug-on, and C0's unlocked __ClearPageIsolated is isolated-cleared-under-lock; checked here on the outcome invariants past the kernel's own checks.)";

/** v4.8 without the lock_page that R6 asked for, with the driver releasing the page meanwhile. */
export const r6Mutant = defineScenario({
  id: 'r6-putback-unlocked-clear~no-lock',
  title: 'Mutant: v4.8 putback_movable_pages without lock_page',
  review: 'R6',
  quote,
  summary:
    "As r6-putback-unlocked-clear, with lock_page()/unlock_page() removed from v4.8's putback_movable_pages, and the driver releasing page 0 while C0 puts it back (rather than before): C0 calls the driver's putback_page on a page the driver released.",
  actors: [...actors, 'D: the driver freeing its object and releasing page 0 (under PG_lock)'],
  pages: ["page 0: isolated by C0 (PG_isolated, on C0's list, C0 holds a reference), not yet released", 'page 1: free'],
  protocols: [...V48_FAMILY.map((v) => `${v}~putback-no-lock`), ...['v6.1~putback-no-lock', 'v6.2~putback-no-lock']],
  expect: {
    ...(Object.fromEntries(V48_FAMILY.map((v) => [`${v}~putback-no-lock`, violation('no-callback-after-release', noLockHarm, { only: PAST_KERNEL_CHECKS })]))),
    'v6.1~putback-no-lock': violation('no-callback-after-release', "As 4.8's: C0's PageMovable() finds the ops; without PG_lock the driver then releases the page (reset_page()) and C0's putback_movable_page() calls mops->putback_page on it. (Checked past the kernel's own checks.)", { only: PAST_KERNEL_CHECKS }),
    'v6.2~putback-no-lock': violation('no-callback-after-release', "As 4.8's: C0's PageMovable() finds the ops; without PG_lock the driver then releases the page (reset_page()) and C0's putback_movable_page() calls mops->putback_page on it. (Checked past the kernel's own checks.)", { only: PAST_KERNEL_CHECKS }),
  },
  mutantOf: { id: 'r6-putback-unlocked-clear', change: 'lock_page()/unlock_page() removed from putback_movable_pages (and the driver releases the page meanwhile)' },
  notes:
    "Without the driver thread the mutant harms nobody: r6's page is released before C0 starts, so C1 cannot pass its scan's PageIsolated() test before C0's (unlocked) clear, and only the rule-style isolated-cleared-under-lock fails. Under v4.8 this system also reaches R2's lost PG_waiters (D sleeping in C0's lock_page is not a harm of the mutant); no-callback-after-release is unreachable under v4.8 and v4.8-atomic themselves.",
  system: driverSystem,
});

/** v4.8 whose isolate_movable_page does not re-check PageMovable under PG_lock: the answer to R6's question removed. */
export const r6MovableCheck = defineScenario({
  id: 'r6-putback-unlocked-clear~no-movable-check',
  title: 'Mutant: a parallel compaction isolates the released page',
  review: 'R6',
  quote,
  summary:
    "As r6-putback-unlocked-clear, with \"!PageMovable(page) ||\" removed from isolate_movable_page's test under PG_lock: once C0 has cleared PG_isolated, C1 takes PG_lock and calls a_ops->isolate_page through the mapping the driver's release cleared.",
  actors,
  pages,
  protocols: [...V48_FAMILY.map((v) => `${v}~no-movable-check`), ...['v6.1~no-movable-check', 'v6.2~no-movable-check']],
  expect: {
    ...(Object.fromEntries(
    V48_FAMILY.map((v) => `${v}~no-movable-check`).map((v) => [
      v,
      violation(
        'no-null-deref',
        "C1 passes __PageMovable() (the release keeps PAGE_MAPPING_MOVABLE), takes PG_lock after C0's put-back and, no longer asking PageMovable(), calls page_mapping(page)->a_ops->isolate_page: the driver's release left page_mapping() NULL.",
      ),
    ]),
  )),
    'v6.1~no-movable-check': violation('no-null-deref', "C1 passes __PageMovable() (the release keeps PAGE_MAPPING_MOVABLE), takes PG_lock after C0's put-back and, no longer asking PageMovable(), calls page_movable_ops(page)->isolate_page: NULL."),
    'v6.2~no-movable-check': violation('no-null-deref', "C1 passes __PageMovable() (the release keeps PAGE_MAPPING_MOVABLE), takes PG_lock after C0's put-back and, no longer asking PageMovable(), calls page_movable_ops(page)->isolate_page: NULL."),
  },
  mutantOf: { id: 'r6-putback-unlocked-clear', change: 'the PageMovable() test under PG_lock removed from isolate_movable_page' },
  system,
});
