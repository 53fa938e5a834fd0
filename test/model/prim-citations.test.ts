/**
 * Each primitive's steps cite the kernel statement they stand for (file,
 * function, statement) as traces print them; a non-atomic flag operation
 * names its helper and the bit with its alias, set or clear.
 */
import test from 'ava';
import type { FnDef } from '../../checker/index.ts';
import { lock_page, unlock_page, __SetPageLocked } from '../../model/prim/pagelock.ts';
import { spin_lock_lru } from '../../model/prim/spinlock.ts';
import { nonAtomicBitFn } from '../../model/prim/flagword.ts';
import { PG } from '../../model/flags.ts';
import { protocolById } from '../../model/versions/index.ts';

const cites = (f: FnDef<unknown>) => f.steps.map((s) => [s.label, s.src.file, s.src.fn, s.src.code]);

test('lock_page, unlock_page, __SetPageLocked, spin_lock_irqsave', (t) => {
  t.deepEqual(cites(lock_page as FnDef<unknown>), [
    ['lock', 'mm/filemap.c', 'lock_page', 'lock_page(page): if (!trylock_page(page)) { SetPageWaiters(page); io_schedule(); }'],
    ['sleep', 'mm/filemap.c', 'lock_page', '__lock_page(page): woken by unlock_page(), retry test_and_set_bit_lock(PG_locked)'],
  ]);
  t.deepEqual(cites(unlock_page as FnDef<unknown>), [['unlock', 'mm/filemap.c', 'unlock_page', 'unlock_page(page)']]);
  t.deepEqual(cites(__SetPageLocked as FnDef<unknown>), [
    ['load', 'include/linux/page-flags.h', '__SetPageLocked', '__set_bit(PG_locked, &page->flags): load page->flags'],
    ['store', 'include/linux/page-flags.h', '__SetPageLocked', '__set_bit(PG_locked, &page->flags): store page->flags'],
  ]);
  t.deepEqual(cites(spin_lock_lru as FnDef<unknown>), [['spin', 'mm/compaction.c', 'spin_lock_irqsave', 'spin_lock_irqsave(&zone->lru_lock, flags)']]);
});

test('a non-atomic flag operation: load and store of the whole word, named after its helper and bit', (t) => {
  const layout = protocolById('v4.8')!.layout;
  t.deepEqual(cites(nonAtomicBitFn('include/linux/page-flags.h', '__ClearPageIsolated', layout.isolated, false, layout) as FnDef<unknown>), [
    ['load', 'include/linux/page-flags.h', '__ClearPageIsolated', '__clear_bit(PG_reclaim(=PG_isolated), &page->flags): load page->flags'],
    ['store', 'include/linux/page-flags.h', '__ClearPageIsolated', '__clear_bit(PG_reclaim(=PG_isolated), &page->flags): store page->flags'],
  ]);
  t.deepEqual(cites(nonAtomicBitFn('mm/x.c', '__SetPageChecked', PG.owner_priv_1, true) as FnDef<unknown>).map((c) => c[3]), [
    '__set_bit(PG_owner_priv_1, &page->flags): load page->flags',
    '__set_bit(PG_owner_priv_1, &page->flags): store page->flags',
  ]);
});
