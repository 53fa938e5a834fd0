/**
 * Protocol v3, as posted in the seed ("[PATCH v3 02/16] mm/compaction: support
 * non-lru movable page migration"): PG_movable aliases PG_reclaim, PG_isolated
 * aliases PG_owner_priv_1, movable pages carry _mapcount == -255, and the
 * driver sets and clears PG_isolated. Functions that v3-reviewed changes are
 * factories with the option it flips.
 */
import { bit, PAGE_MOVABLE_MAPCOUNT_VALUE, PG, test, type Layout } from '../flags.ts';
import { both, fields, fn, local, num, paths, pg, RC, type Fns, type KCtx, type KFn, type StepSpec } from '../dsl.ts';
import type { Locals } from '../../checker/index.ts';
import { AS, mappingOf, PAGE_MAPPING_FLAGS, PAGE_MAPPING_MOVABLE } from '../mapping.ts';
import { aopFields, callAop } from '../aops.ts';
import { bugOn, warnOn } from '../kassert.ts';
import { nonAtomicBitFn, atomicBit } from '../prim/flagword.ts';
import { lockFields, tryLock, unlockPage } from '../prim/pagelock.ts';
import { getPage, getPageUnlessZero, putPage, refFields } from '../prim/refcount.ts';
import { spinUnlockLru } from '../prim/spinlock.ts';
import { DRIVER_SLOT, Kind, List, OBJ_PATHS, objCount, objPage, objPagesFields, ownerSlot, setObjPage } from '../world.ts';
import { callPageMovable, commonFns, dropFields, dropIsolation, listDelIsolated, rcOf, shared, unlockStep } from './common.ts';
import type { Protocol } from '../protocol.ts';

/**
 * v3's flag layout, on the page lock of the kernel the patch was posted
 * against (before 4.10, like 4.8): the bit waitqueue, where a sleeper in
 * lock_page() writes nothing to page->flags (prim/pagelock-bitwait.ts).
 */
export const v3Layout: Layout = { isolated: PG.owner_priv_1, movable: PG.reclaim, mapcountMarker: true, pageLock: 'bitwait' };

const MM = 'mm/migrate.c';
const FLAGS_H = 'include/linux/page-flags.h';

/** v3 PageMovable(): test_bit(PG_movable) && _mapcount == PAGE_MOVABLE_MAPCOUNT_VALUE (PageBalloon is never true here). */
export function v3PageMovable(layout: Layout): KFn {
  const movable = layout.movable ?? PG.reclaim;
  return fn(FLAGS_H, 'PageMovable', [
    {
      label: 'bit',
      code: 'return ((test_bit(PG_movable, &(page)->flags) &&',
      reads: fields('p', 'flags'),
      run: (c) => void (test(pg(c).flags, movable) || c.ret(false)),
    },
    {
      label: 'mapcount',
      code: 'atomic_read(&page->_mapcount) == PAGE_MOVABLE_MAPCOUNT_VALUE) || PageBalloon(page));',
      reads: fields('p', 'mapcount'),
      run: (c) => c.ret(pg(c).mapcount === PAGE_MOVABLE_MAPCOUNT_VALUE),
    },
  ]);
}

/** __SetPageMovable (caller holds PG_lock): mapping, __set_bit(PG_movable), and the v3 _mapcount marker if the layout has one. */
export function v3SetPageMovable(layout: Layout): Fns {
  const movable = layout.movable ?? PG.reclaim;
  const marker: StepSpec<'marker', never> = {
    label: 'marker',
    code: 'atomic_set(&page->_mapcount, PAGE_MOVABLE_MAPCOUNT_VALUE);',
    writes: fields('p', 'mapcount'),
    run: (c) => void (pg(c).mapcount = PAGE_MOVABLE_MAPCOUNT_VALUE),
  };
  return {
    __SetPageMovable: fn(FLAGS_H, '__SetPageMovable', [
      {
        label: 'mapping',
        code: 'page->mapping = mapping;',
        writes: fields('p', 'mapping'),
        run: (c) => {
          pg(c).mapping = mappingOf(AS.DRIVER);
          c.call('__SetPageMovable:bit', { p: num(c.l, 'p') }, layout.mapcountMarker ? 'marker' : 'done');
        },
      },
      ...(layout.mapcountMarker ? [marker] : []),
      { ...local('done', 'return'), run: (c) => c.ret(null) },
    ]),
    '__SetPageMovable:bit': nonAtomicBitFn(FLAGS_H, '__SetPageMovable', movable, true, layout),
  };
}

