/**
 * Linux 6.1 (mm/migrate.c, mm/compaction.c, include/linux/migrate.h and
 * page-flags.h as saved in ../shared/kernel/v6.1/): the VM side, read top to
 * bottom. What changed since 4.8 and counts here:
 *
 * - "mm: Convert all PageMovable users to movable_operations" (6.0): the
 *   driver registers a `struct movable_operations` (isolate_page,
 *   migrate_page, putback_page), and `page->mapping = mops |
 *   PAGE_MAPPING_MOVABLE`; `page_movable_ops()` = mapping - MOVABLE.
 *   `__ClearPageMovable` sets `mapping = PAGE_MAPPING_MOVABLE`.
 * - PG_isolated is `PAGEFLAG(Isolated)`: atomic SetPageIsolated /
 *   ClearPageIsolated (5.19's fix, upstream 356ea3865687).
 * - unmap_and_move's page-freed-under-us path takes no lock and clears
 *   nothing: "free_pages_prepare() will clear PG_isolated."
 * - failed pages stay on the migration list (unmap_and_move moves them to
 *   `ret`, migrate_pages splices it back) and compact_zone puts them back:
 *   migrate_pages returns the number not migrated.
 *
 * Not modelled: PageWriteback waits, try_to_migrate of mapped LRU pages (a
 * mapped page gets -EAGAIN), retries of -EAGAIN (one pass). Migration
 * (unmap_and_move, __unmap_and_move, move_to_new_folio) is in
 * v6.1-migrate.ts, the driver's callbacks in v6.1-driver.ts.
 */
import { bit, PG, test, type FreeRules, type Layout } from '../flags.ts';
import { both, fields, fn, local, num, pg, type Fns, type KFn, type StepSpec } from '../dsl.ts';
import { AS, asOf, mappingOf, PAGE_MAPPING_FLAGS, PAGE_MAPPING_MOVABLE } from '../mapping.ts';
import { callMops } from '../mops.ts';
import { bugOn, warnOn } from '../kassert.ts';
import { lockFields, tryLock, unlockPage } from '../prim/pagelock.ts';
import { getPageUnlessZero, putPage, refFields } from '../prim/refcount.ts';
import { spinUnlockLru } from '../prim/spinlock.ts';
import { List, ownerSlot } from '../world.ts';
import { v61MigrateFns } from './v6.1-migrate.ts';
import type { Protocol } from '../protocol.ts';
import { commonFns, listDelIsolated, shared, unlockStep } from './common.ts';
import { isolatedFlagFns } from './v3.ts';
import { v61Driver } from './v6.1-driver.ts';

/**
 * 6.1's free path (mm/page_alloc.c free_pages_prepare): of the model's bits,
 * PG_locked, PG_lru and PG_writeback are in PAGE_FLAGS_CHECK_AT_FREE; PG_reclaim
 * (= PG_isolated) is cleared with PAGE_FLAGS_CHECK_AT_PREP, as the comment in
 * unmap_and_move counts on.
 */
export const FREE_6_1: FreeRules = { kernel: '6.1', atFree: bit(PG.locked) | bit(PG.lru) | bit(PG.writeback), marksBad: false, clearsAtPrep: true };

/** 6.1's layout: PG_isolated = PG_reclaim (include/linux/page-flags.h), movable = the PAGE_MAPPING_MOVABLE tag. */
export const v61Layout: Layout = { isolated: PG.reclaim, movable: null, mapcountMarker: false, free: FREE_6_1 };

const MM = 'mm/migrate.c';
const COMPACTION = 'mm/compaction.c';

/** `__PageMovable(page)`: `((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_MOVABLE`. */
export function tagged(mapping: number): boolean {
  return (mapping & PAGE_MAPPING_FLAGS) === PAGE_MAPPING_MOVABLE;
}

/** `page_movable_ops(page)` as an ops id: `page->mapping - PAGE_MAPPING_MOVABLE` (0: NULL). */
export function opsOfMapping(mapping: number): number {
  return asOf(mapping);
}

