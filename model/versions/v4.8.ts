/**
 * Protocol v4.8, as merged upstream (commit bda807d44454, Linux 4.8), on
 * 4.8's own primitives (the bit-waitqueue page lock, 4.8's free path):
 * PG_movable is gone (a page is movable when page->mapping carries the tag
 * PAGE_MAPPING_MOVABLE), PG_isolated aliases PG_reclaim and only the VM sets
 * and clears it (non-atomically, under PG_lock), the driver releases a page by
 * __ClearPageMovable under PG_lock, and every clear of a released page's state
 * is under lock_page.
 */
import { PG, test, type Layout } from '../flags.ts';
import { both, fields, fn, local, num, pg, RC, type Fns, type KFn, type StepSpec } from '../dsl.ts';
import { aopsOf, asOf, PAGE_MAPPING_FLAGS, PAGE_MAPPING_MOVABLE, AS, mappingOf } from '../mapping.ts';
import { aopFields, callAop } from '../aops.ts';
import { bugOn, warnOn } from '../kassert.ts';
import { putPage, refFields } from '../prim/refcount.ts';
import { ownerSlot } from '../world.ts';
import type { Protocol } from '../protocol.ts';
import { callPageMovable, commonFns, listDelIsolated, rcOf, shared } from './common.ts';
import { lockFields, unlockPage } from '../prim/pagelock.ts';
import { FREE_4_8 } from '../prim/freepage.ts';
import { isolatedFlagFns, v3Driver, v3IsolateMovablePage, v3ScanFn, v3UnmapAndMoveInner } from './v3.ts';

/**
 * v4.8's layout: PG_isolated = PG_reclaim (include/linux/page-flags.h enum
 * pageflags, `PG_isolated = PG_reclaim`, non-atomic `__PAGEFLAG(Isolated,
 * isolated, PF_ANY)`), movability in the mapping tag, 4.8's bit-waitqueue page
 * lock (no PG_waiters) and 4.8's free_pages_prepare (PG_reclaim cleared silently).
 */
export const v48Layout: Layout = { isolated: PG.reclaim, movable: null, mapcountMarker: false, pageLock: 'bitwait', free: FREE_4_8 };

const MM = 'mm/migrate.c';
const COMPACTION = 'mm/compaction.c';

/** True when a mapping value carries exactly the PAGE_MAPPING_MOVABLE tag (__PageMovable). */
export function tagMovable(mapping: number): boolean {
  return (mapping & PAGE_MAPPING_FLAGS) === PAGE_MAPPING_MOVABLE;
}

/**
 * True when the page's mapping is movable and its address_space has
 * a_ops->isolate_page: PageMovable(page)'s answer (mm/compaction.c), read at once.
 */
export function pageMovableNow(mapping: number): boolean {
  return tagMovable(mapping) && aopsOf[asOf(mapping)]?.isolate_page !== undefined;
}

/**
 * __PageMovable(page) (include/linux/page-flags.h) when called with
 * locked=false, PageMovable(page) (mm/compaction.c; caller holds PG_lock,
 * `VM_BUG_ON_PAGE(!PageLocked(page), page)`) with locked=true.
 */
export function v48PageMovable(): KFn {
  return fn(COMPACTION, 'PageMovable', [
    {
      label: 'tag',
      code: "__PageMovable(page): ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_MOVABLE",
      reads: fields('p', 'mapping', 'flags'),
      run: (c) => {
        if (c.l.locked) bugOn(c, !test(pg(c).flags, PG.locked), 'VM_BUG_ON_PAGE(!PageLocked(page), page)', 'PageMovable');
        const tag = tagMovable(pg(c).mapping);
        if (!tag || !c.l.locked) c.ret(tag);
      },
    },
    {
      label: 'aops',
      code: 'mapping = page_mapping(page); if (mapping && mapping->a_ops && mapping->a_ops->isolate_page) return 1;',
      reads: fields('p', 'mapping'),
      run: (c) => {
        const as = asOf(pg(c).mapping);
        c.ret(as !== 0 && aopsOf[as]?.isolate_page !== undefined);
      },
    },
  ]);
}

