/**
 * R7 under 6.1 and 6.2: what answers the question there. 6.1 drops a page
 * freed under it (page_count == 1) without the lock and clears nothing, so
 * PG_isolated stays set until the page is freed, and a parallel compaction's
 * scan ("__PageMovable(page) && !PageIsolated(page)") never gets to
 * isolate_movable_page: removing the PageMovable() test under the lock harms
 * nobody in r7-unmap-and-move-unlocked-clear. It does harm a thread already
 * past its scan (which saw the page before C0 isolated it), as in
 * r7-unmap-and-move-unlocked-clear~no-lock: that thread's reference makes
 * C0 take the locked path, which clears PG_isolated, and the thread then
 * takes the lock of a released page.
 */
import { defineScenario, violation } from '../define.ts';
import { driverPage, free } from '../../model/system.ts';

const MUTANTS = ['v6.1~no-movable-check', 'v6.2~no-movable-check'];

/** 6.x without the PageMovable() test under PG_lock, C1 already past its scan. */
export const r7ScannedNoMovableCheck = defineScenario({
  id: 'r7-unmap-and-move-unlocked-clear~scanned-no-movable-check',
  title: 'Mutant: 6.x isolate_movable_page without PageMovable() under the lock, C1 past its scan',
  review: 'R7',
  quote: "Again, we don't do lock_page() here, so what prevents parallel compaction isolating the same page?",
  summary:
    "As r7-unmap-and-move-unlocked-clear, with \"!PageMovable(page) ||\" removed from isolate_movable_page's test under PG_lock, and C1 already in isolate_movable_page (its unlocked scan saw page 0 before C0 isolated it). C1's get_page_unless_zero() makes page_count 2, so C0 does not take the freed-page path: it locks the page, move_to_new_folio() finds it released and clears PG_isolated, and C1 then takes the lock and calls page_movable_ops(page)->isolate_page: NULL.",
  actors: ['C0: compaction migrating page 0, which its driver released', 'C1: a parallel compaction whose unlocked scan saw page 0 before C0 isolated it, now in isolate_movable_page(page 0)'],
  pages: ['page 0: isolated by C0, released by the driver (mapping = PAGE_MAPPING_MOVABLE)', 'page 1: free (target)'],
  protocols: MUTANTS,
  expect: Object.fromEntries(
    MUTANTS.map((v) => [
      v,
      violation('no-null-deref', "C1 passes __PageMovable() (reset_page() kept PAGE_MAPPING_MOVABLE), takes PG_lock after C0 cleared PG_isolated and, no longer asking PageMovable(), calls page_movable_ops(page)->isolate_page: the ops are NULL."),
    ]),
  ),
  mutantOf: { id: 'r7-unmap-and-move-unlocked-clear', change: 'the PageMovable() test under PG_lock removed from isolate_movable_page (C1 already past its scan)' },
  notes: 'Without C1 past its scan this mutant passes r7-unmap-and-move-unlocked-clear under 6.x: the PG_isolated 6.1 leaves set on a page freed under C0 keeps the scan away.',
  system: {
    pages: [driverPage({ isolatedBy: 0, released: true }), free],
    threads: [
      { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
      { name: 'C1', fn: 'isolate_movable_page', args: { p: 0 }, transient: true },
    ],
  },
});