/** __ClearPageMovable: reset the marker (v3), __clear_bit(PG_movable), mapping = NULL. */
export function v3ClearPageMovable(layout: Layout): Fns {
  const movable = layout.movable ?? PG.reclaim;
  return {
    __ClearPageMovable: fn(FLAGS_H, '__ClearPageMovable', [
      {
        ...local('check', 'static inline void __ClearPageMovable(struct page *page)'), run: (c) => {
          if (pg(c).kind !== Kind.DRIVER) {
            c.fail('no-false-positive-movable', `__ClearPageMovable() on page ${num(c.l, 'p')}, which is not a driver page: a PG_reclaim false positive`);
          }
        },
        reads: fields('p', 'kind'),
      },
      layout.mapcountMarker
        ? {
            label: 'marker',
            code: 'atomic_set(&page->_mapcount, -1);',
            writes: fields('p', 'mapcount'),
            run: (c) => {
              pg(c).mapcount = -1;
              c.call('__ClearPageMovable:bit', { p: num(c.l, 'p') }, 'mapping');
            },
          }
        : { ...local('marker', '__clear_bit(PG_movable, &(page)->flags);'), run: (c) => c.call('__ClearPageMovable:bit', { p: num(c.l, 'p') }, 'mapping') },
      {
        label: 'mapping',
        code: 'page->mapping = NULL;',
        writes: fields('p', 'mapping'),
        run: (c) => void (pg(c).mapping = 0),
      },
    ]),
    '__ClearPageMovable:bit': nonAtomicBitFn(FLAGS_H, '__ClearPageMovable', movable, false, layout),
  };
}

