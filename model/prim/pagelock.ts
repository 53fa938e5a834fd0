/**
 * PG_locked, the page lock of Linux 4.10 and later (PG_waiters): trylock_page
 * never sleeps; lock_page sets PG_waiters and sleeps while the page is
 * locked, retrying when woken; unlock_page clears PG_locked and, if
 * PG_waiters was set, clears it and wakes every sleeper. Ghost `lockers`
 * records who holds the lock.
 *
 * Sources (../shared/kernel/v4.10/): mm/filemap.c wait_on_page_bit_common
 * (`SetPageWaiters(page)` under the waitqueue lock, then io_schedule(), then
 * `test_and_set_bit_lock`), __lock_page, unlock_page (`if
 * (clear_bit_unlock_is_negative_byte(PG_locked, &page->flags))
 * wake_up_page_bit(page, PG_locked);`), wake_up_page_bit (`ClearPageWaiters`
 * when no waiter is left); arch/x86/include/asm/bitops.h
 * clear_bit_unlock_is_negative_byte (one `lock andb`: clearing PG_locked and
 * reading PG_waiters is one atomic step on x86).
 *
 * In a world whose kernel has 4.8's bit waitqueue (`World.bitWaitqueue`, set
 * from the version's Layout.pageLock), unlockPage is 4.8's
 * (pagelock-bitwait.ts), so steps that unlock inline run on either lock.
 */
import { bit, PG, test } from '../flags.ts';
import { fields, fn, pg, type KCtx, type KFn, type LocalName, type KFootprint } from '../dsl.ts';
import { members, type World } from '../world.ts';
import { unlockPageBitwait } from './pagelock-bitwait.ts';
import { deferWaitersTest } from './pagelock-generic.ts';
import { dropAcquire, mutating, skipRelease } from '../mutation/hook.ts';

/** Footprint of every page-lock operation on the page in local `v`. */
export const lockFields = (v: LocalName = 'p'): KFootprint => (l, w) => [...fields(v, 'flags', 'lockers', 'waitq')(l, w), 'bitWaitqueue'];

/** trylock_page: test_and_set_bit_lock(PG_locked). Inline, one step; returns true if taken. */
export function tryLock(c: KCtx, v: LocalName = 'p'): boolean {
  const page = pg(c, v);
  if (mutating() && dropAcquire('lock', `trylock_page(${v})`, `page:${String(c.l[v])}`)) return true;
  if (page.flags & bit(PG.locked)) return false;
  page.flags |= bit(PG.locked);
  page.lockers |= bit(c.tid);
  return true;
}

/**
 * unlock_page (4.10, mm/filemap.c): `clear_bit_unlock_is_negative_byte(PG_locked)`, then
 * wake_up_page_bit (wake the sleepers, ClearPageWaiters) only if PG_waiters was set. Inline,
 * one step. In a 4.8 world (bit waitqueue) it is 4.8's unlock_page instead.
 */
export function unlockPage(c: KCtx, v: LocalName = 'p'): void {
  if (mutating() && skipRelease('unlock', `unlock_page(${v})`, `page:${String(c.l[v])}`, v)) return;
  if (c.w.bitWaitqueue) return unlockPageBitwait(c, v);
  const page = pg(c, v);
  if (!(page.lockers & bit(c.tid))) {
    c.fail('page-lock-consistent', `unlock_page() of page ${String(c.l[v])} by a thread that does not hold its PG_locked`);
  }
  page.lockers &= ~bit(c.tid);
  page.flags &= ~bit(PG.locked);
  // The generic clear_bit_unlock_is_negative_byte(): the PG_waiters test is a step of its own (pagelock-generic.ts).
  if (deferWaitersTest(v)) return;
  if (page.flags & bit(PG.waiters)) {
    page.flags &= ~bit(PG.waiters);
    page.waitq = 0;
  }
}

/** Takes the lock or goes to sleep on it (lock_page's loop body). */
function lockOrSleep(c: KCtx<'sleep'>): void {
  if (tryLock(c)) return c.ret(null);
  const page = pg(c);
  page.flags |= bit(PG.waiters);
  page.waitq |= bit(c.tid);
  c.goto('sleep');
}

/** Who holds the lock of page `p`, for hang reports. */
function holderText(w: World, p: number, names: readonly string[]): string {
  const page = w.pages[p];
  const who = page ? members(page.lockers).map((t) => names[t] ?? `T${t}`) : [];
  const flags = page ? (test(page.flags, PG.waiters) ? 'PG_waiters set' : 'PG_waiters clear: nobody will wake it') : '';
  return `PG_locked of page ${p}, held by ${who.join(', ') || 'nobody'} (${flags})`;
}

/** lock_page(page) (4.10: include/linux/pagemap.h lock_page, mm/filemap.c __lock_page) on the page in local `p`: may sleep, so never under a spinlock. */
export const lock_page: KFn = fn('mm/filemap.c', 'lock_page', [
  {
    label: 'lock',
    code: 'lock_page(page): if (!trylock_page(page)) { SetPageWaiters(page); io_schedule(); }',
    reads: (l, w) => [...lockFields()(l, w), 'lruLock'],
    writes: lockFields(),
    run: (c) => {
      if (c.w.lruLock === c.tid) c.fail('no-sleep-in-atomic', 'lock_page() may sleep but is called with zone->lru_lock held');
      lockOrSleep(c);
    },
  },
  {
    label: 'sleep',
    code: '__lock_page(page): woken by unlock_page(), retry test_and_set_bit_lock(PG_locked)',
    reads: lockFields(),
    writes: lockFields(),
    when: (w, l, tid) => ((w.pages[l.p as number]?.waitq ?? 0) & bit(tid)) === 0,
    waitsFor: (w, l, _tid, names) => holderText(w, l.p as number, names),
    run: lockOrSleep,
  },
]);

/** unlock_page(page) as a callable function (one step). */
export const unlock_page: KFn = fn('mm/filemap.c', 'unlock_page', [
  { label: 'unlock', code: 'unlock_page(page)', reads: lockFields(), writes: lockFields(), run: (c) => unlockPage(c) },
]);

/**
 * __SetPageLocked(page): the non-atomic set used by owners of newly allocated
 * pages, who believe nobody else can see the page yet. Load, then store.
 */
export const __SetPageLocked: KFn = fn('include/linux/page-flags.h', '__SetPageLocked', [
  { label: 'load', code: '__set_bit(PG_locked, &page->flags): load page->flags', reads: fields('p', 'flags'), run: (c) => void (c.l.old = pg(c).flags) },
  {
    label: 'store',
    code: '__set_bit(PG_locked, &page->flags): store page->flags',
    reads: fields('p', 'flags'),
    writes: fields('p', 'flags', 'lockers'),
    run: (c) => {
      const page = pg(c);
      const next = (c.l.old as number) | bit(PG.locked);
      const undone = (page.flags ^ next) & ~bit(PG.locked);
      if (undone) c.fail('no-lost-flag-update', `__SetPageLocked stored a stale page->flags: bits ${undone.toString(2)} changed since the load are undone`);
      page.flags = next;
      page.lockers |= bit(c.tid);
    },
  },
]);
