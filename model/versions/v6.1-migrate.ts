/**
 * Linux 6.1's migration of one isolated page (mm/migrate.c,
 * ../shared/kernel/v6.1/mm__migrate.c): unmap_and_move drops a page freed under
 * it without the lock, else __unmap_and_move locks both folios
 * and calls move_to_new_folio, which sends a non-LRU page to its driver's
 * mops->migrate_page, or finishes a page its driver released meanwhile
 * (`!folio_test_movable(src)`: success without migrating). Both pages are
 * locked throughout; on success the VM clears PG_isolated itself.
 */
import { bit, PG, test, type Layout } from '../flags.ts';
import { fields, fn, local, num, pg, RC, type Fns } from '../dsl.ts';
import { allocFields, allocPage } from '../prim/refcount.ts';
import { asOf, PAGE_MAPPING_FLAGS, PAGE_MAPPING_MOVABLE } from '../mapping.ts';
import { callMops } from '../mops.ts';
import { bugOn, warnOn } from '../kassert.ts';

import { lockFields, tryLock } from '../prim/pagelock.ts';
import { putPage, refFields } from '../prim/refcount.ts';
import { Kind, List, ownerSlot } from '../world.ts';
import { listDelIsolated, rcOf, shared, unlockStep } from './common.ts';

const MM = 'mm/migrate.c';

/** `__PageMovable(page)` of a mapping value. */
function tagged(mapping: number): boolean {
  return (mapping & PAGE_MAPPING_FLAGS) === PAGE_MAPPING_MOVABLE;
}

/** migrate_pages, unmap_and_move, __unmap_and_move and move_to_new_folio of 6.1. */
export function v61MigrateFns(layout: Layout): Fns {
  return {
    ...unmapAndMove(layout),
    __unmap_and_move: fn(MM, '__unmap_and_move', [
      {
        label: 'lock',
        code: 'bool is_lru = !__PageMovable(&src->page); if (!folio_trylock(src)) { ... folio_lock(src); }',
        reads: fields('p', 'mapping'),
        run: (c) => {
          c.l.rc = RC.EAGAIN;
          c.l.is_lru = !tagged(pg(c).mapping);
          c.call('lock_page', { p: num(c.l, 'p') }, 'lock_new');
        },
      },
      {
        label: 'lock_new',
        code: 'if (unlikely(!folio_trylock(dst))) goto out_unlock; if (unlikely(!is_lru)) { rc = move_to_new_folio(dst, src, mode); goto out_unlock_both; }',
        reads: lockFields('np'),
        writes: lockFields('np'),
        run: (c) => {
          if (!tryLock(c, 'np')) return c.goto('unlock');
          if (!c.l.is_lru) c.call('move_to_new_folio', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'unlock_new', 'rc');
        },
      },
      {
        label: 'mapped',
        code: 'else if (folio_mapped(src)) { try_to_migrate(src, 0); ... } if (!folio_mapped(src)) rc = move_to_new_folio(dst, src, mode);',
        reads: fields('p', 'mapcount'),
        run: (c) => {
          if (pg(c).mapcount >= 0) return c.goto('unlock_new');
          c.call('move_to_new_folio', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'add_lru', 'rc');
        },
      },
      {
        label: 'add_lru',
        code: 'if (rc == MIGRATEPAGE_SUCCESS) { folio_add_lru(dst); ... }',
        writes: fields('np', 'flags', 'lru'),
        run: (c) => {
          if (rcOf(c) !== RC.SUCCESS) return;
          const np = pg(c, 'np');
          np.flags |= bit(PG.lru);
          np.lru = List.LRU;
        },
      },
      unlockStep('unlock_new', 'out_unlock_both: folio_unlock(dst);', 'np'),
      unlockStep('unlock', 'out_unlock: ... folio_unlock(src);'),
      {
        label: 'put_new',
        code: 'out: if (rc == MIGRATEPAGE_SUCCESS) folio_put(dst); return rc;',
        writes: refFields('np'),
        run: (c) => {
          if (rcOf(c) === RC.SUCCESS) putPage(c, ownerSlot(c.tid), layout, 'np');
          c.ret(rcOf(c));
        },
      },
    ]),

    move_to_new_folio: fn(MM, 'move_to_new_folio', [
      {
        label: 'is_lru',
        code: 'int rc = -EAGAIN; bool is_lru = !__PageMovable(&src->page); if (likely(is_lru)) { mapping = folio_mapping(src); ... rc = mapping->a_ops->migrate_folio(mapping, dst, src, mode); } else {',
        reads: fields('p', 'mapping'),
        run: (c) => {
          c.l.rc = RC.EAGAIN;
          if (tagged(pg(c).mapping)) return c.call('PageMovable', { p: num(c.l, 'p') }, 'released', 'mv');
          c.call('file_migratepage', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'success', 'rc');
        },
      },
      {
        label: 'released',
        code: 'VM_BUG_ON_FOLIO(!folio_test_isolated(src), src); if (!folio_test_movable(src)) { rc = MIGRATEPAGE_SUCCESS; folio_clear_isolated(src); goto out; }',
        reads: fields('p', 'flags'),
        run: (c) => {
          bugOn(c, !test(pg(c).flags, layout.isolated), 'VM_BUG_ON_FOLIO(!folio_test_isolated(src), src)', 'move_to_new_folio');
          if (c.l.mv) return;
          c.l.rc = RC.SUCCESS;
          c.call('ClearPageIsolated', { p: num(c.l, 'p') }, 'out');
        },
      },
      {
        label: 'callback',
        code: 'mops = page_movable_ops(&src->page); rc = mops->migrate_page(&dst->page, &src->page, mode); WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !folio_test_isolated(src)); }',
        reads: fields('p', 'mapping', 'ref', 'kind', 'released'),
        run: (c) => callMops(c, 'migrate_page', asOf(pg(c).mapping), 'page->mapping - PAGE_MAPPING_MOVABLE', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'success', 'rc'),
      },
      {
        label: 'success',
        code: 'if (rc == MIGRATEPAGE_SUCCESS) { if (__PageMovable(&src->page)) { VM_BUG_ON_FOLIO(!folio_test_isolated(src), src); folio_clear_isolated(src); }',
        reads: fields('p', 'mapping', 'flags'),
        run: (c) => {
          if (rcOf(c) !== RC.SUCCESS) return c.goto('out');
          const iso = test(pg(c).flags, layout.isolated);
          // WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !folio_test_isolated(src)) right after the callback (non-LRU pages only).
          if (c.l.mv) warnOn(c, !iso, 'WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !folio_test_isolated(src))', 'move_to_new_folio');
          if (!tagged(pg(c).mapping)) return;
          bugOn(c, !iso, 'VM_BUG_ON_FOLIO(!folio_test_isolated(src), src)', 'move_to_new_folio');
          c.call('ClearPageIsolated', { p: num(c.l, 'p') }, 'clear_mapping');
        },
      },
      {
        label: 'clear_mapping',
        code: 'if (!folio_mapping_flags(src)) src->mapping = NULL; }',
        reads: fields('p', 'mapping'),
        writes: fields('p', 'mapping'),
        run: (c) => {
          const page = pg(c);
          if (!(page.mapping & PAGE_MAPPING_FLAGS)) page.mapping = 0;
        },
      },
      { ...local('out', 'out: return rc;'), run: (c) => c.ret(rcOf(c)) },
    ]),
  };
}

