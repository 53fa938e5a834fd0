/**
 * Linux 7.0's migration of one isolated page (mm/migrate.c,
 * ../shared/kernel/v7.0/mm__migrate.c), sync mode, one pass:
 * migrate_pages_batch unmaps the folio (migrate_folio_unmap: allocate dst,
 * lock src, trylock dst) and moves it (migrate_folio_move: a movable_ops page
 * goes to migrate_movable_ops_page, an LRU page to move_to_new_folio). A
 * failed page stays on the caller's list (-EAGAIN, -ENOMEM on the from list,
 * others through ret_folios, which migrate_pages splices back), and
 * migrate_pages returns the number not migrated (or -ENOMEM).
 */
import { bit, PG, test, type Layout } from '../flags.ts';
import { fields, fn, local, num, pg, RC, type Fns } from '../dsl.ts';
import { callMops } from '../mops.ts';
import { warnOn } from '../kassert.ts';
import { lockFields, tryLock, unlockPage } from '../prim/pagelock.ts';
import { allocFields, allocPage, putPage, refFields } from '../prim/refcount.ts';
import { Kind, List, ownerSlot, type Page } from '../world.ts';
import { dropFields, dropIsolation, listDelIsolated, rcOf, unlockStep } from './common.ts';
import { hasMovableOps, opsOfType } from '../pagetype.ts';

const MM = 'mm/migrate.c';