/** __SetPageMovable / __ClearPageMovable of v4.8: one store of page->mapping each (caller holds PG_lock). */
export function v48MovableFns(): Fns {
  return {
    __SetPageMovable: fn(COMPACTION, '__SetPageMovable', [
      {
        label: 'store',
        code: 'VM_BUG_ON_PAGE(!PageLocked(page), page); page->mapping = (void *)((unsigned long)mapping | PAGE_MAPPING_MOVABLE);',
        reads: fields('p', 'flags'),
        writes: fields('p', 'mapping'),
        run: (c) => {
          bugOn(c, !test(pg(c).flags, PG.locked), 'VM_BUG_ON_PAGE(!PageLocked(page), page)', '__SetPageMovable');
          pg(c).mapping = mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE);
        },
      },
    ]),
    __ClearPageMovable: fn(COMPACTION, '__ClearPageMovable', [
      {
        label: 'store',
        code: 'VM_BUG_ON_PAGE(!PageLocked(page), page); VM_BUG_ON_PAGE(!PageMovable(page), page); page->mapping = (void *)((unsigned long)page->mapping & PAGE_MAPPING_MOVABLE);',
        reads: fields('p', 'mapping', 'flags'),
        writes: fields('p', 'mapping'),
        run: (c) => {
          const page = pg(c);
          bugOn(c, !test(page.flags, PG.locked), 'VM_BUG_ON_PAGE(!PageLocked(page), page)', '__ClearPageMovable');
          bugOn(c, !pageMovableNow(page.mapping), 'VM_BUG_ON_PAGE(!PageMovable(page), page)', '__ClearPageMovable');
          page.mapping &= PAGE_MAPPING_MOVABLE;
        },
      },
    ]),
  };
}

/** The labels of lockedPutback(prefix, ...). */
type PutbackLabel<P extends string> = P | `${P}_check` | `${P}_which` | `${P}_unlock`;

/**
 * v4.8's locked put-back of an isolated page, then continue at `then`:
 * lock_page; if PageMovable, putback_movable_page (unless `releasedOnly`, as in
 * the freed-under-us path), else __ClearPageIsolated; unlock_page.
 */
function lockedPutback<const P extends string, T extends string>(prefix: P, then: T, releasedOnly: boolean): StepSpec<PutbackLabel<P>, PutbackLabel<P> | T>[] {
  const code = releasedOnly
    ? 'if (!PageMovable(page)) __ClearPageIsolated(page);'
    : 'if (PageMovable(page)) putback_movable_page(page); else __ClearPageIsolated(page);';
  return [
    { ...local(prefix, 'lock_page(page);'), run: (c) => c.call('lock_page', { p: num(c.l, 'p') }, `${prefix}_check`) },
    { ...local(`${prefix}_check`, code), run: (c) => callPageMovable(c, `${prefix}_which`, true) },
    { ...local(`${prefix}_which`, code), run: (c) => {
      if (c.l.mv && releasedOnly) return c.goto(`${prefix}_unlock`);
      c.call(c.l.mv ? 'putback_movable_page' : '__ClearPageIsolated', { p: num(c.l, 'p') }, `${prefix}_unlock`);
    } },
    {
      label: `${prefix}_unlock`,
      code: 'unlock_page(page);',
      reads: lockFields(),
      writes: lockFields(),
      run: (c) => {
        unlockPage(c);
        c.goto(then);
      },
    },
  ];
}

/**
 * What move_to_new_page() cites, by version: its name, the statements of its
 * steps (by label) and the assertions as the kernel spells them. 5.19 has the
 * same code as the folio-based move_to_new_folio (v5.19.ts).
 */
export interface MoveToNewPageText {
  readonly fn: string;
  readonly code: Readonly<Record<'is_lru' | 'mapping' | 'movable' | 'callback' | 'lru' | 'success' | 'success_movable' | 'clear_isolated' | 'clear_mapping' | 'out', string>>;
  /** The two lock assertions at entry (page, newpage). */
  readonly lockedPage: string;
  readonly lockedNew: string;
  /** The PG_isolated assertion of the non-LRU branch and of the success path. */
  readonly isolated: string;
  /** The WARN_ON_ONCE after a successful migratepage. */
  readonly warnMigrated: string;
}

/** move_to_new_page() of 4.8 (mm/migrate.c), unchanged in 4.10 and 5.0. */
export const MOVE_TO_NEW_PAGE_4_8: MoveToNewPageText = {
  fn: 'move_to_new_page',
  code: {
    is_lru: 'bool is_lru = !__PageMovable(page); VM_BUG_ON_PAGE(!PageLocked(page), page); VM_BUG_ON_PAGE(!PageLocked(newpage), newpage);',
    mapping: 'mapping = page_mapping(page); if (likely(is_lru)) { ... } else { VM_BUG_ON_PAGE(!PageIsolated(page), page);',
    movable: 'if (!PageMovable(page)) { rc = MIGRATEPAGE_SUCCESS; __ClearPageIsolated(page); goto out; }',
    callback: 'rc = mapping->a_ops->migratepage(mapping, newpage, page, mode);',
    lru: 'if (!mapping) rc = migrate_page(...); else if (mapping->a_ops->migratepage) rc = mapping->a_ops->migratepage(...);',
    success: 'if (rc == MIGRATEPAGE_SUCCESS) {',
    success_movable:
      '/* non-lru: */ WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !PageIsolated(page)); } if (rc == MIGRATEPAGE_SUCCESS) { if (__PageMovable(page)) { VM_BUG_ON_PAGE(!PageIsolated(page), page);',
    clear_isolated: '__ClearPageIsolated(page); }',
    clear_mapping: 'if (!PageMappingFlags(page)) page->mapping = NULL;',
    out: 'out: return rc;',
  },
  lockedPage: 'VM_BUG_ON_PAGE(!PageLocked(page), page)',
  lockedNew: 'VM_BUG_ON_PAGE(!PageLocked(newpage), newpage)',
  isolated: 'VM_BUG_ON_PAGE(!PageIsolated(page), page)',
  warnMigrated: 'WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !PageIsolated(page))',
};

