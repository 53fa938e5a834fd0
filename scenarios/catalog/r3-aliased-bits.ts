/**
 * R3: PG_movable and PG_isolated are aliases of PG_reclaim and
 * PG_owner_priv_1 (v3), PG_isolated of PG_reclaim (v4.8). A driver that uses
 * one of those bits for its own purpose changes the protocol's state without
 * the page lock.
 */
import { defineScenario, NEWER, OUTCOME_ONLY, pass, V3_FIXES, V48_FAMILY, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';
import { PG } from '../../model/flags.ts';

const quote = 'Documentation should probably state that these fields alias and subsystem supporting the movable pages shouldn\'t use them elsewhere.';
const actors = ['C0: compaction isolating page 0 and migrating it to page 1', 'D: the driver setting, later clearing, a page flag for its own purpose'];

function system(bit: number): SystemInit {
  return {
    pages: [driverPage(), free],
    threads: [
      { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
      { name: 'D', fn: 'drv_private_flag', args: { p: 0, bit } },
    ],
  };
}

/** The driver uses PG_owner_priv_1 (as PG_checked would). */
export const r3OwnerPriv = defineScenario({
  id: 'r3-driver-uses-owner-priv-1',
  title: 'R3: the driver uses PG_owner_priv_1 for itself',
  review: 'R3',
  quote,
  summary: 'The driver sets and clears PG_owner_priv_1 of its page with atomic bit operations, as a private mark. In v3 that bit is PG_isolated.',
  notes:
    'v4.8 fails here for a reason other than aliasing: the __SetPageIsolated() it does under PG_lock is a read-modify-write of the whole word, so any bit another thread changes atomically at the same time (here the driver\'s private bit; in R2, PG_waiters) can be lost.',
  actors,
  pages: ['page 0: driver page', 'page 1: free'],
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation(
      'isolated-cleared-under-lock',
      "PG_owner_priv_1 is PG_isolated: the driver's private set_bit/clear_bit change PG_isolated without PG_lock (the set makes compaction skip the page, the clear can un-isolate a page C0 has isolated).",
    ),
    ...Object.fromEntries(V3_FIXES.map((v) => [v, violation('isolated-cleared-under-lock', 'Same aliases as v3: no review fix changes them.')])),
    'v3-reviewed': violation('isolated-cleared-under-lock', 'Same aliases as v3.'),
    'v4.8': violation(
      'no-lost-flag-update',
      "v4.8 no longer aliases PG_owner_priv_1, but the VM's non-atomic __SetPageIsolated() under PG_lock stores a stale flags word over the driver's set_bit(): the driver's private bit is lost.",
    ),
    'v4.10': violation('no-lost-flag-update', 'As v4.8: PG_isolated is still __PAGEFLAG in 4.10.'),
    'v4.10-generic': violation('no-lost-flag-update', 'As v4.10: the lost bit is the non-atomic __SetPageIsolated(), not the unlock.'),
    'v4.8-atomic': pass('No alias, and the VM changes PG_isolated atomically, so the driver\'s private bit survives.'),
    'v5.0': violation('no-lost-flag-update', 'As v4.8: PG_isolated is still __PAGEFLAG in 5.0.'),
    'v5.19': pass('The 2022 fix (356ea3865687) makes SetPageIsolated() an atomic set_bit: the driver\'s private bit survives.'),
    'v6.1': pass("No alias of PG_owner_priv_1, and PG_isolated changes atomically: the driver's private bit survives."),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass('As 6.1: PG_movable_ops and PG_movable_ops_isolated change atomically.'),
  },
  system: system(PG.owner_priv_1),
});

/** The driver uses PG_reclaim. */
export const r3Reclaim = defineScenario({
  id: 'r3-driver-uses-reclaim',
  title: 'R3: the driver uses PG_reclaim for itself',
  review: 'R3',
  quote,
  summary: 'The driver sets and clears PG_reclaim of its page with atomic bit operations, as a private mark. In v3 that bit is PG_movable, in v4.8 PG_isolated.',
  actors,
  pages: ['page 0: driver page', 'page 1: free'],
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation(
      'driver-page-off-lru',
      "PG_reclaim is PG_movable, already set on the driver's page: the driver's private clear_bit makes its page non-movable without PG_lock, and C0, migrating it, takes it for an LRU page and hands it to putback_lru_page(). (movable-cleared-under-lock, the driver's unlocked clear, is reported first; checked here on the outcome invariants only.)",
      { only: OUTCOME_ONLY },
    ),
    ...Object.fromEntries(V3_FIXES.map((v) => [v, violation('driver-page-off-lru', 'Same aliases as v3, same outcome: no review fix changes them.', { only: OUTCOME_ONLY })])),
    'v3-reviewed': violation('driver-page-off-lru', 'Same aliases as v3, same outcome.', { only: OUTCOME_ONLY }),
    ...Object.fromEntries(
      V48_FAMILY.map((v) => [
        v,
        violation(
          'kernel-warn-on',
          "PG_reclaim is PG_isolated from 4.8 on: the driver's private set_bit() between the scan's !PageIsolated() test and isolate_movable_page()'s \"WARN_ON_ONCE(PageIsolated(page))\" (\"Driver shouldn't use PG_isolated bit of page->flags\") fires it. A page freed with the bit set is no Bad page state: free_pages_prepare() clears PG_reclaim silently (PAGE_FLAGS_CHECK_AT_PREP). (isolated-cleared-under-lock is reported first; checked here on the outcome invariants only.)",
          { only: OUTCOME_ONLY },
        ),
      ]),
    ),
    'v6.1': violation('kernel-bug-on', "PG_reclaim is PG_isolated: the driver's set_bit() after isolate_movable_page()'s test under the lock fires zs_page_isolate()'s own VM_BUG_ON_PAGE(PageIsolated(page), page) (isolate_movable_page()'s WARN_ON_ONCE(PageIsolated(page)) is reachable too). (isolated-cleared-under-lock is reported first; checked here on the outcome invariants only.)", { only: OUTCOME_ONLY }),
    'v6.2': violation('kernel-bug-on', 'As 6.1.', { only: OUTCOME_ONLY }),
    'v7.0': violation('kernel-warn-on', 'PG_reclaim is PG_movable_ops_isolated: the driver\'s set_bit() after isolate_movable_ops_page()\'s test fires its VM_WARN_ON_ONCE_PAGE(PageMovableOpsIsolated(page), page) ("Driver shouldn\'t use the isolated flag"). (isolated-cleared-under-lock is reported first; checked here on the outcome invariants only.)', { only: OUTCOME_ONLY }),
  },
  mutantOf: { id: 'r3-driver-uses-owner-priv-1', change: "the driver's private bit is PG_reclaim, v4.8's PG_isolated" },
  system: system(PG.reclaim),
});
