/**
 * Functions every protocol version shares: the compaction thread's entry
 * points (compact_zone's scan, migrate and putback, for one page or several
 * in order), the page lock and lru_lock primitives, the LRU side
 * (putback_lru_page, migrate_page for file pages), and the other actors: the
 * driver's own use of its list, its allocation path and the freeing of its
 * objects in order, an LRU file page's owner, a new page's owner, user space.
 */
import { bit, PG, type Layout } from '../flags.ts';
import { both, fields, fn, local, num, paths, pg, RC, type Fns, type KCtx, type StepSpec, type LocalName } from '../dsl.ts';
import { lock_page, lockFields, unlock_page, unlockPage, __SetPageLocked } from '../prim/pagelock.ts';
import { lock_page_bitwait, unlock_page_bitwait } from '../prim/pagelock-bitwait.ts';
import { spin_lock_lru } from '../prim/spinlock.ts';
import { allocFields, allocPage, getPage, putPage, refFields } from '../prim/refcount.ts';
import { DRIVER_SLOT, Kind, List, OBJ_PATHS, ownerSlot, setObjPage } from '../world.ts';

/** Drops the isolation reference of the calling compaction thread: the page is no longer isolated by it (ghost), then put_page. */
export function dropIsolation(c: KCtx, layout: Layout, v: LocalName = 'p'): void {
  pg(c, v).isolators &= ~bit(c.tid);
  putPage(c, ownerSlot(c.tid), layout, v);
}

/**
 * list_del(&page->lru) of a page on the caller's migration list: the page
 * leaves the VM's list, and with it the caller's isolation ends (ghost), so
 * from here the driver may own page->lru again (putback_page).
 */
export function listDelIsolated(c: KCtx, v: LocalName = 'p'): void {
  const page = pg(c, v);
  page.lru = List.NONE;
  page.isolators &= ~bit(c.tid);
}

/** Footprint of dropIsolation. */
export const dropFields = (v: LocalName = 'p') => both(refFields(v), fields(v, 'isolators'));

/** Calls PageMovable(page[, locked]) for local `p` (or `v`) into local `mv`, then continues at `then`. */
export function callPageMovable<L extends string>(c: KCtx<L>, then: NoInfer<L>, locked: boolean, v: LocalName = 'p'): void {
  c.call('PageMovable', { p: num(c.l, v), locked }, then, 'mv');
}

/**
 * Compaction return codes that leave the page on cc->migratepages (compact_zone
 * then calls putback_movable_pages): -EAGAIN, -ENOMEM, and (6.1 on, where
 * migrate_pages returns the number of pages it did not migrate and splices
 * them back onto the list) a positive count.
 */
function leftOnList(rc: number): boolean {
  return rc === RC.EAGAIN || rc === RC.ENOMEM || rc > 0;
}

/** The pass of a compact_pages thread: local `i`, 0 before the first. */
function pass(c: KCtx): number {
  return typeof c.l.i === 'number' ? c.l.i : 0;
}

