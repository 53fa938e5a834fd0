/**
 * Protocol v4.10-generic: v4.10 on an architecture without
 * clear_bit_unlock_is_negative_byte(), where unlock_page() is the generic
 * fallback of mm/filemap.c (4.10, ../shared/kernel/v4.10/mm__filemap.c):
 *
 *     static inline bool clear_bit_unlock_is_negative_byte(long nr, volatile void *mem)
 *     {
 *     	clear_bit_unlock(nr, mem);
 *     	/* smp_mb__after_atomic(); *\/
 *     	return test_bit(PG_waiters, mem);
 *     }
 *
 * two steps where x86 (v4.10) has one `lock andb`. The diff against v4.10
 * is the primitive only (`pageLock: 'waiters-generic'`): every unlock_page()
 * is clear_bit_unlock, then a step of its own that tests PG_waiters and wakes
 * (prim/pagelock-generic.ts; the split is made when a scenario's system is
 * built, so the scenario's own functions and mutants are split too).
 * Migration code, PG_isolated (still the non-atomic __PAGEFLAG) and the free
 * path are v4.10's.
 */
import type { Layout } from '../flags.ts';
import type { Protocol } from '../protocol.ts';
import { v410, v410Layout } from './v4.10.ts';

/** v4.10's layout on the generic two-step unlock_page(). */
export const v410GenericLayout: Layout = { ...v410Layout, pageLock: 'waiters-generic' };

/** Protocol v4.10-generic. */
export const v410Generic: Protocol = {
  id: 'v4.10-generic',
  title: 'v4.10-generic: v4.10 with the generic two-step unlock_page()',
  description:
    "v4.10 on an architecture without clear_bit_unlock_is_negative_byte(): unlock_page() is clear_bit_unlock(PG_locked), then a separate test_bit(PG_waiters) and wake_up_page_bit() (the generic fallback in mm/filemap.c), where x86 does both in one atomic `lock andb`. Everything else is v4.10.",
  layout: v410GenericLayout,
  fns: v410.fns,
  base: v410.id,
  since: { kernel: '4.10', commit: 'mm: add PageWaiters indicating tasks are waiting for a page bit, on an architecture without clear_bit_unlock_is_negative_byte() (the generic fallback in mm/filemap.c)' },
};
