/**
 * The driver of Linux 6.1 and 6.2: zsmalloc's struct movable_operations
 * (mm/zsmalloc.c, ../shared/kernel/v6.1/mm__zsmalloc.c) with one object on one
 * page. zsmalloc's own bookkeeping (the zspage isolation count under the
 * zspage rwlock, pool->migrate_lock, class->lock) is folded into its steps;
 * like every driver of the model, it keeps its pages on a list through
 * page->lru while they are not isolated (as the balloon does), so R1's rule
 * can be checked. The VM calls the callbacks with the page locked.
 */
import { type Layout } from '../flags.ts';
import { both, fields, fn, local, num, paths, pg, RC, type Fns, type KCtx } from '../dsl.ts';
import { lockFields, unlockPage } from '../prim/pagelock.ts';
import { getPage, putPage, refFields } from '../prim/refcount.ts';
import { DRIVER_SLOT, Kind, List, OBJ_PATHS, objCount, objPage, objPagesFields, ownerSlot, setObjPage } from '../world.ts';
import type { Locals } from '../../checker/index.ts';
import { unlockStep } from './common.ts';
import { bugOn } from '../kassert.ts';
import { test } from '../flags.ts';
import { PAGE_MAPPING_FLAGS, PAGE_MAPPING_MOVABLE } from '../mapping.ts';

/** PageMovable(page) of 6.1 (the caller holds the lock): tagged and ops not NULL. */
function movable(mapping: number): boolean {
  return (mapping & PAGE_MAPPING_FLAGS) === PAGE_MAPPING_MOVABLE && mapping >> 2 !== 0;
}

const ZS = 'mm/zsmalloc.c';

/** The driver object a drv_free frame frees: local `o`, default 0. */
export function objOf(l: Locals): number {
  return typeof l.o === 'number' ? l.o : 0;
}

/** The driver frees its object: the page is released (ghost) and leaves the driver's list. */
export function releaseObject(c: KCtx): void {
  const page = pg(c);
  setObjPage(c.w, objOf(c.l), -1);
  page.released = 1;
  if (page.lru === List.DRV) page.lru = List.NONE;
}

/** Footprint of the release steps of drv_free. */
export const releaseWrites = both(lockFields(), refFields(), fields('p', 'released', 'lru', 'mapping'), paths(...OBJ_PATHS));

