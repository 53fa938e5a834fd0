/**
 * R7: unmap_and_move clears PG_movable of a page freed under it (or that
 * failed migration) without lock_page, like R6.
 */
import { defineScenario, pass, violation, VERSIONS } from '../define.ts';
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
  protocols: VERSIONS,
  expect: {
    v3: violation('movable-cleared-under-lock', '"if (PageMovable(page)) __ClearPageMovable(page);" runs without lock_page().'),
    'v3-reviewed': violation('no-callback-after-release', 'With the lock added, C1 can still take PG_lock first and isolate the released page, which still looks movable.'),
    'v4.8': pass('Released pages are not PageMovable under PG_lock in v4.8; C0 clears PG_isolated under the lock.'),
    'v4.8-atomic': pass('As v4.8.'),
  },
  system,
});

/** v4.8 without the lock in the freed-under-us path. */
export const r7Mutant = defineScenario({
  id: 'r7-unmap-and-move-unlocked-clear~no-lock',
  title: 'Mutant: v4.8 unmap_and_move without lock_page for a freed page',
  review: 'R7',
  quote,
  summary: 'As r7-unmap-and-move-unlocked-clear, with lock_page()/unlock_page() removed from v4.8\'s page-freed-under-us path.',
  actors,
  pages,
  protocols: ['v4.8~freed-no-lock', 'v4.8-atomic~freed-no-lock'],
  expect: {
    'v4.8~freed-no-lock': violation('isolated-cleared-under-lock', 'C0 clears PG_isolated without the lock.'),
    'v4.8-atomic~freed-no-lock': violation('isolated-cleared-under-lock', 'C0 clears PG_isolated without the lock.'),
  },
  mutantOf: { id: 'r7-unmap-and-move-unlocked-clear', change: "lock_page()/unlock_page() removed from unmap_and_move's freed-page path" },
  system,
});
