/**
 * v4.8 with PG_isolated set and cleared atomically: the fix upstream made in
 * 2022 ("mm/migrate: fix race between lock page and clear PG_Isolated") once
 * PG_waiters (Linux 4.10) shared the flags word with the non-atomic
 * __SetPageIsolated/__ClearPageIsolated done under PG_lock. Everything else is v4.8.
 */
import { fields, fn } from '../dsl.ts';
import { atomicBit } from '../prim/flagword.ts';
import { extendProtocol, type Protocol } from '../protocol.ts';
import { v48 } from './v4.8.ts';

/** Protocol v4.8-atomic. */
export const v48Atomic: Protocol = extendProtocol(v48, {
  id: 'v4.8-atomic',
  title: 'v4.8 with atomic PG_isolated (2022 fix)',
  description:
    'v4.8 where the VM sets and clears PG_isolated with atomic set_bit/clear_bit, as upstream did in 2022 after PG_waiters (4.10) made the non-atomic __SetPageIsolated/__ClearPageIsolated under PG_lock lose a sleeper\'s PG_waiters.',
  fns: (layout) => ({
    __SetPageIsolated: fn('include/linux/page-flags.h', 'SetPageIsolated', [
      { label: 'set', code: 'SetPageIsolated(page): set_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, true) },
    ]),
    __ClearPageIsolated: fn('include/linux/page-flags.h', 'ClearPageIsolated', [
      { label: 'clear', code: 'ClearPageIsolated(page): clear_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, false) },
    ]),
  }),
});