/** zs_page_isolate, zs_page_migrate, zs_page_putback and zs_free of 6.1 (also 6.2). */
export function v61Driver(layout: Layout): Fns {
  return {
    drv_isolate_page: fn(ZS, 'zs_page_isolate', [
      {
        label: 'isolate',
        code: 'VM_BUG_ON_PAGE(!PageMovable(page), page); VM_BUG_ON_PAGE(PageIsolated(page), page); zspage = get_zspage(page); migrate_write_lock(zspage); inc_zspage_isolation(zspage); migrate_write_unlock(zspage); return true; /* list_del(&page->lru) */',
        reads: fields('p', 'lru', 'mapping', 'flags'),
        writes: fields('p', 'lru'),
        run: (c) => {
          const page = pg(c);
          bugOn(c, !movable(page.mapping), 'VM_BUG_ON_PAGE(!PageMovable(page), page)', 'zs_page_isolate');
          bugOn(c, test(page.flags, layout.isolated), 'VM_BUG_ON_PAGE(PageIsolated(page), page)', 'zs_page_isolate');
          if (page.lru === List.DRV) page.lru = List.NONE;
          c.ret(true);
        },
      },
    ]),
    drv_putback_page: fn(ZS, 'zs_page_putback', [
      {
        label: 'list',
        code: 'zspage = get_zspage(page); migrate_write_lock(zspage); dec_zspage_isolation(zspage); migrate_write_unlock(zspage); /* list_add(&page->lru, ...) */',
        reads: fields('p', 'mapping', 'flags'),
        writes: fields('p', 'lru'),
        run: (c) => {
          bugOn(c, !movable(pg(c).mapping), 'VM_BUG_ON_PAGE(!PageMovable(page), page)', 'zs_page_putback');
          bugOn(c, !test(pg(c).flags, layout.isolated), 'VM_BUG_ON_PAGE(!PageIsolated(page), page)', 'zs_page_putback');
          pg(c).lru = List.DRV;
          c.ret(null);
        },
      },
    ]),
    drv_migratepage: fn(ZS, 'zs_page_migrate', [
      {
        label: 'copy',
        code: 'VM_BUG_ON_PAGE(!PageMovable(page), page); VM_BUG_ON_PAGE(!PageIsolated(page), page); ... write_lock(&pool->migrate_lock); spin_lock(&class->lock); migrate_write_lock(zspage); memcpy(d_addr, s_addr, PAGE_SIZE); ... replace_sub_page(): __SetPageMovable(newpage, &zsmalloc_mops); (or fail)',
        choices: ['MIGRATEPAGE_SUCCESS', '-EAGAIN', '-EBUSY'],
        reads: fields('p', 'data', 'mapping', 'flags'),
        writes: fields('np', 'data'),
        run: (c) => {
          bugOn(c, !movable(pg(c).mapping), 'VM_BUG_ON_PAGE(!PageMovable(page), page)', 'zs_page_migrate');
          bugOn(c, !test(pg(c).flags, layout.isolated), 'VM_BUG_ON_PAGE(!PageIsolated(page), page)', 'zs_page_migrate');
          if (c.choice === '-EAGAIN') return c.ret(RC.EAGAIN);
          if (c.choice === '-EBUSY') return c.ret(RC.EBUSY);
          pg(c, 'np').data = pg(c).data;
          c.call('__SetPageMovable', { p: num(c.l, 'np') }, 'own');
        },
      },
      {
        label: 'own',
        code: 'record_obj(handle, new_obj); ... dec_zspage_isolation(zspage); migrate_write_unlock(zspage); get_page(newpage);',
        reads: paths(...OBJ_PATHS),
        writes: both(fields('np', 'ref', 'holds', 'lru', 'kind'), paths(...OBJ_PATHS)),
        run: (c) => {
          getPage(c, DRIVER_SLOT, 'np');
          const np = pg(c, 'np');
          np.lru = List.DRV;
          np.kind = Kind.DRIVER;
          for (let o = 0; o < objCount(c.w); o++) if (objPage(c.w, o) === num(c.l, 'p')) setObjPage(c.w, o, num(c.l, 'np'));
        },
      },
      { ...local('clear_movable', 'reset_page(page): __ClearPageMovable(page);'), run: (c) => c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'put') },
      {
        label: 'put',
        code: 'put_page(page); return MIGRATEPAGE_SUCCESS;',
        writes: both(refFields(), fields('p', 'released')),
        run: (c) => {
          pg(c).released = 1;
          putPage(c, DRIVER_SLOT, layout);
          c.ret(RC.SUCCESS);
        },
      },
    ]),
    drv_free: fn(ZS, 'zs_free', [
      {
        label: 'pick',
        code: 'obj_to_page(obj, &f_page); zspage = get_zspage(f_page); ... free_zspage(): lock_zspage(): get_page(page); wait_on_page_locked(page); /* until trylock_page(page) */',
        reads: paths(...OBJ_PATHS),
        writes: (_l, w) => objPagesFields(w, 'ref', 'holds'),
        run: (c) => {
          const page = objPage(c.w, objOf(c.l));
          if (page < 0) return c.ret(null);
          c.l.p = page;
          getPage(c, ownerSlot(c.tid));
          c.call('lock_page', { p: page }, 'reset');
        },
      },
      {
        label: 'reset',
        code: '__free_zspage(): VM_BUG_ON_PAGE(!PageLocked(page), page); reset_page(page): __ClearPageMovable(page);',
        reads: both(lockFields(), paths(...OBJ_PATHS)),
        writes: releaseWrites,
        run: (c) => {
          if (objPage(c.w, objOf(c.l)) !== num(c.l, 'p')) {
            // The object moved (zs_page_migrate) while we waited: lock_zspage() retries on the zspage's page now.
            unlockPage(c);
            putPage(c, ownerSlot(c.tid), layout);
            return c.goto('pick');
          }
          releaseObject(c);
          c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'unlock');
        },
      },
      unlockStep('unlock', 'unlock_page(page);'),
      {
        label: 'put',
        code: 'put_page(page); /* the zspage\'s reference */',
        writes: refFields(),
        run: (c) => putPage(c, DRIVER_SLOT, layout),
      },
      {
        label: 'unpin',
        code: 'put_page(page); /* lock_zspage()\'s get_page() */',
        writes: refFields(),
        run: (c) => putPage(c, ownerSlot(c.tid), layout),
      },
    ]),
  };
}