/** PageMovable / __SetPageMovable / __ClearPageMovable of mm/compaction.c (6.1). */
export function v61MovableFns(): Fns {
  return {
    PageMovable: fn(COMPACTION, 'PageMovable', [
      {
        label: 'tag',
        code: 'VM_BUG_ON_PAGE(!PageLocked(page), page); if (!__PageMovable(page)) return false;',
        reads: fields('p', 'mapping', 'lockers'),
        run: (c) => {
          bugOn(c, (pg(c).lockers & bit(c.tid)) === 0, 'VM_BUG_ON_PAGE(!PageLocked(page), page)', 'PageMovable');
          if (!tagged(pg(c).mapping)) c.ret(false);
        },
      },
      {
        label: 'ops',
        code: 'mops = page_movable_ops(page); if (mops) return true; return false;',
        reads: fields('p', 'mapping'),
        run: (c) => c.ret(opsOfMapping(pg(c).mapping) !== 0),
      },
    ]),
    __SetPageMovable: fn(COMPACTION, '__SetPageMovable', [
      {
        label: 'store',
        code: 'VM_BUG_ON_PAGE(!PageLocked(page), page); page->mapping = (void *)((unsigned long)mops | PAGE_MAPPING_MOVABLE);',
        reads: fields('p', 'flags', 'lockers'),
        writes: fields('p', 'mapping'),
        run: (c) => {
          bugOn(c, (pg(c).lockers & bit(c.tid)) === 0, 'VM_BUG_ON_PAGE(!PageLocked(page), page)', '__SetPageMovable');
          pg(c).mapping = mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE);
        },
      },
    ]),
    __ClearPageMovable: fn(COMPACTION, '__ClearPageMovable', [
      {
        label: 'store',
        code: 'VM_BUG_ON_PAGE(!PageMovable(page), page); page->mapping = (void *)PAGE_MAPPING_MOVABLE;',
        reads: fields('p', 'mapping', 'lockers'),
        writes: fields('p', 'mapping'),
        run: (c) => {
          const m = pg(c).mapping;
          // PageMovable() itself asserts the lock first.
          bugOn(c, (pg(c).lockers & bit(c.tid)) === 0, 'VM_BUG_ON_PAGE(!PageLocked(page), page) (in PageMovable)', '__ClearPageMovable');
          bugOn(c, !tagged(m) || opsOfMapping(m) === 0, 'VM_BUG_ON_PAGE(!PageMovable(page), page)', '__ClearPageMovable');
          pg(c).mapping = PAGE_MAPPING_MOVABLE;
        },
      },
    ]),
  };
}

/** isolate_migratepages_block's branch for a page that is not PageLRU (mm/compaction.c, unchanged since 4.8 in this branch). */
export function v61ScanFn(layout: Layout): KFn {
  return fn(COMPACTION, 'isolate_migratepages_block', [
    {
      label: 'lru',
      code: 'if (!PageLRU(page)) { if (unlikely(__PageMovable(page)) && !PageIsolated(page)) {',
      reads: fields('p', 'flags', 'mapping'),
      run: (c) => {
        const page = pg(c);
        if (test(page.flags, PG.lru) || !tagged(page.mapping) || test(page.flags, layout.isolated)) return c.ret(false);
        if (!c.l.locked) c.call('isolate_movable_page', { p: num(c.l, 'p') }, 'ok', 'ok');
      },
    },
    {
      label: 'drop_lru',
      code: 'if (locked) { unlock_page_lruvec_irqrestore(locked, flags); locked = NULL; }',
      writes: () => ['lruLock'],
      run: (c) => {
        spinUnlockLru(c.w);
        c.l.locked = false;
        c.call('isolate_movable_page', { p: num(c.l, 'p') }, 'ok', 'ok');
      },
    },
    { ...local('ok', 'if (!isolate_movable_page(page, mode)) goto isolate_success; } goto isolate_fail; }'), run: (c) => void (c.l.ok || c.ret(false)) },
    {
      label: 'success',
      code: 'isolate_success: list_add(&page->lru, &cc->migratepages);',
      writes: fields('p', 'lru'),
      run: (c) => {
        pg(c).lru = List.MIG + c.tid;
        c.ret(true);
      },
    },
  ]);
}

