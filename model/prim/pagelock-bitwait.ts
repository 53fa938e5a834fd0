/**
 * PG_locked as Linux 4.8 has it: the bit waitqueue. A sleeper in lock_page()
 * waits on the hashed `page_waitqueue(page)` and writes nothing to
 * page->flags (there is no PG_waiters before 4.10); unlock_page() clears
 * PG_locked and wakes the queue when `waitqueue_active()`. So a non-atomic
 * store of page->flags under PG_lock cannot lose a wakeup here, as it can
 * with the 4.10 lock (pagelock.ts).
 *
 * Sources (../shared/kernel/v4.8/): include/linux/pagemap.h trylock_page,
 * lock_page; mm/filemap.c __lock_page, unlock_page, page_waitqueue;
 * kernel/sched/wait.c __wait_on_bit_lock, __wake_up_bit, wake_bit_function,
 * bit_wait_io.
 *
 * What the model merges: the sleeper's failed trylock_page() and its
 * prepare_to_wait_exclusive() + test_bit() are one step, and unlock_page()'s
 * clear_bit_unlock(), smp_mb__after_atomic() and __wake_up_bit() are one
 * step. Splitting either adds no outcome: the sleeper is on the queue before
 * it tests PG_locked (under the queue lock), the unlocker tests the queue
 * after its barrier, and the woken sleeper re-tests the bit (test_and_set_bit
 * in __wait_on_bit_lock's loop), so no wakeup is lost either way. The wake is
 * `__wake_up(wq, TASK_NORMAL, 1, &key)`, one exclusive waiter; the model wakes
 * every sleeper of the page, which only adds interleavings (a woken sleeper
 * that loses the race to trylock_page goes back to the queue, as the kernel's
 * does) and reaches no hang that the wake of one would not.
 */
import { bit, PG, test } from '../flags.ts';
import { fields, fn, pg, type KCtx, type KFn, type LocalName } from '../dsl.ts';
import { members, type World } from '../world.ts';

/** Footprint of every page-lock operation on the page in local `v` (the waitqueue is `waitq`, kernel state outside page->flags). */
const lockFields = (v: LocalName = 'p') => fields(v, 'flags', 'lockers', 'waitq');

/**
 * unlock_page(page) of 4.8 (mm/filemap.c unlock_page): `VM_BUG_ON_PAGE(!PageLocked(page), page);
 * clear_bit_unlock(PG_locked, &page->flags); smp_mb__after_atomic(); wake_up_page(page, PG_locked);`,
 * where wake_up_page is `__wake_up_bit(page_waitqueue(page), &page->flags, bit)`, which wakes only
 * `if (waitqueue_active(wq))` (kernel/sched/wait.c). Inline, one step.
 */
export function unlockPageBitwait(c: KCtx, v: LocalName = 'p'): void {
  const page = pg(c, v);
  if (!(page.lockers & bit(c.tid))) {
    c.fail('page-lock-consistent', `unlock_page() of page ${String(c.l[v])} by a thread that does not hold its PG_locked`);
  }
  page.lockers &= ~bit(c.tid);
  page.flags &= ~bit(PG.locked);
  if (page.waitq !== 0) page.waitq = 0;
}

/**
 * One turn of __wait_on_bit_lock's loop (kernel/sched/wait.c): `test_and_set_bit(PG_locked)`
 * takes the lock; else `prepare_to_wait_exclusive(wq, &q->wait, mode)` puts the thread on the
 * page's waitqueue and bit_wait_io() sleeps in io_schedule(). Nothing is written to page->flags.
 */
function lockOrSleep(c: KCtx<'sleep'>): void {
  const page = pg(c);
  if (!test(page.flags, PG.locked)) {
    page.flags |= bit(PG.locked);
    page.lockers |= bit(c.tid);
    return c.ret(null);
  }
  page.waitq |= bit(c.tid);
  c.goto('sleep');
}

/** Who holds the lock of page `p`, for hang reports. */
function holderText(w: World, p: number, names: readonly string[]): string {
  const page = w.pages[p];
  const who = page ? members(page.lockers).map((t) => names[t] ?? `T${t}`) : [];
  return `PG_locked of page ${p}, held by ${who.join(', ') || 'nobody'} (on page_waitqueue(page); the holder's unlock_page() wakes it)`;
}

/** lock_page(page) of 4.8 on the page in local `p`: may sleep, so never under a spinlock. */
export const lock_page_bitwait: KFn = fn('include/linux/pagemap.h', 'lock_page', [
  {
    label: 'lock',
    code: 'might_sleep(); if (!trylock_page(page)) __lock_page(page); /* __wait_on_bit_lock: prepare_to_wait_exclusive(page_waitqueue(page)); io_schedule() */',
    reads: (l, w) => [...lockFields()(l, w), 'lruLock'],
    writes: lockFields(),
    run: (c) => {
      if (c.w.lruLock === c.tid) c.fail('no-sleep-in-atomic', 'lock_page() may sleep but is called with zone->lru_lock held');
      lockOrSleep(c);
    },
  },
  {
    label: 'sleep',
    code: '__wait_on_bit_lock(): woken by __wake_up_bit(), } while (test_and_set_bit(PG_locked, &page->flags));',
    reads: lockFields(),
    writes: lockFields(),
    when: (w, l, tid) => ((w.pages[l.p as number]?.waitq ?? 0) & bit(tid)) === 0,
    waitsFor: (w, l, _tid, names) => holderText(w, l.p as number, names),
    run: lockOrSleep,
  },
]);

/** unlock_page(page) of 4.8 as a callable function (one step). */
export const unlock_page_bitwait: KFn = fn('mm/filemap.c', 'unlock_page', [
  {
    label: 'unlock',
    code: 'clear_bit_unlock(PG_locked, &page->flags); smp_mb__after_atomic(); wake_up_page(page, PG_locked);',
    reads: lockFields(),
    writes: lockFields(),
    run: (c) => unlockPageBitwait(c),
  },
]);