/** PAGEFLAG(Isolated): atomic SetPageIsolated / ClearPageIsolated, and the non-atomic __ClearPageIsolated. */
export function isolatedFlagFns(layout: Layout): Fns {
  return {
    SetPageIsolated: fn(FLAGS_H, 'SetPageIsolated', [
      { label: 'set', code: 'SetPageIsolated(page): set_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, true) },
    ]),
    ClearPageIsolated: fn(FLAGS_H, 'ClearPageIsolated', [
      { label: 'clear', code: 'ClearPageIsolated(page): clear_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, false) },
    ]),
    __SetPageIsolated: nonAtomicBitFn(FLAGS_H, '__SetPageIsolated', layout.isolated, true, layout),
    __ClearPageIsolated: nonAtomicBitFn(FLAGS_H, '__ClearPageIsolated', layout.isolated, false, layout),
  };
}

/** isolate_migratepages_block's handling of one non-LRU page (v3 and v3-reviewed: PageMovable && !PageIsolated). */
export function v3ScanFn(layout: Layout, movable = 'PageMovable(page)'): KFn {
  return fn('mm/compaction.c', 'isolate_migratepages_block', [
    {
      label: 'lru',
      code: 'is_lru = PageLRU(page); if (!is_lru) {',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (test(pg(c).flags, PG.lru)) return c.ret(false);
        callPageMovable(c, 'isolated', false);
      },
    },
    {
      label: 'isolated',
      code: `if (unlikely(${movable}) && !PageIsolated(page)) {`,
      reads: fields('p', 'flags'),
      run: (c) => {
        if (!c.l.mv || test(pg(c).flags, layout.isolated)) return c.ret(false);
        if (c.l.locked) return c.goto('drop_lru');
        c.call('isolate_movable_page', { p: num(c.l, 'p') }, 'ok', 'ok');
      },
    },
    {
      label: 'drop_lru',
      code: 'if (locked) { spin_unlock_irqrestore(&zone->lru_lock, flags); locked = false; }',
      writes: paths('lruLock'),
      run: (c) => {
        spinUnlockLru(c.w);
        c.l.locked = false;
        c.call('isolate_movable_page', { p: num(c.l, 'p') }, 'ok', 'ok');
      },
    },
    { ...local('ok', 'if (isolate_movable_page(page, isolate_mode))'), run: (c) => void (c.l.ok || c.ret(false)) },
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
 * v3 isolate_movable_page (also v3-reviewed, whose PageMovable differs). With
 * `vmSetsIsolated` (v4.8) the unlocked check is __PageMovable, the callback goes
 * through page_mapping(), and the VM itself sets PG_isolated with __SetPageIsolated.
 */
export function v3IsolateMovablePage(layout: Layout, vmSetsIsolated = false): KFn {
  const warn: StepSpec<'warn', 'unlock_ok'> = {
    label: 'warn',
    code: '/* Driver shouldn\'t use PG_isolated bit of page->flags */ WARN_ON_ONCE(PageIsolated(page));',
    reads: fields('p', 'flags'),
    run: (c) => {
      warnOn(c, test(pg(c).flags, layout.isolated), 'WARN_ON_ONCE(PageIsolated(page))', 'isolate_movable_page');
      c.call('__SetPageIsolated', { p: num(c.l, 'p') }, 'unlock_ok');
    },
  };
  return fn(MM, 'isolate_movable_page', [
    {
      label: 'get',
      code: 'if (unlikely(!get_page_unless_zero(page))) goto out;',
      writes: fields('p', 'ref', 'holds'),
      run: (c) => {
        if (!getPageUnlessZero(c, ownerSlot(c.tid))) return c.ret(false);
        callPageMovable(c, 'mv1', false);
      },
    },
    { ...local('mv1', 'if (unlikely(!PageMovable(page))) goto out_putpage;'), run: (c) => void (c.l.mv || c.goto('out_putpage')) },
    {
      label: 'trylock',
      code: 'if (unlikely(!trylock_page(page))) goto out_putpage;',
      reads: lockFields(),
      writes: lockFields(),
      run: (c) => {
        if (!tryLock(c)) return c.goto('out_putpage');
        callPageMovable(c, 'mv2', true);
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
      code: vmSetsIsolated
        ? 'mapping = page_mapping(page); if (!mapping->a_ops->isolate_page(page, mode)) goto out_no_isolated;'
        : 'ret = page->mapping->a_ops->isolate_page(page, mode);',
      reads: aopFields(),
      run: (c) => callAop(c, 'isolate_page', pg(c).mapping, { p: num(c.l, 'p') }, 'ret', 'ret'),
    },
    { ...local('ret', 'if (!ret) goto out_no_isolated;'), run: (c) => void (c.l.ret || c.goto('out_no_isolated')) },
    ...(vmSetsIsolated ? [warn] : []),
    {
      label: 'unlock_ok',
      code: vmSetsIsolated ? '__SetPageIsolated(page); unlock_page(page); return true;' : 'WARN_ON_ONCE(!PageIsolated(page)); unlock_page(page); return ret;',
      reads: lockFields(),
      writes: both(lockFields(), fields('p', 'isolators')),
      run: (c) => {
        // v3: the driver's isolate_page must have set PG_isolated (duty 2).
        if (!vmSetsIsolated) warnOn(c, !test(pg(c).flags, layout.isolated), 'WARN_ON_ONCE(!PageIsolated(page))', 'isolate_movable_page');
        pg(c).isolators |= bit(c.tid);
        unlockPage(c);
        c.ret(true);
      },
    },
    unlockStep('out_no_isolated', 'out_no_isolated: unlock_page(page);'),
    {
      label: 'out_putpage',
      code: 'out_putpage: put_page(page); out: return ret;',
      writes: refFields(),
      run: (c) => {
        putPage(c, ownerSlot(c.tid), layout);
        c.ret(false);
      },
    },
  ]);
}

/**
 * v3 putback_movable_page: VM_BUG_ON_PAGE(!PageMovable(page)); lock_page; the
 * driver's putback_page if isolated (then WARN_ON_ONCE(PageIsolated(page)):
 * the driver must have cleared it, duty 4), else __ClearPageMovable;
 * unlock_page; put_page. PageMovable is v3's (PG_movable and the _mapcount
 * marker), or the flag alone where the layout has no marker (v3-reviewed's
 * unlocked PageMovable(page, false)).
 */
export function v3PutbackMovablePage(layout: Layout): KFn {
  const movable = layout.movable ?? PG.reclaim;
  return fn(MM, 'putback_movable_page', [
    {
      label: 'lock',
      code: 'VM_BUG_ON_PAGE(!PageMovable(page), page); lock_page(page);',
      reads: fields('p', 'flags', 'mapcount'),
      run: (c) => {
        const page = pg(c);
        const mv = test(page.flags, movable) && (!layout.mapcountMarker || page.mapcount === PAGE_MOVABLE_MAPCOUNT_VALUE);
        bugOn(c, !mv, 'VM_BUG_ON_PAGE(!PageMovable(page), page)', 'putback_movable_page');
        c.call('lock_page', { p: num(c.l, 'p') }, 'isolated');
      },
    },
    {
      label: 'isolated',
      code: 'if (PageIsolated(page)) { ... } else { __ClearPageMovable(page); }',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (!test(pg(c).flags, layout.isolated)) c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'unlock');
      },
    },
    {
      label: 'callback',
      code: 'mapping = page_mapping(page); mapping->a_ops->putback_page(page);',
      reads: aopFields(),
      run: (c) => callAop(c, 'putback_page', pg(c).mapping, { p: num(c.l, 'p') }, 'warn_unlock'),
    },
    {
      label: 'warn_unlock',
      code: 'WARN_ON_ONCE(PageIsolated(page)); } unlock_page(page);',
      reads: lockFields(),
      writes: lockFields(),
      run: (c) => {
        warnOn(c, test(pg(c).flags, layout.isolated), 'WARN_ON_ONCE(PageIsolated(page))', 'putback_movable_page');
        unlockPage(c);
        c.goto('put');
      },
    },
    unlockStep('unlock', 'unlock_page(page);'),
    {
      label: 'put',
      code: '/* drop the extra ref count taken for movable page isolation */ put_page(page);',
      writes: dropFields(),
      run: (c) => dropIsolation(c, layout),
    },
  ]);
}

/** The labels of clearReleased(prefix, ...). */
type ClearLabel<P extends string> = P | `${P}_clear` | `${P}_unlock`;

/**
 * Clears PG_movable of a page whose driver released it, then continues at
 * `then`: v3 does it without the page lock; with `locked` (v3-reviewed) it is
 * wrapped in lock_page/unlock_page.
 */
function clearReleased<const P extends string, T extends string>(prefix: P, then: T, lockAround: boolean): StepSpec<ClearLabel<P>, ClearLabel<P> | T>[] {
  if (!lockAround) {
    return [{ ...local(prefix, '__ClearPageMovable(page);'), run: (c) => c.call('__ClearPageMovable', { p: num(c.l, 'p') }, then) }];
  }
  return [
    { ...local(prefix, 'lock_page(page);'), run: (c) => c.call('lock_page', { p: num(c.l, 'p') }, `${prefix}_clear`) },
    { ...local(`${prefix}_clear`, '__ClearPageMovable(page);'), run: (c) => c.call('__ClearPageMovable', { p: num(c.l, 'p') }, `${prefix}_unlock`) },
    { ...unlockStep(`${prefix}_unlock`, 'unlock_page(page);'), run: (c) => { unlockPage(c); c.goto(then); } },
  ];
}

/** v3 putback_movable_pages for a one-page list; `lockAround` adds v3-reviewed's lock_page around __ClearPageMovable. */
export function v3PutbackMovablePages(layout: Layout, lockAround: boolean): KFn {
  return fn(MM, 'putback_movable_pages', [
    {
      label: 'list_del',
      code: 'list_del(&page->lru); dec_zone_page_state(page, NR_ISOLATED_ANON + page_is_file_cache(page));',
      writes: fields('p', 'lru', 'isolators'),
      run: (c) => {
        listDelIsolated(c);
        callPageMovable(c, 'movable', false);
      },
    },
    { ...local('movable', '} else if (unlikely(PageMovable(page))) {'), run: (c) => void (c.l.mv || c.goto('lru')) },
    {
      label: 'isolated',
      code: 'if (PageIsolated(page)) { putback_movable_page(page); } else {',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (test(pg(c).flags, layout.isolated)) return c.call('putback_movable_page', { p: num(c.l, 'p') }, 'done');
        c.goto('clear');
      },
    },
    ...clearReleased('clear', 'put', lockAround),
    shared.putIsolation(layout, 'put', 'put_page(page);', () => null),
    ...shared.lruTail(),
  ]);
}

/** v3 unmap_and_move for one page; `lockAround` adds v3-reviewed's lock_page around both __ClearPageMovable calls. */
export function v3UnmapAndMove(layout: Layout, lockAround: boolean): KFn {
  return fn(MM, 'unmap_and_move', [
    shared.allocTarget(),
    shared.count(() => undefined),
    {
      label: 'freed_put_new',
      code: 'put_page(newpage);',
      writes: refFields('np'),
      run: (c) => {
        putPage(c, ownerSlot(c.tid), layout, 'np');
        c.l.rc = RC.SUCCESS;
        c.l.newput = true;
        callPageMovable(c, 'freed_movable', false);
      },
    },
    { ...local('freed_movable', 'if (PageMovable(page))'), run: (c) => void (c.l.mv || c.goto('out')) },
    ...clearReleased('freed_clear', 'out', lockAround),
    ...shared.outListDel(),
    shared.putIsolation(layout, 'put_success', 'if (rc == MIGRATEPAGE_SUCCESS) { put_page(page);', rcOf),
    { ...local('fail_movable', '} else { if (rc != -EAGAIN) { if (unlikely(PageMovable(page))) {'), run: (c) => void (c.l.mv || c.goto('fail_lru')) },
    {
      label: 'fail_isolated',
      code: 'if (PageIsolated(page)) putback_movable_page(page); else {',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (test(pg(c).flags, layout.isolated)) return c.call('putback_movable_page', { p: num(c.l, 'p') }, 'put_new');
        c.goto('fail_clear');
      },
    },
    ...clearReleased('fail_clear', 'fail_put', lockAround),
    shared.putIsolation(layout, 'fail_put', 'put_page(page);', 'put_new'),
    { ...local('fail_lru', '} else putback_lru_page(page);'), run: (c) => c.call('putback_lru_page', { p: num(c.l, 'p') }, 'put_new') },
    shared.putNew(layout, 'if (put_new_page) put_new_page(newpage, private); else put_page(newpage);'),
  ]);
}

/**
 * v3 __unmap_and_move (force mode: lock_page when trylock fails), then newpage
 * handling on success. With `isLru` (v4.8) it first computes
 * `is_lru = !__PageMovable(page)` and sends non-LRU pages straight to
 * move_to_new_page.
 */
export function v3UnmapAndMoveInner(layout: Layout, isLru = false): KFn {
  const lock = (c: KCtx<'lock_new'>) => {
    c.l.rc = RC.EAGAIN;
    c.l.is_lru = true;
    c.call('lock_page', { p: num(c.l, 'p') }, 'lock_new');
  };
  return fn(MM, '__unmap_and_move', [
    isLru
      ? {
          label: 'lock',
          code: 'bool is_lru = !__PageMovable(page); if (!trylock_page(page)) { ... lock_page(page); }',
          reads: fields('p', 'mapping'),
          run: (c) => {
            lock(c);
            c.l.is_lru = (pg(c).mapping & PAGE_MAPPING_FLAGS) !== PAGE_MAPPING_MOVABLE;
          },
        }
      : { ...local('lock', 'if (!trylock_page(page)) { ... lock_page(page); }'), run: lock },
    {
      label: 'lock_new',
      code: 'if (unlikely(!trylock_page(newpage))) goto out_unlock;',
      reads: lockFields('np'),
      writes: lockFields('np'),
      run: (c) => {
        if (!tryLock(c, 'np')) return c.goto('unlock');
        if (!c.l.is_lru) c.call('move_to_new_page', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'unlock_new', 'rc');
      },
    },
    {
      label: 'mapped',
      code: 'else if (page_mapped(page)) { try_to_unmap(page, ...); } if (!page_mapped(page)) rc = move_to_new_page(newpage, page, mode);',
      reads: fields('p', 'mapcount'),
      run: (c) => {
        if (pg(c).mapcount >= 0) return;
        c.call('move_to_new_page', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'unlock_new', 'rc');
      },
    },
    unlockStep('unlock_new', 'out_unlock_both: unlock_page(newpage);', 'np'),
    unlockStep('unlock', 'out_unlock: unlock_page(page);'),
    { ...local('success', 'out: if (rc == MIGRATEPAGE_SUCCESS) {'), run: (c) => {
      if (rcOf(c) !== RC.SUCCESS) return c.ret(rcOf(c));
      callPageMovable(c, 'newpage', false, 'np');
    } },
    // The seed does not show this hunk of v3: 4.6 did putback_lru_page(newpage) unless it was a
    // balloon page. We assume v3 treated a movable newpage as v4.8 does (put_page), else it would
    // put every migrated driver page on the LRU.
    {
      label: 'newpage',
      code: 'if (movable newpage) put_page(newpage); else putback_lru_page(newpage);',
      writes: refFields('np'),
      run: (c) => {
        if (!c.l.mv) return c.call('putback_lru_page', { p: num(c.l, 'np') }, 'ret');
        putPage(c, ownerSlot(c.tid), layout, 'np');
        c.ret(rcOf(c));
      },
    },
    { ...local('ret', 'return rc;'), run: (c) => c.ret(rcOf(c)) },
  ]);
}

/** v3 move_to_new_page (both pages locked). */
export function v3MoveToNewPage(layout: Layout): KFn {
  return fn(MM, 'move_to_new_page', [
    {
      label: 'mapping',
      code: 'VM_BUG_ON_PAGE(!PageLocked(page), page); VM_BUG_ON_PAGE(!PageLocked(newpage), newpage); mapping = page_mapping(page);',
      reads: both(fields('p', 'mapping', 'flags'), fields('np', 'flags')),
      run: (c) => {
        bugOn(c, !test(pg(c).flags, PG.locked), 'VM_BUG_ON_PAGE(!PageLocked(page), page)', 'move_to_new_page');
        bugOn(c, !test(pg(c, 'np').flags, PG.locked), 'VM_BUG_ON_PAGE(!PageLocked(newpage), newpage)', 'move_to_new_page', 'np');
        c.l.m = pg(c).mapping;
        c.l.rc = RC.EAGAIN;
        callPageMovable(c, 'movable', true);
      },
    },
    { ...local('movable', 'if (unlikely(PageMovable(page))) { lru_movable = false; VM_BUG_ON_PAGE(!mapping, page);'), run: (c) => {
      if (!c.l.mv) return c.goto('lru');
      if (!c.l.m) c.fail('no-null-deref', `VM_BUG_ON_PAGE(!mapping): movable page ${num(c.l, 'p')} has a NULL mapping`);
    } },
    {
      label: 'isolated',
      code: 'if (!PageIsolated(page)) { rc = MIGRATEPAGE_SUCCESS; __ClearPageMovable(page); goto out; }',
      reads: fields('p', 'flags'),
      run: (c) => {
        if (test(pg(c).flags, layout.isolated)) return c.goto('callback');
        c.l.rc = RC.SUCCESS;
        c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'out');
      },
    },
    {
      ...local('callback', 'rc = mapping->a_ops->migratepage(mapping, newpage, page, mode);'),
      run: (c) => callAop(c, 'migratepage', num(c.l, 'm'), { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'success', 'rc'),
      reads: aopFields(),
    },
    { ...local('lru', 'if (!mapping) rc = migrate_page(...); else if (mapping->a_ops->migratepage) rc = mapping->a_ops->migratepage(...); else rc = fallback_migrate_page(...);'), run: (c) => {
      const m = num(c.l, 'm');
      const args = { p: num(c.l, 'p'), np: num(c.l, 'np') };
      if (m >> 2 === AS.DRIVER) return callAop(c, 'migratepage', m, args, 'success', 'rc');
      c.call('file_migratepage', args, 'success', 'rc');
    }, reads: aopFields() },
    { ...local('success', 'if (rc == MIGRATEPAGE_SUCCESS) {'), run: (c) => void (rcOf(c) === RC.SUCCESS || c.goto('out')) },
    {
      label: 'clear_mapping',
      code: '/* non-lru: */ WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && PageIsolated(page)); } if (rc == MIGRATEPAGE_SUCCESS) { if (!PageAnon(page)) page->mapping = NULL;',
      reads: fields('p', 'flags'),
      writes: fields('p', 'mapping'),
      run: (c) => {
        // v3: on success the driver has cleared PG_isolated (duty 3).
        if (c.l.mv) warnOn(c, test(pg(c).flags, layout.isolated), 'WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && PageIsolated(page))', 'move_to_new_page');
        pg(c).mapping = 0;
      },
    },
    { ...local('out', 'out: return rc;'), run: (c) => c.ret(rcOf(c)) },
  ]);
}

/**
 * How the driver clears PG_isolated: `ClearPageIsolated` (atomic) as posted in
 * v3, `__ClearPageIsolated` in v3-reviewed, null in v4.8 (the VM owns PG_isolated).
 */
export type IsolatedClear = 'ClearPageIsolated' | '__ClearPageIsolated' | null;

/** The driver object a drv_free frame frees: local `o`, default 0 (the first). */
function objOf(l: Locals): number {
  return typeof l.o === 'number' ? l.o : 0;
}

/** The driver frees its object: the page is released (ghost) and leaves the driver's list. */
function release(c: KCtx): void {
  const page = pg(c);
  setObjPage(c.w, objOf(c.l), -1);
  page.released = 1;
  if (page.lru === List.DRV) page.lru = List.NONE;
}

/** The v3 driver (zsmalloc-like) keeping duties 1-5 as posted; `clear` names how it clears PG_isolated, `lockedRelease` whether its release path takes PG_lock first. */
export function v3Driver(layout: Layout, clear: IsolatedClear, lockedRelease: boolean): Fns {
  const DRV = 'drivers/zsmalloc-like.c';
  return {
    drv_isolate_page: fn(DRV, 'drv_isolate_page', [
      {
        label: 'isolate',
        code: clear ? 'list_del_init(&page->lru);' : 'list_del_init(&page->lru); return true;',
        reads: fields('p', 'lru'),
        writes: fields('p', 'lru'),
        run: (c) => {
          const page = pg(c);
          if (page.lru === List.DRV) page.lru = List.NONE;
          if (!clear) c.ret(true);
        },
      },
      {
        label: 'set_isolated',
        code: 'SetPageIsolated(page); return true; /* duty 2 */',
        reads: fields('p', 'flags'),
        writes: fields('p', 'flags'),
        run: (c) => {
          atomicBit(c, layout.isolated, true);
          c.ret(true);
        },
      },
    ]),
    drv_putback_page: fn(DRV, 'drv_putback_page', [
      {
        label: 'list',
        code: 'list_add(&page->lru, &pool->pages);',
        writes: fields('p', 'lru'),
        run: (c) => {
          pg(c).lru = List.DRV;
          if (clear) c.call(clear, { p: num(c.l, 'p') }, 'done');
        },
      },
      { ...local('done', clear ? `${clear}(page); /* duty 4 */` : 'return;'), run: (c) => c.ret(null) },
    ]),
    drv_migratepage: fn(DRV, 'drv_migratepage', [
      {
        label: 'copy',
        code: 'copy the objects of page to newpage (or fail)',
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
        code: 'get_page(newpage); list_add(&newpage->lru, &pool->pages); /* objects now live in newpage */',
        reads: paths(...OBJ_PATHS),
        writes: both(fields('np', 'ref', 'holds', 'lru', 'kind'), paths(...OBJ_PATHS)),
        run: (c) => {
          getPage(c, DRIVER_SLOT, 'np');
          const np = pg(c, 'np');
          np.lru = List.DRV;
          np.kind = Kind.DRIVER;
          for (let o = 0; o < objCount(c.w); o++) if (objPage(c.w, o) === num(c.l, 'p')) setObjPage(c.w, o, num(c.l, 'np'));
          if (clear) c.call(clear, { p: num(c.l, 'p') }, 'clear_movable');
        },
      },
      { ...local('clear_movable', '__ClearPageMovable(page); /* duty 3 */'), run: (c) => c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'put') },
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
    drv_free: fn(DRV, 'drv_free_page', [
      {
        label: 'pick',
        code: 'page = obj_to_page(obj); get_page(page); /* the driver frees its object and its page */',
        reads: paths(...OBJ_PATHS),
        writes: (_l, w) => objPagesFields(w, 'ref', 'holds'),
        run: (c) => {
          const page = objPage(c.w, objOf(c.l));
          if (page < 0) return c.ret(null);
          c.l.p = page;
          getPage(c, ownerSlot(c.tid));
          if (lockedRelease) c.call('lock_page', { p: page }, 'test');
        },
      },
      {
        label: 'test',
        code: !clear ? '__ClearPageMovable(page); /* release under PG_lock */' : lockedRelease ? 'if (PageIsolated(page)) /* under PG_lock */' : 'if (PageIsolated(page))',
        reads: both(lockFields(), paths(...OBJ_PATHS)),
        writes: both(lockFields(), refFields(), fields('p', 'released', 'lru'), paths(...OBJ_PATHS)),
        run: (c) => {
          if (objPage(c.w, objOf(c.l)) !== num(c.l, 'p')) {
            if (lockedRelease) unlockPage(c);
            putPage(c, ownerSlot(c.tid), layout);
            return c.goto('pick');
          }
          const isolated = clear !== null && test(pg(c).flags, layout.isolated);
          if (!lockedRelease && !isolated) return c.call('lock_page', { p: num(c.l, 'p') }, 'locked');
          release(c);
          if (isolated) return c.call(clear, { p: num(c.l, 'p') }, lockedRelease ? 'unlock' : 'put');
          c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'unlock');
        },
      },
      {
        label: 'locked',
        code: '__ClearPageMovable(page); /* not isolated: under PG_lock */',
        reads: both(lockFields(), paths(...OBJ_PATHS)),
        writes: both(lockFields(), refFields(), fields('p', 'released', 'lru'), paths(...OBJ_PATHS)),
        run: (c) => {
          if (objPage(c.w, objOf(c.l)) !== num(c.l, 'p')) {
            unlockPage(c);
            putPage(c, ownerSlot(c.tid), layout);
            return c.goto('pick');
          }
          release(c);
          c.call('__ClearPageMovable', { p: num(c.l, 'p') }, 'unlock');
        },
      },
      unlockStep('unlock', 'unlock_page(page);'),
      {
        label: 'put',
        code: 'put_page(page); /* the driver\'s reference */',
        writes: refFields(),
        run: (c) => putPage(c, DRIVER_SLOT, layout),
      },
      {
        label: 'unpin',
        code: 'put_page(page); /* the get_page() of this path */',
        writes: refFields(),
        run: (c) => putPage(c, ownerSlot(c.tid), layout),
      },
    ]),
  };
}

/** Every function of v3. */
export function v3Fns(layout: Layout = v3Layout): Fns {
  return {
    ...commonFns(layout),
    ...isolatedFlagFns(layout),
    ...v3SetPageMovable(layout),
    ...v3ClearPageMovable(layout),
    PageMovable: v3PageMovable(layout),
    isolate_migratepages_block: v3ScanFn(layout),
    isolate_movable_page: v3IsolateMovablePage(layout),
    putback_movable_page: v3PutbackMovablePage(layout),
    putback_movable_pages: v3PutbackMovablePages(layout, false),
    unmap_and_move: v3UnmapAndMove(layout, false),
    __unmap_and_move: v3UnmapAndMoveInner(layout),
    move_to_new_page: v3MoveToNewPage(layout),
    ...v3Driver(layout, 'ClearPageIsolated', false),
  };
}

/** Protocol v3 as posted. */
export const v3: Protocol = {
  id: 'v3',
  title: 'v3 as posted (2016-03-30)',
  description:
    'Minchan Kim\'s "[PATCH v3 02/16] mm/compaction: support non-lru movable page migration" as posted: PG_movable = PG_reclaim, PG_isolated = PG_owner_priv_1, _mapcount marker -255, the driver sets and clears PG_isolated with atomic ops (release without PG_lock), and putback_movable_pages / unmap_and_move clear PG_movable of released pages without lock_page. On the bit-waitqueue page lock of the pre-4.10 kernel it was posted against.',
  layout: v3Layout,
  fns: v3Fns(),
};