/**
 * isolate_movable_page (6.1): get_page_unless_zero, the lockless
 * __PageMovable, trylock_page, PageMovable && !PageIsolated under PG_lock,
 * mops->isolate_page, SetPageIsolated, unlock. Returns true where the kernel
 * returns 0. `around` are the steps 6.2 puts before and after the lockless check
 * (labelled slab1 and slab2; they may jump to out_putpage).
 */
export function v61IsolateMovablePage(
  layout: Layout,
  around: { before?: StepSpec<'slab1', 'out_putpage'>; after?: StepSpec<'slab2', 'out_putpage'> } = {},
): KFn {
  return fn(MM, 'isolate_movable_page', [
    {
      label: 'get',
      code: 'if (unlikely(!get_page_unless_zero(page))) goto out;',
      writes: fields('p', 'ref', 'holds'),
      run: (c) => void (getPageUnlessZero(c, ownerSlot(c.tid)) || c.ret(false)),
    },
    ...(around.before ? [around.before] : []),
    {
    label: 'mv1',
    code: 'if (unlikely(!__PageMovable(page))) goto out_putpage;',
    reads: fields('p', 'mapping'),
    run: (c) => void (tagged(pg(c).mapping) || c.goto('out_putpage')),
    },
    ...(around.after ? [around.after] : []),
    {
      label: 'trylock',
      code: 'if (unlikely(!trylock_page(page))) goto out_putpage;',
      reads: lockFields(),
      writes: lockFields(),
      run: (c) => {
        if (!tryLock(c)) return c.goto('out_putpage');
        c.call('PageMovable', { p: num(c.l, 'p') }, 'mv2', 'mv');
      },
    },
    {
      label: 'mv2',
      code: 'if (!PageMovable(page) || PageIsolated(page)) goto out_no_isolated;',
      reads: fields('p', 'flags'),
      run: (c) => void ((!c.l.mv || test(pg(c).flags, layout.isolated)) && c.goto('out_no_isolated')),
    },
    {
      label: 'isolate',
      code: 'mops = page_movable_ops(page); VM_BUG_ON_PAGE(!mops, page); if (!mops->isolate_page(page, mode)) goto out_no_isolated;',
      reads: fields('p', 'mapping', 'ref', 'kind', 'released'),
      run: (c) => callMops(c, 'isolate_page', opsOfMapping(pg(c).mapping), 'page->mapping - PAGE_MAPPING_MOVABLE', { p: num(c.l, 'p') }, 'ret', 'ret'),
    },
    {
      label: 'ret',
      code: '/* Driver shouldn\'t use PG_isolated bit of page->flags */ WARN_ON_ONCE(PageIsolated(page)); SetPageIsolated(page);',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (!c.l.ret) return c.goto('out_no_isolated');
        warnOn(c, test(pg(c).flags, layout.isolated), 'WARN_ON_ONCE(PageIsolated(page))', 'isolate_movable_page');
        c.call('SetPageIsolated', { p: num(c.l, 'p') }, 'unlock_ok');
      },
    },
    {
      label: 'unlock_ok',
      code: 'unlock_page(page); return 0;',
      reads: lockFields(),
      writes: both(lockFields(), fields('p', 'isolators')),
      run: (c) => {
        pg(c).isolators |= bit(c.tid);
        unlockPage(c);
        c.ret(true);
      },
    },
    unlockStep('out_no_isolated', 'out_no_isolated: unlock_page(page);'),
    {
      label: 'out_putpage',
      code: 'out_putpage: put_page(page); out: return -EBUSY;',
      writes: refFields(),
      run: (c) => {
        putPage(c, ownerSlot(c.tid), layout);
        c.ret(false);
      },
    },
  ]);
}