/** The functions shared by every version. */
export function commonFns(layout: Layout): Fns {
  const bitwait = layout.pageLock === 'bitwait';
  return {
    // The version's page lock: 4.8's bit waitqueue, or 4.10's PG_waiters.
    lock_page: bitwait ? lock_page_bitwait : lock_page,
    unlock_page: bitwait ? unlock_page_bitwait : unlock_page,
    __SetPageLocked,
    spin_lock_lru,

    /** Compaction thread: scan page p, migrate it to a new page np, put back what is left (compact_zone). */
    compact: fn('mm/compaction.c', 'compact_zone', [
      { ...local('scan', 'isolate_migratepages(zone, cc)'), run: (c) => c.call('isolate_migratepages_block', { p: c.l.p ?? 0, locked: false }, 'migrate', 'iso') },
      { ...local('migrate', 'err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, ...)'), run: (c) => {
        if (!c.l.iso) return c.ret(null);
        c.call('migrate_pages', { p: c.l.p ?? 0, np: c.l.np ?? 1 }, 'putback', 'err');
      } },
      { ...local('putback', 'if (err) putback_movable_pages(&cc->migratepages)'), run: (c) => {
        if (!leftOnList(num(c.l, 'err'))) return c.ret(null);
        c.call('putback_movable_pages', { p: c.l.p ?? 0 }, 'done');
      } },
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),

    /**
     * Compaction thread visiting pages p, p+1, ..., p+n-1 in order, one
     * compact_zone pass each: scan the page (isolate_migratepages), migrate it
     * to its own target (np, np+1, ...), put back what is left; as `compact`
     * for one page. A pass's locals are reset before the next (the kernel keeps
     * nothing of them either), so passes that end alike give one state.
     */
    compact_pages: fn('mm/compaction.c', 'compact_zone', [
      { ...local('scan', 'while (compact_finished(zone, cc) == COMPACT_CONTINUE) { isolate_migratepages(zone, cc) /* the next page */'), run: (c) => {
        const i = pass(c);
        if (i >= num(c.l, 'n')) return c.ret(null);
        c.call('isolate_migratepages_block', { p: num(c.l, 'p') + i, locked: false }, 'migrate', 'iso');
      } },
      { ...local('migrate', 'err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, ...)'), run: (c) => {
        if (!c.l.iso) return c.goto('next');
        c.call('migrate_pages', { p: num(c.l, 'p') + pass(c), np: num(c.l, 'np') + pass(c) }, 'putback', 'err');
      } },
      { ...local('putback', 'if (err) putback_movable_pages(&cc->migratepages)'), run: (c) => {
        if (!leftOnList(num(c.l, 'err'))) return c.goto('next');
        c.call('putback_movable_pages', { p: num(c.l, 'p') + pass(c) }, 'next');
      } },
      { ...local('next', '} /* next pass */'), run: (c) => {
        c.l.i = pass(c) + 1;
        c.l.iso = null;
        c.l.err = null;
        c.goto('scan');
      } },
    ]),

    /** Compaction thread that starts with page p already isolated on its list: migrate, then put back what is left. */
    compact_migrate: fn('mm/compaction.c', 'compact_zone', [
      {
        ...local('migrate', 'err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, ...)'),
        run: (c) => c.call('migrate_pages', { p: c.l.p ?? 0, np: c.l.np ?? 1 }, 'putback', 'err'),
      },
      { ...local('putback', 'if (err) putback_movable_pages(&cc->migratepages)'), run: (c) => {
        if (!leftOnList(num(c.l, 'err'))) return c.ret(null);
        c.call('putback_movable_pages', { p: c.l.p ?? 0 }, 'done');
      } },
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),

    /** Compaction thread that starts with page p isolated and puts it back (e.g. compaction aborted). */
    compact_putback: fn('mm/compaction.c', 'compact_zone', [
      { ...local('putback', 'putback_movable_pages(&cc->migratepages)'), run: (c) => c.call('putback_movable_pages', { p: c.l.p ?? 0 }, 'done') },
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),

    /** One pass of migrate_pages over a one-page list (no retry of -EAGAIN: the page stays on the list). */
    migrate_pages: fn('mm/migrate.c', 'migrate_pages', [
      {
        ...local('call', 'rc = unmap_and_move(get_new_page, put_new_page, private, page, pass > 2, mode, reason);'),
        run: (c) => c.call('unmap_and_move', { p: c.l.p ?? 0, np: c.l.np ?? 1 }, 'ret', 'rc'),
      },
      { ...local('ret', 'return rc (one page: its result)'), run: (c) => c.ret(c.l.rc ?? null) },
    ]),

    /** putback_lru_page(page): back on the LRU, drop the isolation reference. Never right for a driver page. */
    putback_lru_page: fn('mm/vmscan.c', 'putback_lru_page', [
      {
        label: 'putback',
        code: 'putback_lru_page(page): lru_cache_add(page); put_page(page);',
        writes: both(dropFields(), fields('p', 'flags', 'lru')),
        run: (c) => {
          const page = pg(c);
          if (page.kind === Kind.DRIVER) {
            c.fail('driver-page-off-lru', `putback_lru_page() puts driver page ${num(c.l, 'p')} on the LRU: the VM lost track that it is a non-LRU movable page`);
          }
          // With our reference the last one, release_pages() takes the page off the LRU and frees it.
          if (page.ref > 1) {
            page.flags |= bit(PG.lru);
            page.lru = List.LRU;
          }
          dropIsolation(c, layout);
          c.ret(null);
        },
      },
    ]),

    /**
     * migrate_page() of an LRU page-cache page, as one step: only a file page
     * whose count is the cache's reference plus ours moves; anything else gets
     * -EAGAIN from migrate_page_move_mapping's refcount check.
     */
    file_migratepage: fn('mm/migrate.c', 'migrate_page', [
      {
        label: 'move',
        code: 'migrate_page_move_mapping(mapping, newpage, page, ...); migrate_page_copy(newpage, page);',
        reads: fields('p', 'ref', 'data', 'mapping', 'kind', 'holds'),
        writes: both(fields('p', 'ref', 'holds'), fields('np', 'ref', 'holds', 'data', 'mapping', 'kind')),
        run: (c) => {
          const page = pg(c);
          const np = pg(c, 'np');
          if (page.kind !== Kind.FILE || page.ref !== 2) return c.ret(RC.EAGAIN);
          const cacheSlot = page.holds.findIndex((h, i) => h > 0 && i !== ownerSlot(c.tid));
          page.ref -= 1;
          page.holds[cacheSlot] = (page.holds[cacheSlot] ?? 0) - 1;
          np.ref += 1;
          np.holds[cacheSlot] = (np.holds[cacheSlot] ?? 0) + 1;
          np.data = page.data;
          np.mapping = page.mapping;
          np.kind = Kind.FILE;
          c.ret(RC.SUCCESS);
        },
      },
    ]),

    /** The driver using page->lru of its pages for its own list (list_move), which it may do only while the page is on its list. */
    drv_lru: fn('drivers/zsmalloc-like.c', 'drv_list_rotate', [
      {
        label: 'rotate',
        code: 'list_move_tail(&page->lru, &pool->pages) (only pages on the pool list)',
        reads: fields('p', 'lru'),
        writes: fields('p', 'lru'),
        run: (c) => {
          const page = pg(c);
          if (page.lru === List.DRV) page.lru = List.DRV;
        },
      },
    ]),

    /**
     * The driver using a page flag bit of its own page for a private purpose
     * (local `bit`, e.g. PG_owner_priv_1 as PG_checked): set it, later clear
     * it, with atomic bit operations and no page lock. R3's rule-breaking driver.
     */
    drv_private_flag: fn('drivers/zsmalloc-like.c', 'drv_mark_page', [
      {
        label: 'set',
        code: 'set_bit(bit, &page->flags) /* driver-private meaning */',
        reads: fields('p', 'flags'),
        writes: fields('p', 'flags'),
        run: (c) => void (pg(c).flags |= bit(num(c.l, 'bit'))),
      },
      {
        label: 'clear',
        code: 'clear_bit(bit, &page->flags) /* driver-private meaning */',
        reads: fields('p', 'flags'),
        writes: fields('p', 'flags'),
        run: (c) => void (pg(c).flags &= ~bit(num(c.l, 'bit'))),
      },
    ]),

    /** The owner of a page-cache page whose readahead mark (PG_readahead, the same bit as PG_reclaim) is consumed: TestClearPageReadahead. */
    readahead_owner: fn('mm/readahead.c', 'page_cache_async_readahead', [
      {
        label: 'clear',
        code: 'if (TestClearPageReadahead(page)) ... /* PG_readahead is PG_reclaim */',
        reads: fields('p', 'flags'),
        writes: fields('p', 'flags'),
        run: (c) => void (pg(c).flags &= ~bit(PG.reclaim)),
      },
    ]),

    /**
     * The driver freeing its objects 0, 1, ..., n-1 in order, each through its
     * version's own release path (`drv_free` with local `o`), at any time the
     * scheduler lets it run.
     */
    drv_free_objects: fn('drivers/zsmalloc-like.c', 'drv_free_objects', [
      { ...local('next', 'for (o = 0; o < n; o++) drv_free_page(obj[o]);'), run: (c) => {
        const o = typeof c.l.o === 'number' ? c.l.o : 0;
        if (o >= num(c.l, 'n')) return c.ret(null);
        c.l.o = o + 1;
        c.call('drv_free', { o }, 'next');
      } },
    ]),

    /** The driver allocating page p and making it movable: alloc, lock_page, __SetPageMovable, list_add, unlock_page. */
    drv_alloc: fn('drivers/zsmalloc-like.c', 'drv_alloc_page', [
      {
        label: 'alloc',
        code: 'page = alloc_page(GFP_KERNEL)',
        reads: paths('objData'),
        writes: both(allocFields(), paths(...OBJ_PATHS)),
        run: (c) => {
          if (!allocPage(c, DRIVER_SLOT, Kind.DRIVER)) return c.ret(null);
          pg(c).data = c.w.objData;
          setObjPage(c.w, typeof c.l.o === 'number' ? c.l.o : 0, num(c.l, 'p'));
          c.call('lock_page', { p: c.l.p ?? 0 }, 'mark');
        },
      },
      { ...local('mark', '__SetPageMovable(page, pool->inode->i_mapping)'), run: (c) => c.call('__SetPageMovable', { p: c.l.p ?? 0 }, 'list') },
      {
        label: 'list',
        code: 'list_add(&page->lru, &pool->pages)',
        writes: fields('p', 'lru'),
        run: (c) => void (pg(c).lru = List.DRV),
      },
      { label: 'unlock', code: 'unlock_page(page)', reads: lockFields(), writes: lockFields(), run: (c) => unlockPage(c) },
    ]),

    /**
     * The owner of an LRU page-cache page that reclaim took off the LRU while
     * PG_reclaim was set: writeback ends (PG_reclaim cleared atomically), then
     * reclaim puts the page back on the LRU and drops its reference.
     */
    lru_owner: fn('mm/filemap.c', 'end_page_writeback', [
      {
        label: 'end_writeback',
        code: 'if (TestClearPageReclaim(page)) rotate_reclaimable_page(page); test_clear_page_writeback(page);',
        reads: fields('p', 'flags'),
        writes: fields('p', 'flags'),
        run: (c) => void (pg(c).flags &= ~(bit(PG.reclaim) | bit(PG.writeback))),
      },
      {
        label: 'putback',
        code: 'putback_lru_page(page) (shrink_page_list: keep the page)',
        writes: both(refFields(), fields('p', 'flags', 'lru')),
        run: (c) => {
          const page = pg(c);
          page.flags |= bit(PG.lru);
          page.lru = List.LRU;
          putPage(c, ownerSlot(c.tid), layout);
        },
      },
    ]),

    /**
     * Another owner allocating page p when it is free and locking it with the
     * non-atomic __SetPageLocked, believing nobody else can see the page; then
     * it unlocks and keeps its reference.
     */
    other_owner: fn('mm/filemap.c', 'add_to_page_cache_lru', [
      {
        label: 'alloc',
        code: 'page = __page_cache_alloc(gfp) (gets page p if it is free)',
        writes: allocFields(),
        run: (c) => {
          if (!allocPage(c, ownerSlot(c.tid), Kind.OTHER)) return c.ret(null);
          c.call('__SetPageLocked', { p: c.l.p ?? 0 }, 'unlock');
        },
      },
      { label: 'unlock', code: 'unlock_page(page)', reads: lockFields(), writes: lockFields(), run: (c) => unlockPage(c) },
    ]),

    /** User space mapping a driver page and unmapping it (page_add_file_rmap / page_remove_rmap). */
    user_map: fn('mm/rmap.c', 'page_add_file_rmap', [
      {
        label: 'map',
        code: 'page_add_file_rmap(page): atomic_inc_and_test(&page->_mapcount)',
        reads: fields('p', 'mapcount'),
        writes: both(fields('p', 'mapcount', 'mappers'), refFields()),
        run: (c) => {
          const page = pg(c);
          if (page.ref === 0) return c.ret(null);
          getPage(c, ownerSlot(c.tid));
          page.mapcount += 1;
          page.mappers += 1;
        },
      },
      {
        label: 'unmap',
        code: 'page_remove_rmap(page): atomic_add_negative(-1, &page->_mapcount); put_page(page)',
        reads: fields('p', 'mapcount'),
        writes: both(fields('p', 'mapcount', 'mappers'), refFields()),
        run: (c) => {
          const page = pg(c);
          page.mapcount -= 1;
          page.mappers -= 1;
          putPage(c, ownerSlot(c.tid), layout);
        },
      },
    ]),
  };
}

/** Runs `unlock_page` inline on the page in local `v` and continues: a helper for one-statement unlock steps. */
export function unlockStep<const L extends string>(label: L, code: string, v: LocalName = 'p'): StepSpec<L, never> {
  return { label, code, reads: lockFields(v), writes: lockFields(v), run: (c) => unlockPage(c, v) };
}

/** The compaction return code, from a local. */
export function rcOf(c: KCtx): number {
  return num(c.l, 'rc');
}

/** Steps unmap_and_move and putback_movable_pages share across versions. */
export const shared = {
  /** `newpage = get_new_page(...)`: a branch, the allocation fails (-ENOMEM) or takes the free page in local `np`. */
  allocTarget(): StepSpec<'alloc', never> {
    return {
      label: 'alloc',
      code: 'newpage = get_new_page(page, private, &result); if (!newpage) return -ENOMEM;',
      choices: ['newpage', 'NULL'],
      writes: allocFields('np'),
      run: (c) => {
        if (c.choice === 'NULL' || !allocPage(c, ownerSlot(c.tid), Kind.TARGET, 'np')) c.ret(RC.ENOMEM);
      },
    };
  },
  /** `if (page_count(page) == 1)`: else __unmap_and_move; when freed under us, `freed` continues. */
  count<L extends string>(freed: (c: KCtx<L | 'out'>) => void): StepSpec<'count', L | 'out'> {
    return {
      label: 'count',
      code: 'if (page_count(page) == 1) { /* page was freed from under us. So we are done. */',
      reads: fields('p', 'ref'),
      run: (c) => {
        if (pg(c).ref !== 1) return c.call('__unmap_and_move', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'out', 'rc');
        freed(c);
      },
    };
  },
  /**
   * unmap_and_move's `out:` label: unless -EAGAIN, list_del the page from the
   * migration list; on failure ask PageMovable (unlocked) and go on at `fail_movable`.
   */
  outListDel(): StepSpec<'out' | 'list_del', 'put_new' | 'fail_movable'>[] {
    return [
      { ...local('out', 'out: if (rc != -EAGAIN) {'), run: (c) => void (rcOf(c) === RC.EAGAIN && c.goto('put_new')) },
      {
        label: 'list_del',
        code: 'list_del(&page->lru); dec_zone_page_state(page, NR_ISOLATED_ANON + page_is_file_cache(page));',
        writes: fields('p', 'lru', 'isolators'),
        run: (c) => {
          listDelIsolated(c);
          if (rcOf(c) !== RC.SUCCESS) callPageMovable(c, 'fail_movable', false);
        },
      },
    ];
  },
  /** The caller's isolation reference dropped, then `then` (a label) or return `ret()`. */
  putIsolation<const L extends string, T extends string = never>(layout: Layout, label: L, code: string, then: T | ((c: KCtx) => number | null)): StepSpec<L, T> {
    return {
      label,
      code,
      writes: dropFields(),
      run: (c) => {
        dropIsolation(c, layout);
        if (typeof then === 'string') c.goto(then);
        else c.ret(then(c));
      },
    };
  },
  /** `put_new_page(newpage)` unless already put, and return rc. */
  putNew(layout: Layout, code: string): StepSpec<'put_new', never> {
    return {
      label: 'put_new',
      code,
      writes: refFields('np'),
      run: (c) => {
        if (!c.l.newput) putPage(c, ownerSlot(c.tid), layout, 'np');
        c.ret(rcOf(c));
      },
    };
  },
  /** The LRU branch of putback_movable_pages and its end. */
  lruTail(): StepSpec<'lru' | 'done'>[] {
    return [
      { ...local('lru', '} else { putback_lru_page(page); }'), run: (c) => c.call('putback_lru_page', { p: num(c.l, 'p') }, 'done') },
      { ...local('done', '}'), run: (c) => c.ret(null) },
    ];
  },
};