/** unmap_and_move and migrate_pages (6.1, one page, one pass). */
function unmapAndMove(layout: Layout): Fns {
  return {
    migrate_pages: fn(MM, 'migrate_pages', [
      {
        ...local('call', 'rc = unmap_and_move(get_new_page, put_new_page, private, page, pass > 2, mode, reason, &ret_pages);'),
        run: (c) => c.call('unmap_and_move', { p: c.l.p ?? 0, np: c.l.np ?? 1 }, 'ret', 'rc'),
      },
      { ...local('ret', 'case -ENOMEM: ... goto out; case MIGRATEPAGE_SUCCESS: ...; default: nr_failed++; ... out: list_splice(&ret_pages, from); return rc < 0 ? rc : nr_failed;'), run: (c) => {
        const rc = rcOf(c);
        c.ret(rc === RC.ENOMEM || rc === RC.SUCCESS ? rc : 1);
      } },
    ]),
    unmap_and_move: fn(MM, 'unmap_and_move', [
      {
        label: 'count',
        code: 'if (page_count(page) == 1) { /* Page was freed from under us. So we are done. */ /* free_pages_prepare() will clear PG_isolated. */ goto out; }',
        reads: fields('p', 'ref'),
        run: (c) => {
          c.l.rc = RC.SUCCESS;
          if (pg(c).ref === 1) c.goto('out');
        },
      },
      {
        label: 'alloc',
        code: 'newpage = get_new_page(page, private); if (!newpage) return -ENOMEM;',
        choices: ['newpage', 'NULL'],
        writes: allocFields('np'),
        run: (c) => {
          if (c.choice === 'NULL' || !allocPage(c, ownerSlot(c.tid), Kind.TARGET, 'np')) return c.ret(RC.ENOMEM);
          c.call('__unmap_and_move', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'out', 'rc');
        },
      },
      {
        label: 'out',
        code: 'out: if (rc != -EAGAIN) { list_del(&page->lru); }',
        writes: fields('p', 'lru', 'isolators'),
        run: (c) => {
          if (rcOf(c) !== RC.SUCCESS) return c.goto('fail');
          listDelIsolated(c);
        },
      },
      shared.putIsolation(layout, 'put_success', 'if (rc == MIGRATEPAGE_SUCCESS) { ... if (reason != MR_MEMORY_FAILURE) put_page(page);', rcOf),
      {
        label: 'fail',
        code: '} else { if (rc != -EAGAIN) list_add_tail(&page->lru, ret); /* still on this thread\'s lists */ if (put_new_page) put_new_page(newpage, private); else put_page(newpage); }',
        writes: refFields('np'),
        run: (c) => {
          putPage(c, ownerSlot(c.tid), layout, 'np');
          c.ret(rcOf(c));
        },
      },
    ]),
  };
}
