/**
 * The driver of Linux 7.0: zsmalloc's movable_ops (mm/zsmalloc.c and
 * mm/zpdesc.h, ../shared/kernel/v7.0/) with one object on one page. The page
 * is PageZsmalloc (its type, over _mapcount) and PG_movable_ops from its
 * zspage's creation until it is freed; releasing it (reset_zpdesc) only sets
 * `zpdesc->zspage = NULL`, which the model's `released` stands for, so the
 * driver reads it in its own callbacks. As every driver of the model, it
 * keeps its pages on a list through page->lru while they are not isolated,
 * as the balloon does (balloon_page_isolate: list_del; balloon_page_putback:
 * list_add, after `if (WARN_ON_ONCE(!b_dev_info)) return;`).
 */
import { PG, type Layout } from '../flags.ts';
import { both, fields, fn, num, paths, pg, RC, type Fns } from '../dsl.ts';
import { PGTY } from '../pagetype.ts';
import { atomicBit } from '../prim/flagword.ts';
import { lockFields, unlockPage } from '../prim/pagelock.ts';
import { getPage, putPage, refFields } from '../prim/refcount.ts';
import { DRIVER_SLOT, Kind, List, OBJ_PATHS, objCount, objPage, objPagesFields, ownerSlot, setObjPage } from '../world.ts';
import { unlockStep } from './common.ts';
import { objOf, releaseObject, releaseWrites } from './v6.1-driver.ts';

const ZS = 'mm/zsmalloc.c';

/** zs_page_isolate, zs_page_migrate, zs_page_putback, zs_free and the marking of a new page, as 7.0 has them. */
export function v70Driver(layout: Layout): Fns {
  return {
    __SetPageMovable: fn('mm/zpdesc.h', '__zpdesc_set_movable', [
      {
        label: 'type',
        code: '__zpdesc_set_zsmalloc(zpdesc): __SetPageZsmalloc(page) /* alloc_zspage(), or zs_page_migrate() for newpage */',
        reads: fields('p', 'mapcount'),
        writes: fields('p', 'mapcount'),
        run: (c) => {
          const page = pg(c);
          if (page.mapcount === -1) page.mapcount = PGTY.zsmalloc;
        },
      },
      {
        label: 'set',
        code: 'SetPageMovableOps(zpdesc_page(zpdesc)): set_bit(PG_movable_ops, &page->flags.f)',
        reads: fields('p', 'flags'),
        writes: fields('p', 'flags'),
        run: (c) => atomicBit(c, PG.uptodate, true),
      },
    ]),
    drv_isolate_page: fn(ZS, 'zs_page_isolate', [
      {
        label: 'isolate',
        code: '/* if the page was already destroyed (see reset_zpdesc()), refuse isolation here */ return page_zpdesc(page)->zspage; /* list_del(&page->lru) */',
        reads: fields('p', 'lru', 'released'),
        writes: fields('p', 'lru'),
        run: (c) => {
          const page = pg(c);
          if (page.released) return c.ret(false);
          if (page.lru === List.DRV) page.lru = List.NONE;
          c.ret(true);
        },
      },
    ]),
    drv_putback_page: fn(ZS, 'zs_page_putback', [
      {
        label: 'list',
        code: '{ } /* zsmalloc: empty; the model\'s list, as balloon_page_putback(): if (WARN_ON_ONCE(!b_dev_info)) return; list_add(&page->lru, &b_dev_info->pages); */',
        reads: fields('p', 'released'),
        writes: fields('p', 'lru'),
        run: (c) => {
          if (!pg(c).released) pg(c).lru = List.DRV;
          c.ret(null);
        },
      },
    ]),
    drv_migratepage: fn(ZS, 'zs_page_migrate', [
      {
        label: 'destroyed',
        code: '/* TODO: nothing prevents a zspage from getting destroyed while it is isolated for migration */ if (!zpdesc->zspage) return 0;',
        reads: fields('p', 'released'),
        run: (c) => void (pg(c).released && c.ret(RC.SUCCESS)),
      },
      {
        label: 'copy',
        code: 'zspage = get_zspage(zpdesc); write_lock(&pool->lock); spin_lock(&class->lock); if (!zspage_write_trylock(zspage)) { ...; return -EINVAL; } __zpdesc_set_zsmalloc(newzpdesc); copy_page(d_addr, s_addr); ... replace_sub_page(): __zpdesc_set_movable(newzpdesc);',
        choices: ['MIGRATEPAGE_SUCCESS', '-EAGAIN', '-EBUSY'],
        reads: fields('p', 'data'),
        writes: fields('np', 'data'),
        run: (c) => {
          if (c.choice === '-EAGAIN') return c.ret(RC.EAGAIN);
          if (c.choice === '-EBUSY') return c.ret(RC.EBUSY);
          pg(c, 'np').data = pg(c).data;
          c.call('__SetPageMovable', { p: num(c.l, 'np') }, 'own');
        },
      },
      {
        label: 'own',
        code: 'record_obj(handle, new_obj); ... zspage_write_unlock(zspage); zpdesc_get(newzpdesc);',
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
      {
        label: 'clear_movable',
        code: 'reset_zpdesc(zpdesc): ClearPagePrivate(page); zpdesc->zspage = NULL; /* PageZsmalloc is sticky until the page is freed to the buddy. */',
        writes: fields('p', 'released'),
        run: (c) => void (pg(c).released = 1),
      },
      {
        label: 'put',
        code: 'zpdesc_put(zpdesc); return 0;',
        writes: refFields(),
        run: (c) => {
          putPage(c, DRIVER_SLOT, layout);
          c.ret(RC.SUCCESS);
        },
      },
    ]),
    drv_free: fn(ZS, 'zs_free', [
      {
        label: 'pick',
        code: 'obj_to_zpdesc(obj, &f_zpdesc); zspage = get_zspage(f_zpdesc); ... free_zspage() / async_free_zspage(): lock_zspage(): zpdesc_get(zpdesc); zpdesc_wait_locked(zpdesc); /* until zpdesc_trylock(zpdesc) */',
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
        code: '__free_zspage(): VM_BUG_ON_PAGE(!zpdesc_is_locked(zpdesc), ...); reset_zpdesc(zpdesc): zpdesc->zspage = NULL; /* PageZsmalloc is sticky */',
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
        },
      },
      unlockStep('unlock', 'zpdesc_unlock(zpdesc);'),
      {
        label: 'put',
        code: 'zpdesc_put(zpdesc); /* the zspage\'s reference */',
        writes: refFields(),
        run: (c) => putPage(c, DRIVER_SLOT, layout),
      },
      {
        label: 'unpin',
        code: 'zpdesc_put(zpdesc); /* lock_zspage()\'s zpdesc_get() */',
        writes: refFields(),
        run: (c) => putPage(c, ownerSlot(c.tid), layout),
      },
    ]),
  };
}
