/**
 * The 4.8 bit-waitqueue page lock and the free path at their edges: what a
 * sleeper in lock_page waits for (a holder past the thread names, no holder,
 * a page that does not exist, two holders), what its lock step reads, and
 * the free path leaving a clean page's flags alone where the version does not
 * clear them at prep.
 */
import test from 'ava';
import { bit, PG, type Layout } from '../../model/flags.ts';
import { clearAtPrep, FREE_4_8, FREE_V3 } from '../../model/prim/freepage.ts';
import { lock_page_bitwait } from '../../model/prim/pagelock-bitwait.ts';
import { protocolById } from '../../model/versions/index.ts';
import { freePage, type Page, type World } from '../../model/world.ts';

const page = (patch: Partial<Page> = {}): Page => ({ ...freePage(2), ...patch });
const w = (p: Partial<Page>) => ({ pages: [page(p)] }) as unknown as World;

test('lock_page (bit waitqueue): what a sleeper waits for', (t) => {
  const waitsFor = lock_page_bitwait.steps[1]!.waitsFor!;
  const tail = "(on page_waitqueue(page); the holder's unlock_page() wakes it)";
  t.is(waitsFor(w({ lockers: 0b10, flags: bit(PG.locked) }), { p: 0 }, 0, ['A', 'B']), `PG_locked of page 0, held by B ${tail}`);
  t.is(waitsFor(w({ lockers: 0b100, flags: bit(PG.locked) }), { p: 0 }, 0, ['A', 'B']), `PG_locked of page 0, held by T2 ${tail}`);
  t.is(waitsFor(w({}), { p: 0 }, 0, ['A']), `PG_locked of page 0, held by nobody ${tail}`);
  t.is(waitsFor(w({}), { p: 3 }, 0, ['A']), `PG_locked of page 3, held by nobody ${tail}`);
  t.is(waitsFor(w({ lockers: 0b11, flags: bit(PG.locked) }), { p: 0 }, 2, ['A', 'B']), `PG_locked of page 0, held by A, B ${tail}`);
});

test('lock_page (bit waitqueue): its lock step reads the page lock and zone->lru_lock', (t) => {
  const reads = lock_page_bitwait.steps[0]!.reads!;
  const world = w({});
  t.deepEqual(reads({ p: 0 }, world), ['pages/0/flags', 'pages/0/lockers', 'pages/0/waitq', 'lruLock']);
});

test('the free path clears a clean page\'s flags at prep only where the version does', (t) => {
  const base = protocolById('v4.8')!.layout;
  const flags = bit(PG.reclaim) | bit(PG.owner_priv_1);
  const kept = page({ flags });
  clearAtPrep(kept, { ...base, free: FREE_V3 } as Layout);
  t.is(kept.flags, flags);
  const cleared = page({ flags });
  clearAtPrep(cleared, { ...base, free: FREE_4_8 } as Layout);
  t.is(cleared.flags, 0);
});
