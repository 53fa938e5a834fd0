/**
 * v4.10 with PG_isolated set and cleared atomically: the fix upstream made in
 * 2022 ("mm/migrate: fix race between lock page and clear PG_Isolated",
 * 356ea3865687, in v5.19) backported onto 4.10, where PG_waiters (Linux
 * 4.10) first shared the flags word with the non-atomic
 * __SetPageIsolated/__ClearPageIsolated done under PG_lock. Everything else
 * is v4.10. Its id is historical: until the kernel timeline it was built on
 * v4.8, whose page lock was then 4.10's (CHANGELOG). v5.19 is the same fix in
 * its own kernel (with v5.0's is_lru change).
 */
import { fields, fn } from '../dsl.ts';
import { atomicBit } from '../prim/flagword.ts';
import { extendProtocol, type Protocol } from '../protocol.ts';
import { v410 } from './v4.10.ts';

/** Protocol v4.8-atomic: v4.10 + the 2022 fix. */
export const v48Atomic: Protocol = extendProtocol(v410, {
  id: 'v4.8-atomic',
  title: 'v4.10 with atomic PG_isolated (the 2022 fix backported)',
  description:
    "v4.10 where the VM sets and clears PG_isolated with atomic set_bit/clear_bit, as upstream did in 2022 (356ea3865687, v5.19) after PG_waiters (4.10) made the non-atomic __SetPageIsolated/__ClearPageIsolated under PG_lock lose a sleeper's PG_waiters. The id is historical: it was built on v4.8 when v4.8's page lock was 4.10's.",
  fns: (layout) => ({
    __SetPageIsolated: fn('include/linux/page-flags.h', 'SetPageIsolated', [
      { label: 'set', code: 'SetPageIsolated(page): set_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, true) },
    ]),
    __ClearPageIsolated: fn('include/linux/page-flags.h', 'ClearPageIsolated', [
      { label: 'clear', code: 'ClearPageIsolated(page): clear_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, false) },
    ]),
  }),
});
