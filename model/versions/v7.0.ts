/**
 * Linux 7.0 (../shared/kernel/v7.0/: mm/migrate.c, mm/compaction.c,
 * include/linux/page-flags.h, mm/page_alloc.c), after "mm/migrate: rework
 * movable_ops page migration" (2025): the VM side, read top to bottom.
 *
 * - A movable_ops page is `page_has_movable_ops(page)`: PG_movable_ops (an
 *   alias of PG_uptodate, set atomically with SetPageMovableOps) and a page
 *   type that has ops: PageOffline (the balloon) or PageZsmalloc. Both stay
 *   until the page is freed; ->mapping is not used.
 * - The ops come from the page type (page_movable_ops: set_movable_ops()'s
 *   registry), not from the page.
 * - PG_movable_ops_isolated (an alias of PG_reclaim) is an atomic PAGEFLAG.
 * - The VM no longer asks whether the driver released the page: nothing is
 *   cleared at release, so a released page is isolated, migrated and put back
 *   like any other, and the driver's callbacks must refuse or finish it
 *   (zs_page_isolate: `return zpdesc->zspage`; zs_page_migrate: `return 0`).
 * - putback_movable_ops_page takes the folio lock itself; migrate_movable_ops_page
 *   clears PG_movable_ops_isolated only when the driver returned 0.
 * - migrate_pages_batch drops a page freed under it (refcount 1) only when it
 *   is NOT a movable_ops page.
 *
 * The migration path (migrate_pages_batch, migrate_folio_unmap/_move) is in
 * v7.0-migrate.ts, the driver in v7.0-driver.ts.
 */
import { bit, PG, test, type FreeRules, type Layout } from '../flags.ts';
import { both, fields, fn, local, num, pg, type Fns, type KFn } from '../dsl.ts';
import { callMops } from '../mops.ts';
import { warnOn } from '../kassert.ts';
import { hasMovableOps, opsOfType } from '../pagetype.ts';
import { atomicBit } from '../prim/flagword.ts';
import { lockFields, tryLock, unlockPage } from '../prim/pagelock.ts';
import { getPageUnlessZero, putPage, refFields } from '../prim/refcount.ts';
import { spinUnlockLru } from '../prim/spinlock.ts';
import { List, ownerSlot, type Page } from '../world.ts';
import type { Protocol } from '../protocol.ts';
import { commonFns, dropFields, dropIsolation, listDelIsolated, unlockStep } from './common.ts';
import { v70MigrateFns } from './v7.0-migrate.ts';
import { v70Driver } from './v7.0-driver.ts';

/**
 * 7.0's free path (mm/page_alloc.c __free_pages_prepare): the page type is
 * reset first (`if (unlikely(page_has_type(page))) page->page_type =
 * UINT_MAX;`); PAGE_FLAGS_CHECK_AT_FREE has PG_lru, PG_locked, PG_writeback of
 * the model's bits; everything else, PG_movable_ops (= PG_uptodate) and
 * PG_movable_ops_isolated (= PG_reclaim) among them, goes with
 * `page->flags.f &= ~PAGE_FLAGS_CHECK_AT_PREP`.
 */
export const FREE_7_0: FreeRules = { kernel: '7.0', atFree: bit(PG.locked) | bit(PG.lru) | bit(PG.writeback), marksBad: false, clearsAtPrep: true, resetsPageType: true };

/** 7.0's layout: PG_movable_ops = PG_uptodate, PG_movable_ops_isolated = PG_reclaim, plus the page type. */
export const v70Layout: Layout = {
  isolated: PG.reclaim,
  movable: PG.uptodate,
  mapcountMarker: false,
  movableOps: true,
  aliasNames: { movable: 'PG_movable_ops', isolated: 'PG_movable_ops_isolated' },
  free: FREE_7_0,
};

const MM = 'mm/migrate.c';
const FLAGS_H = 'include/linux/page-flags.h';