/** migrate_pages (batch of one), migrate_folio_unmap, migrate_folio_move, migrate_movable_ops_page, move_to_new_folio of 7.0. */
export function v70MigrateFns(layout: Layout, has: (page: Page) => boolean = hasMovableOps): Fns {
  return {
    migrate_pages: fn(MM, 'migrate_pages_batch', [
      {
        label: 'freed',
        code: 'if (likely(!page_has_movable_ops(&folio->page)) && folio_ref_count(folio) == 1) { folio_clear_active(folio); ... list_del(&folio->lru);',
        reads: fields('p', 'flags', 'mapcount', 'ref'),
        writes: fields('p', 'lru', 'isolators'),
        run: (c) => {
          const page = pg(c);
          if (has(page) || page.ref !== 1) return c.goto('unmap');
          listDelIsolated(c);
        },
      },
      { label: 'freed_put', code: 'migrate_folio_done(folio, reason): folio_put(src); continue; }', writes: dropFields(), run: (c) => (dropIsolation(c, layout), c.ret(RC.SUCCESS)) },
      {
        ...local('unmap', 'rc = migrate_folio_unmap(get_new_folio, put_new_folio, private, folio, &dst, mode, ret_folios);'),
        run: (c) => c.call('migrate_folio_unmap', { p: c.l.p ?? 0, np: c.l.np ?? 1 }, 'switch', 'rc'),
      },
      { ...local('switch', 'switch(rc) { case -ENOMEM: ... goto out; case -EAGAIN: retry++; break; case 0: list_move_tail(&folio->lru, &unmap_folios); ... default: nr_failed++; }'), run: (c) => {
        const rc = rcOf(c);
        if (rc === RC.ENOMEM) return c.ret(RC.ENOMEM);
        if (rc !== RC.SUCCESS) return c.ret(1);
        c.call('migrate_folio_move', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'moved', 'rc');
      } },
      { ...local('moved', 'migrate_folios_move(&unmap_folios, &dst_folios, ...); rc = rc_saved ? : nr_failed; return rc;'), run: (c) => c.ret(rcOf(c) === RC.SUCCESS ? RC.SUCCESS : 1) },
    ]),

    migrate_folio_unmap: fn(MM, 'migrate_folio_unmap', [
      {
        label: 'alloc',
        code: 'dst = get_new_folio(src, private); if (!dst) return -ENOMEM;',
        choices: ['dst', 'NULL'],
        writes: allocFields('np'),
        run: (c) => {
          c.l.rc = RC.EAGAIN;
          if (c.choice === 'NULL' || !allocPage(c, ownerSlot(c.tid), Kind.TARGET, 'np')) return c.ret(RC.ENOMEM);
          c.call('lock_page', { p: num(c.l, 'p') }, 'lock_dst');
        },
      },
      {
        label: 'lock_dst',
        code: 'if (!folio_trylock(src)) { ... folio_lock(src); } locked = true; ... if (unlikely(!folio_trylock(dst))) goto out; dst_locked = true; if (unlikely(page_has_movable_ops(&src->page))) { __migrate_folio_record(dst, ...); return 0; }',
        reads: fields('p', 'flags', 'mapcount'),
        writes: lockFields('np'),
        run: (c) => {
          if (!tryLock(c, 'np')) return c.goto('out');
          c.l.dst_locked = true;
          if (has(pg(c))) c.ret(RC.SUCCESS);
        },
      },
      {
        label: 'mapped',
        code: 'else if (folio_mapped(src)) { try_to_migrate(src, ...); } if (!folio_mapped(src)) { __migrate_folio_record(dst, ...); return 0; }',
        reads: fields('p', 'mapcount'),
        run: (c) => void (pg(c).mapcount < 0 && c.ret(RC.SUCCESS)),
      },
      unlockStep('out', 'out: if (rc == -EAGAIN) ret = NULL; migrate_folio_undo_src(src, ..., locked, ret): folio_unlock(src);'),
      {
        label: 'undo_dst',
        code: 'migrate_folio_undo_dst(dst, dst_locked, put_new_folio, private): if (locked) folio_unlock(dst); folio_put(dst); return rc;',
        reads: lockFields('np'),
        writes: [lockFields('np'), refFields('np')].reduce((a, b) => (l, w) => [...a(l, w), ...b(l, w)]),
        run: (c) => {
          if (c.l.dst_locked) unlockPage(c, 'np');
          putPage(c, ownerSlot(c.tid), layout, 'np');
          c.ret(rcOf(c));
        },
      },
    ]),

    migrate_folio_move: fn(MM, 'migrate_folio_move', [
      {
        label: 'move',
        code: 'list_del(&dst->lru); if (unlikely(page_has_movable_ops(&src->page))) { rc = migrate_movable_ops_page(&dst->page, &src->page, mode); if (rc) goto out; goto out_unlock_both; } rc = move_to_new_folio(dst, src, mode);',
        reads: fields('p', 'flags', 'mapcount'),
        run: (c) => {
          const args = { p: num(c.l, 'p'), np: num(c.l, 'np') };
          if (has(pg(c))) return c.call('migrate_movable_ops_page', args, 'ops_rc', 'rc');
          c.call('move_to_new_folio', args, 'add_lru', 'rc');
        },
      },
      { ...local('ops_rc', 'if (rc) goto out; goto out_unlock_both;'), run: (c) => c.goto(rcOf(c) === RC.SUCCESS ? 'unlock_dst' : 'undo_src') },
      {
        label: 'add_lru',
        code: 'if (rc) goto out; folio_add_lru(dst);',
        writes: fields('np', 'flags', 'lru'),
        run: (c) => {
          if (rcOf(c) !== RC.SUCCESS) return c.goto('undo_src');
          const np = pg(c, 'np');
          np.flags |= bit(PG.lru);
          np.lru = List.LRU;
        },
      },
      unlockStep('unlock_dst', 'out_unlock_both: folio_unlock(dst);', 'np'),
      { label: 'put_dst', code: 'folio_put(dst);', writes: refFields('np'), run: (c) => putPage(c, ownerSlot(c.tid), layout, 'np') },
      {
        label: 'list_del',
        code: 'list_del(&src->lru); ... folio_unlock(src);',
        reads: lockFields(),
        writes: [lockFields(), fields('p', 'lru', 'isolators')].reduce((a, b) => (l, w) => [...a(l, w), ...b(l, w)]),
        run: (c) => {
          listDelIsolated(c);
          unlockPage(c);
        },
      },
      { label: 'done', code: 'migrate_folio_done(src, reason): folio_put(src); return rc;', writes: dropFields(), run: (c) => (dropIsolation(c, layout), c.ret(RC.SUCCESS)) },
      unlockStep('undo_src', 'out: (-EAGAIN: retried, then migrate_folios_undo()) migrate_folio_undo_src(src, ..., true, ret): folio_unlock(src); list_move_tail(&src->lru, ret);'),
      {
        label: 'undo_dst',
        code: 'migrate_folio_undo_dst(dst, true, put_new_folio, private): folio_unlock(dst); folio_put(dst); return rc;',
        reads: lockFields('np'),
        writes: [lockFields('np'), refFields('np')].reduce((a, b) => (l, w) => [...a(l, w), ...b(l, w)]),
        run: (c) => {
          unlockPage(c, 'np');
          putPage(c, ownerSlot(c.tid), layout, 'np');
          c.ret(rcOf(c));
        },
      },
    ]),

    migrate_movable_ops_page: fn(MM, 'migrate_movable_ops_page', [
      {
        label: 'call',
        code: 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(src), src); VM_WARN_ON_ONCE_PAGE(!PageMovableOpsIsolated(src), src); rc = page_movable_ops(src)->migrate_page(dst, src, mode);',
        reads: fields('p', 'flags', 'mapcount', 'ref', 'kind', 'released'),
        run: (c) => {
          warnOn(c, !has(pg(c)), 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(src), src)', 'migrate_movable_ops_page');
          warnOn(c, !test(pg(c).flags, layout.isolated), 'VM_WARN_ON_ONCE_PAGE(!PageMovableOpsIsolated(src), src)', 'migrate_movable_ops_page');
          callMops(c, 'migrate_page', opsOfType(pg(c)), 'by page type', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'clear', 'rc');
        },
      },
      { ...local('clear', 'if (!rc) ClearPageMovableOpsIsolated(src); return rc;'), run: (c) => {
        if (rcOf(c) !== RC.SUCCESS) return c.ret(rcOf(c));
        c.call('ClearPageIsolated', { p: num(c.l, 'p') }, 'done');
      } },
      { ...local('done', 'return rc;'), run: (c) => c.ret(RC.SUCCESS) },
    ]),

    move_to_new_folio: fn(MM, 'move_to_new_folio', [
      {
        ...local('migrate', 'mapping = folio_mapping(src); ... rc = mapping->a_ops->migrate_folio(mapping, dst, src, mode);'),
        run: (c) => c.call('file_migratepage', { p: num(c.l, 'p'), np: num(c.l, 'np') }, 'success', 'rc'),
      },
      {
        label: 'success',
        code: 'if (!rc) { if (!folio_test_anon(src)) src->mapping = NULL; ... } return rc;',
        writes: fields('p', 'mapping'),
        run: (c) => {
          if (rcOf(c) === RC.SUCCESS) pg(c).mapping = 0;
          c.ret(rcOf(c));
        },
      },
    ]),
  };
}
