/**
 * What 7.0 does with a page its driver let go of. 7.0 clears nothing at
 * release (zsmalloc's reset_zpdesc() only sets zpdesc->zspage = NULL; the
 * page keeps PG_movable_ops and PageZsmalloc until it is freed), so the VM
 * isolates, migrates and puts back released pages like any other, and calls
 * their driver's callbacks: no-callback-after-release is broken by design
 * (parallel-compaction, r2, r6 and r7 report it under 7.0). These probes check
 * everything else, past that invariant: does what the driver does with a
 * released page (zs_page_isolate refuses it, zs_page_migrate returns 0 for
 * it, zs_page_putback does nothing) keep the outcome right? 6.1 and 6.2,
 * where the VM never calls back a released page, run the same systems.
 */
import { defineScenario, NEWER, pass, PAST_RELEASED_CALLBACKS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';

const only = PAST_RELEASED_CALLBACKS;
/** `only` past no-callback-after-release and past the kernel's own assertions. */
const pastChecks = PAST_RELEASED_CALLBACKS.filter((id) => id !== 'kernel-bug-on' && id !== 'kernel-warn-on');

const destroyedSystem: SystemInit = {
  pages: [driverPage({ isolatedBy: 0 }), free],
  threads: [
    { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
    { name: 'D', fn: 'drv_free', args: {} },
  ],
};
const destroyedActors = ['C0: compaction with page 0 on its list, migrating it to page 1', 'D: zsmalloc freeing its object: lock_zspage(), __free_zspage() (reset_zpdesc), unlock, put'];
const destroyedPages = ["page 0: zsmalloc page, isolated by C0 (on C0's list, C0 holds a reference)", 'page 1: free (the target)'];

/** The zspage is destroyed while C0 has its page isolated. */
export const v7Destroyed = defineScenario({
  id: 'v7-zspage-destroyed-while-isolated',
  title: "7.0: zs_page_migrate() returns success for a zspage destroyed meanwhile",
  review: null,
  quote: null,
  summary:
    'The driver destroys the zspage of page 0 while C0 has the page isolated ("TODO: nothing prevents a zspage from getting destroyed while it is isolated for migration, as the page lock is temporarily dropped after zs_page_isolate() succeeded"). 7.0 does not notice: C0 locks the page and calls zs_page_migrate(), which returns 0, so migrate_movable_ops_page() clears PG_movable_ops_isolated and the migration core drops both pages. Checked on every outcome invariant but no-callback-after-release.',
  actors: destroyedActors,
  pages: destroyedPages,
  protocols: NEWER,
  expect: {
    'v6.1': pass("The VM never calls back a released page: move_to_new_folio()'s folio_test_movable() under the lock sees reset_page()'s __ClearPageMovable() and finishes the page itself.", { only }),
    'v6.2': pass('As 6.1.', { only }),
    'v7.0': pass(
      "Returning 0 is safe here: the object is gone, so nothing needs copying; dst, which got nothing, is put and freed clean; src loses PG_movable_ops_isolated, leaves C0's list and is freed by C0's folio_put(), and __free_pages_prepare() clears PG_movable_ops and the page type. No lost flag, no leak, no hang.",
      { only },
    ),
  },
  notes:
    "What the TODO fears does not happen in the model: destroying the zspage of an isolated page costs nothing as long as zs_page_migrate() tests zpdesc->zspage first (its mutant, without that test, dereferences the NULL zspage). Whether -EAGAIN (putback) would be better than 0 is a matter of accounting: both end clean here.",
  system: destroyedSystem,
});

/** The same under mutants that remove what keeps each version passing. */
export const v7DestroyedMutants = defineScenario({
  id: 'v7-zspage-destroyed-while-isolated~mutants',
  title: 'Mutants: the destroyed zspage meets a VM or driver with one check removed',
  review: null,
  quote: null,
  summary:
    "As v7-zspage-destroyed-while-isolated, under 6.1 and 6.2 with the 2022 PG_isolated fix reverted, and under 7.0 whose zs_page_migrate() does not return early for a destroyed zspage.",
  actors: destroyedActors,
  pages: destroyedPages,
  protocols: ['v6.1~non-atomic-isolated', 'v6.2~non-atomic-isolated', 'v7.0~migrate-no-destroyed-check'],
  expect: {
    'v6.1~non-atomic-isolated': violation('no-lost-flag-update', "folio_clear_isolated() under the lock is a load and a store again: the driver sleeping in lock_zspage() sets PG_waiters in between and the stale store drops it.", { only }),
    'v6.2~non-atomic-isolated': violation('no-lost-flag-update', 'As 6.1.', { only }),
    'v7.0~migrate-no-destroyed-check': violation(
      'no-null-deref',
      "Without \"if (!zpdesc->zspage) return 0;\" zs_page_migrate() calls get_zspage(zpdesc) on the page whose zspage the driver destroyed: zpdesc->zspage is NULL.",
      { only },
    ),
  },
  mutantOf: { id: 'v7-zspage-destroyed-while-isolated', change: 'the isolated flag made non-atomic (6.x), the zspage test of zs_page_migrate removed (7.0)' },
  system: destroyedSystem,
});

const rescanSystem: SystemInit = {
  pages: [driverPage(), free, free],
  threads: [
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'C1', fn: 'compact', args: { p: 0, np: 2 } },
  ],
};
const rescanActors = ['C0: compaction migrating page 0 to page 1', 'C1: compaction migrating page 0 to page 2'];
const rescanPages = ['page 0: zsmalloc page, movable', 'page 1, page 2: free (targets)'];

/** Two compactions: the second meets page 0 after the first migrated it away. */
export const v7Rescanned = defineScenario({
  id: 'v7-released-page-rescanned',
  title: '7.0: a page migrated away keeps PG_movable_ops, and the next compaction isolates it',
  review: null,
  quote: null,
  summary:
    "parallel-compaction's system, checked past no-callback-after-release. After C0 migrated page 0 away, the old page still has PG_movable_ops and PageZsmalloc (sticky until free) and no PG_movable_ops_isolated; C1, holding a reference, takes its lock and calls zs_page_isolate(), which refuses the page because reset_zpdesc() cleared zpdesc->zspage.",
  actors: rescanActors,
  pages: rescanPages,
  protocols: NEWER,
  expect: {
    'v6.1': pass("The old page is no longer PageMovable (reset_page()'s __ClearPageMovable), so C1 gives up under the lock without a callback.", { only }),
    'v6.2': pass('As 6.1.', { only }),
    'v7.0': pass("zs_page_isolate() refuses the released page (returns zpdesc->zspage, NULL); C1 unlocks and drops its reference, which may free the page.", { only }),
  },
  notes:
    "zs_page_isolate()'s test is not what keeps 7.0 passing here: v7.0~isolate-destroyed (zs_page_isolate() returning true for a destroyed zspage) also passes this scenario, because C1 then migrates the released page and zs_page_migrate() returns 0 for it. Of the two zspage tests, zs_page_migrate()'s is the one that matters in the model.",
  system: rescanSystem,
});

/** The same without the isolated test under the lock. */
export const v7RescannedMutants = defineScenario({
  id: 'v7-released-page-rescanned~no-isolated-check',
  title: 'Mutants: both compactions isolate page 0',
  review: null,
  quote: null,
  summary: 'As v7-released-page-rescanned, with the isolated test under the page lock removed from isolate_movable_page() (6.x) / isolate_movable_ops_page() (7.0).',
  actors: rescanActors,
  pages: rescanPages,
  protocols: ['v6.1~no-isolated-check', 'v6.2~no-isolated-check', 'v7.0~no-isolated-check'],
  expect: Object.fromEntries(
    ['v6.1~no-isolated-check', 'v6.2~no-isolated-check', 'v7.0~no-isolated-check'].map((v) => [
      v,
      violation(
        'no-double-isolation',
        "Both threads pass the lockless scan before either isolates; the second to take the page lock no longer tests the isolated flag and isolates the page again. (The driver's or the VM's own check of the isolated flag after the callback fires first: 6.x zs_page_isolate()'s VM_BUG_ON_PAGE(PageIsolated(page), page), 7.0's VM_WARN_ON_ONCE_PAGE(PageMovableOpsIsolated(page), page); checked here past the kernel's own checks.)",
        { only: pastChecks },
      ),
    ]),
  ),
  mutantOf: { id: 'v7-released-page-rescanned', change: 'the isolated test under the page lock removed' },
  system: rescanSystem,
});
