/**
 * R6: putback_movable_pages clears PG_movable of a page its driver released
 * without lock_page. What stops a parallel compaction isolating the page?
 */
import { defineScenario, pass, violation, VERSIONS } from '../define.ts';
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
  protocols: VERSIONS,
  expect: {
    v3: violation('movable-cleared-under-lock', '__ClearPageMovable() runs without lock_page(), as the reviewer saw.'),
    'v3-reviewed': violation(
      'no-callback-after-release',
      'The lock is there now, but a released v3 page still looks movable (duty 5 leaves PG_movable to the VM) and not isolated: C1 isolates it under PG_lock first and calls the driver\'s isolate_page on a page the driver released.',
    ),
    'v4.8': pass('The driver\'s release cleared the mapping under PG_lock, so C1\'s PageMovable() under the lock fails; C0 clears PG_isolated under the lock.'),
    'v4.8-atomic': pass('As v4.8.'),
  },
  notes: 'v3-reviewed shows that the agreed lock_page is not enough: the released page must stop being PageMovable when the driver lets go of it, which v4.8 does with __ClearPageMovable under PG_lock.',
  system,
});

/** v4.8 without the lock_page that R6 asked for. */
export const r6Mutant = defineScenario({
  id: 'r6-putback-unlocked-clear~no-lock',
  title: 'Mutant: v4.8 putback_movable_pages without lock_page',
  review: 'R6',
  quote,
  summary: 'As r6-putback-unlocked-clear, with lock_page()/unlock_page() removed from v4.8\'s putback_movable_pages.',
  actors,
  pages,
  protocols: ['v4.8~putback-no-lock', 'v4.8-atomic~putback-no-lock'],
  expect: {
    'v4.8~putback-no-lock': violation('isolated-cleared-under-lock', 'C0 clears PG_isolated without the lock.'),
    'v4.8-atomic~putback-no-lock': violation('isolated-cleared-under-lock', 'C0 clears PG_isolated without the lock.'),
  },
  mutantOf: { id: 'r6-putback-unlocked-clear', change: 'lock_page()/unlock_page() removed from putback_movable_pages' },
  system,
});