/** move_to_new_page() of v4.8 and the versions built on it (both pages locked), cited as `text` has it. */
export function v48MoveToNewPage(layout: Layout, text: MoveToNewPageText = MOVE_TO_NEW_PAGE_4_8): KFn {
  const k = text.code;
  return fn(MM, text.fn, [
    {
      label: 'is_lru',
      code: k.is_lru,
      reads: both(fields('p', 'mapping', 'flags'), fields('np', 'flags')),
      run: (c) => {
        c.l.is_lru = !tagMovable(pg(c).mapping);
        c.l.rc = RC.EAGAIN;
        bugOn(c, !test(pg(c).flags, PG.locked), text.lockedPage, text.fn);
        bugOn(c, !test(pg(c, 'np').flags, PG.locked), text.lockedNew, text.fn, 'np');
      },
    },
    {
      label: 'mapping',
      code: k.mapping,
      reads: fields('p', 'mapping', 'flags'),
      run: (c) => {
        c.l.m = pg(c).mapping & ~PAGE_MAPPING_FLAGS;
        if (c.l.is_lru) return c.goto('lru');
        bugOn(c, !test(pg(c).flags, layout.isolated), text.isolated, text.fn);
        callPageMovable(c, 'movable', true);
      },
    },
    { ...local('movable', k.movable), run: (c) => {
      if (c.l.mv) return;
      c.l.rc = RC.SUCCESS;
      c.call('__ClearPageIsolated', { p: num(c.l, 'p') }, 'out');
    } },
    {
      ...local('callback', k.callback),
      run: (c) => callAop(c, 'migratepage', num(c.l, 'm'), { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'success', 'rc'),
      reads: aopFields(),
    },
    { ...local('lru', k.lru), run: (c) => {
      const args = { p: num(c.l, 'p'), np: num(c.l, 'np') };
      if (asOf(num(c.l, 'm')) === AS.DRIVER) return callAop(c, 'migratepage', num(c.l, 'm'), args, 'success', 'rc');
      c.call('file_migratepage', args, 'success', 'rc');
    }, reads: aopFields() },
    { ...local('success', k.success), run: (c) => void (rcOf(c) === RC.SUCCESS || c.goto('out')) },
    {
      label: 'success_movable',
      code: k.success_movable,
      reads: fields('p', 'mapping', 'flags'),
      run: (c) => {
        const page = pg(c);
        const isolated = test(page.flags, layout.isolated);
        if (!c.l.is_lru) warnOn(c, !isolated, text.warnMigrated, text.fn);
        c.l.mv = tagMovable(page.mapping);
        if (c.l.mv) bugOn(c, !isolated, text.isolated, text.fn);
      },
    },
    { ...local('clear_isolated', k.clear_isolated), run: (c) => {
      if (c.l.mv) c.call('__ClearPageIsolated', { p: num(c.l, 'p') }, 'clear_mapping');
    } },
    {
      label: 'clear_mapping',
      code: k.clear_mapping,
      reads: fields('p', 'mapping'),
      writes: fields('p', 'mapping'),
      run: (c) => {
        const page = pg(c);
        if (!(page.mapping & PAGE_MAPPING_FLAGS)) page.mapping = 0;
      },
    },
    { ...local('out', k.out), run: (c) => c.ret(rcOf(c)) },
  
  ]);
}

/** Every function of v4.8. */
export function v48Fns(layout: Layout = v48Layout): Fns {
  return {
    ...commonFns(layout),
    ...isolatedFlagFns(layout),
    ...v48MovableFns(),
    PageMovable: v48PageMovable(),
    isolate_migratepages_block: v3ScanFn(layout, '__PageMovable(page)'),
    isolate_movable_page: v3IsolateMovablePage(layout, true),
    __unmap_and_move: v3UnmapAndMoveInner(layout, true),

    putback_movable_page: fn(MM, 'putback_movable_page', [
      {
        label: 'callback',
        code: 'VM_BUG_ON_PAGE(!PageLocked(page), page); VM_BUG_ON_PAGE(!PageMovable(page), page); VM_BUG_ON_PAGE(!PageIsolated(page), page); mapping = page_mapping(page); mapping->a_ops->putback_page(page);',
        reads: both(aopFields(), fields('p', 'flags')),
        run: (c) => {
          const page = pg(c);
          bugOn(c, !test(page.flags, PG.locked), 'VM_BUG_ON_PAGE(!PageLocked(page), page)', 'putback_movable_page');
          bugOn(c, !pageMovableNow(page.mapping), 'VM_BUG_ON_PAGE(!PageMovable(page), page)', 'putback_movable_page');
          bugOn(c, !test(page.flags, layout.isolated), 'VM_BUG_ON_PAGE(!PageIsolated(page), page)', 'putback_movable_page');
          callAop(c, 'putback_page', page.mapping, { p: num(c.l, 'p') }, 'clear');
        },
      },
      { ...local('clear', '__ClearPageIsolated(page);'), run: (c) => c.call('__ClearPageIsolated', { p: num(c.l, 'p') }, 'done') },
      { ...local('done', 'return;'), run: (c) => c.ret(null) },
    ]),

    putback_movable_pages: fn(MM, 'putback_movable_pages', [
      {
        label: 'list_del',
        code: 'list_del(&page->lru); dec_zone_page_state(page, NR_ISOLATED_ANON + page_is_file_cache(page));',
        writes: fields('p', 'lru', 'isolators'),
        run: (c) => listDelIsolated(c),
      },
      {
        label: 'movable',
        code: 'if (unlikely(__PageMovable(page))) { VM_BUG_ON_PAGE(!PageIsolated(page), page);',
        reads: fields('p', 'mapping', 'flags'),
        run: (c) => {
          const page = pg(c);
          if (!tagMovable(page.mapping)) return c.goto('lru');
          bugOn(c, !test(page.flags, layout.isolated), 'VM_BUG_ON_PAGE(!PageIsolated(page), page)', 'putback_movable_pages');
        },
      },
      ...lockedPutback('lock', 'put', false),
      shared.putIsolation(layout, 'put', 'put_page(page);', () => null),
      ...shared.lruTail(),
    ]),

    unmap_and_move: fn(MM, 'unmap_and_move', [
      shared.allocTarget(),
      shared.count((c) => callPageMovable(c, 'freed_movable', false)),
      { ...local('freed_movable', 'if (unlikely(__PageMovable(page))) {'), run: (c) => void (c.l.mv || c.goto('freed_put_new')) },
      ...lockedPutback('freed', 'freed_put_new', true),
      {
        label: 'freed_put_new',
        code: 'if (put_new_page) put_new_page(newpage, private); else put_page(newpage); goto out;',
        writes: refFields('np'),
        run: (c) => {
          putPage(c, ownerSlot(c.tid), layout, 'np');
          c.l.newput = true;
          c.l.rc = RC.SUCCESS;
        },
      },
      ...shared.outListDel(),
      shared.putIsolation(layout, 'put_success', 'if (rc == MIGRATEPAGE_SUCCESS) { put_page(page);', rcOf),
      { ...local('fail_movable', 'if (likely(!__PageMovable(page))) { putback_lru_page(page); goto put_new; }'), run: (c) => {
        if (!c.l.mv) return c.call('putback_lru_page', { p: num(c.l, 'p') }, 'put_new');
      } },
      ...lockedPutback('fail', 'fail_put', false),
      shared.putIsolation(layout, 'fail_put', 'put_page(page);', 'put_new'),
      shared.putNew(layout, 'put_new: if (put_new_page) put_new_page(newpage, private); else put_page(newpage);'),
    ]),

    move_to_new_page: v48MoveToNewPage(layout),

    ...v3Driver(layout, null, true),
  };
}

/** Protocol v4.8 as merged. */
export const v48: Protocol = {
  id: 'v4.8',
  title: 'v4.8 as merged (bda807d44454)',
  description:
    'The design merged in Linux 4.8, on 4.8\'s bit-waitqueue page lock (a sleeper in lock_page() writes nothing to page->flags): movable = PAGE_MAPPING_MOVABLE tag in page->mapping (__PageMovable unlocked, PageMovable with a_ops->isolate_page under PG_lock), PG_isolated = PG_reclaim set and cleared only by the VM with __SetPageIsolated/__ClearPageIsolated under PG_lock, the driver releases with __ClearPageMovable under PG_lock, and every put-back takes lock_page.',
  layout: v48Layout,
  fns: v48Fns(),
};
