/**
 * zone->lru_lock, a spinlock: taking it spins (the thread is not enabled while
 * another holds it); holding it forbids sleeping (see lock_page).
 */
import { fn, paths, type KFn } from '../dsl.ts';
import { mutating, skipRelease } from '../mutation/hook.ts';

/** spin_lock_irqsave(&zone->lru_lock, flags). */
export const spin_lock_lru: KFn = fn('mm/compaction.c', 'spin_lock_irqsave', [
  {
    label: 'spin',
    code: 'spin_lock_irqsave(&zone->lru_lock, flags)',
    reads: paths('lruLock'),
    writes: paths('lruLock'),
    when: (w) => w.lruLock === -1,
    waitsFor: (w, _l, _t, names) => `zone->lru_lock, held by ${names[w.lruLock] ?? w.lruLock}`,
    run: (c) => void (c.w.lruLock = c.tid),
  },
]);

/** spin_unlock_irqrestore(&zone->lru_lock, flags), inline. */
export function spinUnlockLru(w: { lruLock: number }): void {
  if (mutating() && skipRelease('unlock', 'spin_unlock(lru_lock)', 'lru', 'lru')) return;
  w.lruLock = -1;
}
