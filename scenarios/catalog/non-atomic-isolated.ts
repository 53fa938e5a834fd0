/**
 * Mutants for 6.1, 6.2 and 7.0 where only the atomicity of PG_isolated (7.0:
 * PG_movable_ops_isolated) keeps them passing: with the 2022 fix reverted
 * ("mm/migrate: fix race between lock page and clear PG_Isolated",
 * 356ea3865687), R2's lost PG_waiters and R3's lost private bit come back.
 * The systems are those of r2-release-isolated-page, r2-lost-wakeup and
 * r3-driver-uses-owner-priv-1.
 */
import { defineScenario, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';
import { PG } from '../../model/flags.ts';

const r2System: SystemInit = {
  pages: [driverPage({ isolatedBy: 0 }), free],
  threads: [
    { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
    { name: 'D', fn: 'drv_free', args: {} },
  ],
};
const r2Actors = ['C0: compaction with page 0 on its list, migrating it to page 1', 'D: the driver freeing its object and releasing its page'];
const r2Pages = ["page 0: driver page, isolated by C0 (PG_isolated, on C0's list, C0 holds a reference)", 'page 1: free'];
const MUTANTS = ['v6.1~non-atomic-isolated', 'v6.2~non-atomic-isolated'];
const lost =
  "The VM's SetPageIsolated()/ClearPageIsolated() under the page lock are a load and a store of page->flags again: the driver, sleeping in lock_page() (lock_zspage()), sets PG_waiters in between and the stale store drops it (4.10's bug back).";

/** r2-release-isolated-page with non-atomic PG_isolated updates. */
export const r2NonAtomic = defineScenario({
  id: 'r2-release-isolated-page~non-atomic-isolated',
  title: 'Mutant: 6.x with the 2022 PG_isolated fix reverted',
  review: 'R2',
  quote: 'Under lock? Or just with ClearPageIsolated?',
  summary: 'As r2-release-isolated-page, under 6.1 and 6.2 whose SetPageIsolated()/ClearPageIsolated() are the non-atomic __SetPageIsolated()/__ClearPageIsolated() again.',
  actors: r2Actors,
  pages: r2Pages,
  protocols: MUTANTS,
  expect: Object.fromEntries(MUTANTS.map((v) => [v, violation('no-lost-flag-update', lost)])),
  mutantOf: { id: 'r2-release-isolated-page', change: 'PG_isolated set and cleared non-atomically (the 2022 fix reverted)' },
  system: r2System,
});

const WAKEUP = [...MUTANTS, 'v7.0~non-atomic-isolated'];

/** r2-lost-wakeup with non-atomic PG_isolated (7.0: PG_movable_ops_isolated) updates. */
export const r2LostWakeupNonAtomic = defineScenario({
  id: 'r2-lost-wakeup~non-atomic-isolated',
  title: 'Mutant: the lost PG_waiters comes back without the 2022 fix',
  review: 'R2',
  quote: 'Under lock? Or just with ClearPageIsolated?',
  summary: "As r2-lost-wakeup (checking no-hang only), under 6.1, 6.2 and 7.0 whose isolated flag is set and cleared non-atomically.",
  actors: r2Actors,
  pages: r2Pages,
  protocols: WAKEUP,
  expect: Object.fromEntries(
    WAKEUP.map((v) => [
      v,
      violation(
        'no-hang',
        "A non-atomic store of the isolated flag under the page lock (7.0: ClearPageMovableOpsIsolated() in migrate_movable_ops_page() or putback_movable_ops_page()) drops the PG_waiters a sleeper set; unlock wakes nobody and the sleeper sleeps for ever.",
        { only: ['no-hang'] },
      ),
    ]),
  ),
  mutantOf: { id: 'r2-lost-wakeup', change: 'the isolated flag set and cleared non-atomically (the 2022 fix reverted)' },
  system: r2System,
});

const R3 = [...MUTANTS, 'v7.0~non-atomic-isolated'];

/** r3-driver-uses-owner-priv-1 with non-atomic PG_isolated updates. */
export const r3NonAtomic = defineScenario({
  id: 'r3-driver-uses-owner-priv-1~non-atomic-isolated',
  title: "Mutant: the driver's private bit is lost without the 2022 fix",
  review: 'R3',
  quote: "Documentation should probably state that these fields alias and subsystem supporting the movable pages shouldn't use them elsewhere.",
  summary: "As r3-driver-uses-owner-priv-1, under 6.1, 6.2 and 7.0 whose isolated flag is set and cleared non-atomically: the VM's stale store undoes the driver's set_bit()/clear_bit() of PG_owner_priv_1.",
  actors: ['C0: compaction isolating page 0 and migrating it to page 1', 'D: the driver setting, later clearing, PG_owner_priv_1 for its own purpose'],
  pages: ['page 0: driver page', 'page 1: free'],
  protocols: R3,
  expect: Object.fromEntries(R3.map((v) => [v, violation('no-lost-flag-update', "The VM's non-atomic set or clear of the isolated flag stores a page->flags loaded before the driver's atomic set_bit()/clear_bit() of PG_owner_priv_1: the driver's bit change is undone.")])),
  mutantOf: { id: 'r3-driver-uses-owner-priv-1', change: 'the isolated flag set and cleared non-atomically (the 2022 fix reverted)' },
  system: {
    pages: [driverPage(), free],
    threads: [
      { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
      { name: 'D', fn: 'drv_private_flag', args: { p: 0, bit: PG.owner_priv_1 } },
    ],
  },
});