/** Set/ClearPageMovableOpsIsolated (PAGEFLAG: atomic), under the model's names SetPageIsolated/ClearPageIsolated. */
function isolatedFns(layout: Layout): Fns {
  return {
    SetPageIsolated: fn(FLAGS_H, 'SetPageMovableOpsIsolated', [
      { label: 'set', code: 'set_bit(PG_movable_ops_isolated, &page->flags.f)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, true) },
    ]),
    ClearPageIsolated: fn(FLAGS_H, 'ClearPageMovableOpsIsolated', [
      { label: 'clear', code: 'clear_bit(PG_movable_ops_isolated, &page->flags.f)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, false) },
    ]),
  };
}

/** isolate_migratepages_block's branch for a page that is not PageLRU (mm/compaction.c, 7.0). */
function scanFn(layout: Layout, has: HasOps): KFn {
  return fn('mm/compaction.c', 'isolate_migratepages_block', [
    {
      label: 'lru',
      code: 'if (!PageLRU(page)) { if (unlikely(page_has_movable_ops(page)) && !PageMovableOpsIsolated(page)) {',
      reads: fields('p', 'flags', 'mapcount'),
      run: (c) => {
        const page = pg(c);
        if (test(page.flags, PG.lru) || !has(page) || test(page.flags, layout.isolated)) return c.ret(false);
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
    { ...local('ok', 'if (isolate_movable_ops_page(page, mode)) { folio = page_folio(page); goto isolate_success; } } goto isolate_fail; }'), run: (c) => void (c.l.ok || c.ret(false)) },
    {
      label: 'success',
      code: 'isolate_success: list_add(&folio->lru, &cc->migratepages);',
      writes: fields('p', 'lru'),
      run: (c) => {
        pg(c).lru = List.MIG + c.tid;
        c.ret(true);
      },
    },
  ]);
}

/** isolate_movable_ops_page (the model's isolate_movable_page): true when isolated. */
function isolateFn(layout: Layout, has: HasOps): KFn {
  return fn(MM, 'isolate_movable_ops_page', [
    {
      label: 'get',
      code: 'struct folio *folio = folio_get_nontail_page(page); if (!folio) goto out;',
      writes: fields('p', 'ref', 'holds'),
      run: (c) => void (getPageUnlessZero(c, ownerSlot(c.tid)) || c.ret(false)),
    },
    {
      label: 'mv1',
      code: 'if (unlikely(!page_has_movable_ops(page))) goto out_putfolio; /* once a page has movable_ops, it will stay that way until the page was freed */',
      reads: fields('p', 'flags', 'mapcount'),
      run: (c) => void (has(pg(c)) || c.goto('out_putpage')),
    },
    {
      label: 'trylock',
      code: 'if (unlikely(!folio_trylock(folio))) goto out_putfolio;',
      reads: lockFields(),
      writes: lockFields(),
      run: (c) => void (tryLock(c) || c.goto('out_putpage')),
    },
    {
      label: 'mv2',
      code: 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(page), page); if (PageMovableOpsIsolated(page)) goto out_no_isolated;',
      reads: fields('p', 'flags', 'mapcount'),
      run: (c) => {
        warnOn(c, !has(pg(c)), 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(page), page)', 'isolate_movable_ops_page');
        if (test(pg(c).flags, layout.isolated)) c.goto('out_no_isolated');
      },
    },
    {
      label: 'isolate',
      code: 'mops = page_movable_ops(page); if (WARN_ON_ONCE(!mops)) goto out_no_isolated; if (!mops->isolate_page(page, mode)) goto out_no_isolated;',
      reads: fields('p', 'mapcount', 'ref', 'kind', 'released'),
      run: (c) => {
        const ops = opsOfType(pg(c));
        warnOn(c, ops === 0, 'WARN_ON_ONCE(!mops)', 'isolate_movable_ops_page');
        if (ops === 0) return c.goto('out_no_isolated');
        callMops(c, 'isolate_page', ops, 'by page type', { p: num(c.l, 'p') }, 'ret', 'ret');
      },
    },
    {
      label: 'ret',
      code: '/* Driver shouldn\'t use the isolated flag */ VM_WARN_ON_ONCE_PAGE(PageMovableOpsIsolated(page), page); SetPageMovableOpsIsolated(page);',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (!c.l.ret) return c.goto('out_no_isolated');
        warnOn(c, test(pg(c).flags, layout.isolated), 'VM_WARN_ON_ONCE_PAGE(PageMovableOpsIsolated(page), page)', 'isolate_movable_ops_page');
        c.call('SetPageIsolated', { p: num(c.l, 'p') }, 'unlock_ok');
      },
    },
    {
      label: 'unlock_ok',
      code: 'folio_unlock(folio); return true;',
      reads: lockFields(),
      writes: both(lockFields(), fields('p', 'isolators')),
      run: (c) => {
        pg(c).isolators |= bit(c.tid);
        unlockPage(c);
        c.ret(true);
      },
    },
    unlockStep('out_no_isolated', 'out_no_isolated: folio_unlock(folio);'),
    {
      label: 'out_putpage',
      code: 'out_putfolio: folio_put(folio); out: return false;',
      writes: refFields(),
      run: (c) => {
        putPage(c, ownerSlot(c.tid), layout);
        c.ret(false);
      },
    },
  ]);
}

/** putback_movable_ops_page and putback_movable_pages (7.0, one page on the list). */
function putbackFns(layout: Layout, has: HasOps): Fns {
  return {
    putback_movable_ops_page: fn(MM, 'putback_movable_ops_page', [
      {
        label: 'lock',
        code: 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(page), page); VM_WARN_ON_ONCE_PAGE(!PageMovableOpsIsolated(page), page); folio_lock(folio);',
        reads: fields('p', 'flags', 'mapcount'),
        run: (c) => {
          warnOn(c, !has(pg(c)), 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(page), page)', 'putback_movable_ops_page');
          warnOn(c, !test(pg(c).flags, layout.isolated), 'VM_WARN_ON_ONCE_PAGE(!PageMovableOpsIsolated(page), page)', 'putback_movable_ops_page');
          c.call('lock_page', { p: num(c.l, 'p') }, 'callback');
        },
      },
      {
        label: 'callback',
        code: 'page_movable_ops(page)->putback_page(page);',
        reads: fields('p', 'mapcount', 'ref', 'kind', 'released'),
        run: (c) => callMops(c, 'putback_page', opsOfType(pg(c)), 'by page type', { p: num(c.l, 'p') }, 'clear'),
      },
      { ...local('clear', 'ClearPageMovableOpsIsolated(page);'), run: (c) => c.call('ClearPageIsolated', { p: num(c.l, 'p') }, 'unlock') },
      unlockStep('unlock', 'folio_unlock(folio);'),
      { label: 'put', code: 'folio_put(folio);', writes: dropFields(), run: (c) => dropIsolation(c, layout) },
    ]),
    putback_movable_pages: fn(MM, 'putback_movable_pages', [
      {
        label: 'list_del',
        code: 'list_del(&folio->lru); if (unlikely(page_has_movable_ops(&folio->page))) { putback_movable_ops_page(&folio->page);',
        reads: fields('p', 'flags', 'mapcount'),
        writes: fields('p', 'lru', 'isolators'),
        run: (c) => {
          listDelIsolated(c);
          if (has(pg(c))) c.call('putback_movable_ops_page', { p: num(c.l, 'p') }, 'done');
        },
      },
      { ...local('lru', '} else { node_stat_mod_folio(...); folio_putback_lru(folio); }'), run: (c) => c.call('putback_lru_page', { p: num(c.l, 'p') }, 'done') },
      { ...local('done', '}'), run: (c) => c.ret(null) },
    ]),
  };
}

/**
 * `page_has_movable_ops()` as the steps test it: hasMovableOps (pagetype.ts);
 * a mutant passes another test (v7.0~no-page-type tests PG_movable_ops alone).
 */
export type HasOps = (page: Page) => boolean;

/** Every function of 7.0 (`has`: see HasOps). */
export function v70Fns(layout: Layout = v70Layout, has: HasOps = hasMovableOps): Fns {
  return {
    ...commonFns(layout),
    ...isolatedFns(layout),
    isolate_migratepages_block: scanFn(layout, has),
    isolate_movable_page: isolateFn(layout, has),
    ...putbackFns(layout, has),
    ...v70MigrateFns(layout, has),
    ...v70Driver(layout),
  };
}

/** Protocol v7.0. */
export const v70: Protocol = {
  id: 'v7.0',
  title: 'Linux 7.0 (movable_ops by page type, sticky until free)',
  description:
    'Linux 7.0, after "mm/migrate: rework movable_ops page migration": PG_movable_ops (= PG_uptodate) is set atomically and never cleared until the page is freed, the ops come from the page type (PageOffline: balloon, PageZsmalloc: zsmalloc), PG_movable_ops_isolated (= PG_reclaim) is atomic, putback_movable_ops_page takes the folio lock itself, migrate_movable_ops_page clears isolated only on success, the refcount-1 shortcut skips movable_ops pages, and the driver refuses or finishes a page it released (zs_page_isolate returns zpdesc->zspage, zs_page_migrate returns 0 for a destroyed zspage).',
  layout: v70Layout,
  fns: v70Fns(),
  since: { kernel: '7.0', commit: 'mm/migrate: rework movable_ops page migration (2025), and the balloon page-lock removal' },
};
