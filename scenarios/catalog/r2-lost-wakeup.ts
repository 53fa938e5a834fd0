/**
 * R2's consequence: the lost PG_waiters of r2-release-isolated-page is a
 * sleeper that is never woken. The same system, checked for `no-hang` only
 * (the lost flag update, `no-lost-flag-update`, is otherwise reported first).
 */
import { defineScenario, NEWER, pass, VERSIONS, violation } from '../define.ts';
import { driverPage, free } from '../../model/system.ts';

const only = ['no-hang'];

/** r2-release-isolated-page's system, expecting the hang the lost PG_waiters leads to. */
export const r2LostWakeup = defineScenario({
  id: 'r2-lost-wakeup',
  title: 'R2: the lost PG_waiters leaves a sleeper in lock_page() for ever',
  review: 'R2',
  quote: 'Under lock? Or just with ClearPageIsolated?',
  summary:
    "As r2-release-isolated-page, checking only that some thread can always move. When a non-atomic __ClearPageIsolated() or __SetPageIsolated() under PG_lock stores a flags word loaded before the other thread, sleeping in lock_page(), set PG_waiters, unlock_page() sees no waiter and wakes nobody: the sleeper never wakes (the driver under v4.10, v4.10-generic and v5.0; v4.8's bit waitqueue, which v3 and its reviewed variants run on too, has no PG_waiters to lose).",
  actors: ['C0: compaction with page 0 on its list, migrating it to page 1', 'D: the driver freeing its object and releasing its page'],
  pages: ["page 0: driver page, isolated by C0 (PG_isolated, on C0's list, C0 holds a reference)", 'page 1: free'],
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: pass(
      'v3 as posted clears PG_isolated with the atomic ClearPageIsolated(), without PG_lock (the violation r2-release-isolated-page reports): no store of a stale flags word, so no waiter is lost.',
      { only },
    ),
    'v3-r2': pass(
      "R2's fix makes the driver's release a non-atomic __ClearPageIsolated() under PG_lock, but on the bit waitqueue of the kernel v3 was posted against a sleeper in lock_page() writes nothing to page->flags, so the stale store loses no wakeup (on 4.10's PG_waiters lock it would: see v4.10).",
      { only },
    ),
    'v3-r6': pass('As v3: without R2\'s fix the driver clears PG_isolated with the atomic ClearPageIsolated(), so no stale flags word is stored.', { only }),
    'v3-r7': pass('As v3-r6.', { only }),
    'v3-r9': pass('As v3-r6.', { only }),
    'v3-reviewed': pass(
      "As v3-r2: the driver's non-atomic __ClearPageIsolated() under PG_lock stores a stale flags word, but v3's bit-waitqueue page lock keeps its sleepers off page->flags, so every sleeper in lock_page() is woken (this was a no-hang violation while v3 ran on 4.10's lock).",
      { only },
    ),
    'v4.8': pass(
      "4.8's unlock_page() wakes page_waitqueue(page) whenever it is active (__wake_up_bit); the sleeper wrote nothing to page->flags, so no store of the VM can hide it.",
      { only },
    ),
    'v4.10': violation(
      'no-hang',
      "The VM's __ClearPageIsolated()/__SetPageIsolated() under PG_lock overwrite the PG_waiters the driver set while sleeping in lock_page(); the VM's unlock_page() finds PG_waiters clear, wakes nobody, and the driver sleeps for ever.",
      { only },
    ),
    'v4.10-generic': violation(
      'no-hang',
      "As v4.10: the VM's non-atomic PG_isolated updates drop the driver's PG_waiters before any unlock_page(), so the generic unlock's separate test_bit(PG_waiters) finds it clear just as x86's one-step unlock does.",
      { only },
    ),
    'v4.8-atomic': pass('With atomic PG_isolated updates PG_waiters is never lost, and every sleeper in lock_page() is woken.', { only }),
    'v5.0': violation('no-hang', 'As v4.10: PG_isolated is still non-atomic in 5.0.', { only }),
    'v5.19': pass('The 2022 fix (356ea3865687) makes PG_isolated atomic: PG_waiters is never lost.', { only }),
    'v6.1': pass('PG_isolated is atomic (since 5.19): no store of a stale flags word, and every sleeper in lock_page() is woken.', { only: only }),
    'v6.2': pass('As 6.1.', { only: only }),
    'v7.0': pass('PG_movable_ops_isolated is atomic, and PG_movable_ops is set once, atomically: no stale store; the driver sleeping in lock_zspage() and C0 sleeping in folio_lock() are woken.', { only: only }),
  },
  notes:
    'PG_waiters exists since Linux 4.10 (see r2-release-isolated-page). `movcheck run r2-release-isolated-page --protocol v4.10 --only no-hang` gives the same hang.',
  system: {
    pages: [driverPage({ isolatedBy: 0 }), free],
    threads: [
      { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
      { name: 'D', fn: 'drv_free', args: {} },
    ],
  },
});