/** putback_movable_page and putback_movable_pages (6.1, one page on the list). */
export function v61PutbackFns(layout: Layout): Fns {
  return {
    putback_movable_page: fn(MM, 'putback_movable_page', [
      {
        label: 'callback',
        code: 'const struct movable_operations *mops = page_movable_ops(page); mops->putback_page(page);',
        reads: fields('p', 'mapping', 'ref', 'kind', 'released'),
        run: (c) => callMops(c, 'putback_page', opsOfMapping(pg(c).mapping), 'page->mapping - PAGE_MAPPING_MOVABLE', { p: num(c.l, 'p') }, 'clear'),
      },
      { ...local('clear', 'ClearPageIsolated(page);'), run: (c) => c.call('ClearPageIsolated', { p: num(c.l, 'p') }, 'done') },
      { ...local('done', '}'), run: (c) => c.ret(null) },
    ]),
    putback_movable_pages: fn(MM, 'putback_movable_pages', [
      {
        label: 'list_del',
        code: 'list_del(&page->lru); if (unlikely(__PageMovable(page))) {',
        reads: fields('p', 'mapping'),
        writes: fields('p', 'lru', 'isolators'),
        run: (c) => {
          listDelIsolated(c);
          if (!tagged(pg(c).mapping)) c.goto('lru');
        },
      },
      {
        label: 'lock',
        code: 'VM_BUG_ON_PAGE(!PageIsolated(page), page); lock_page(page);',
        reads: fields('p', 'flags'),
        run: (c) => {
          bugOn(c, !test(pg(c).flags, layout.isolated), 'VM_BUG_ON_PAGE(!PageIsolated(page), page)', 'putback_movable_pages');
          c.call('lock_page', { p: num(c.l, 'p') }, 'lock_check');
        },
      },
      { ...local('lock_check', 'if (PageMovable(page))'), run: (c) => c.call('PageMovable', { p: num(c.l, 'p') }, 'lock_which', 'mv') },
      {
        ...local('lock_which', 'putback_movable_page(page); else ClearPageIsolated(page);'),
        run: (c) => c.call(c.l.mv ? 'putback_movable_page' : 'ClearPageIsolated', { p: num(c.l, 'p') }, 'lock_unlock'),
      },
      unlockStep('lock_unlock', 'unlock_page(page);'),
      shared.putIsolation(layout, 'put', 'put_page(page); }', () => null),
      { ...local('lru', '} else { mod_node_page_state(...); putback_lru_page(page); }'), run: (c) => c.call('putback_lru_page', { p: num(c.l, 'p') }, 'done') },
      { ...local('done', '}'), run: (c) => c.ret(null) },
    ]),
  };
}

/** Every function of 6.1. */
export function v61Fns(layout: Layout = v61Layout): Fns {
  return {
    ...commonFns(layout),
    ...isolatedFlagFns(layout),
    ...v61MovableFns(),
    isolate_migratepages_block: v61ScanFn(layout),
    isolate_movable_page: v61IsolateMovablePage(layout),
    ...v61PutbackFns(layout),
    ...v61MigrateFns(layout),
    ...v61Driver(layout),
  };
}

/** Protocol v6.1. */
export const v61: Protocol = {
  id: 'v6.1',
  title: 'Linux 6.1 (struct movable_operations)',
  description:
    'Linux 6.1: the driver registers struct movable_operations and page->mapping = mops | PAGE_MAPPING_MOVABLE ("mm: Convert all PageMovable users to movable_operations", 6.0); __ClearPageMovable leaves mapping = PAGE_MAPPING_MOVABLE; PG_isolated (= PG_reclaim) is set and cleared atomically; unmap_and_move drops a page freed under it without the page lock and leaves PG_isolated to free_pages_prepare().',
  layout: v61Layout,
  fns: v61Fns(),
  since: { kernel: '6.1', commit: 'mm: Convert all PageMovable users to movable_operations (6.0); PG_isolated atomic since 5.19 (356ea3865687)' },
};
