/**
 * Protocol v5.19: v5.0 with "mm/migrate: fix race between lock page and
 * clear PG_Isolated" (upstream 356ea3865687, 2022; see
 * ../shared/kernel/v5.19/PATCH-mm-migrate-fix-race-between-lock-page-and-clear-PG_Isolated.txt).
 *
 * The change (include/linux/page-flags.h of 5.19): `PAGEFLAG(Isolated,
 * isolated, PF_ANY)` replaces `__PAGEFLAG`, so PG_isolated is set and
 * cleared with atomic set_bit / clear_bit at every call site of mm/migrate.c:
 * SetPageIsolated in isolate_movable_page, ClearPageIsolated in
 * putback_movable_page, putback_movable_pages and unmap_and_move's freed-page
 * path, folio_clear_isolated twice in move_to_new_folio. A sleeper's
 * PG_waiters (4.10's page lock) can no longer be overwritten.
 *
 * Also as 5.19 has it (mm/migrate.c): move_to_new_page is the folio-based
 * move_to_new_folio(dst, src) with the same steps and VM_BUG_ON_FOLIO /
 * folio_test_isolated assertions, and putback_movable_page is static and no
 * longer asserts PageLocked / PageMovable / PageIsolated.
 */
import { fields, fn, local, num, pg, type Fns, type KFn } from '../dsl.ts';
import { atomicBit } from '../prim/flagword.ts';
import { extendProtocol, type Protocol } from '../protocol.ts';
import { aopFields, callAop } from '../aops.ts';
import { v50 } from './v5.0.ts';
import { reword } from './recite.ts';
import { MOVE_TO_NEW_PAGE_4_8, v48MoveToNewPage, type MoveToNewPageText } from './v4.8.ts';

const FLAGS_H = 'include/linux/page-flags.h';
const MM = 'mm/migrate.c';

/** move_to_new_folio(dst, src) of 5.19 (mm/migrate.c): move_to_new_page's steps, in folios. */
export const MOVE_TO_NEW_FOLIO_5_19: MoveToNewPageText = {
  fn: 'move_to_new_folio',
  code: {
    ...MOVE_TO_NEW_PAGE_4_8.code,
    is_lru: 'bool is_lru = !__PageMovable(&src->page); VM_BUG_ON_FOLIO(!folio_test_locked(src), src); VM_BUG_ON_FOLIO(!folio_test_locked(dst), dst);',
    mapping: 'mapping = folio_mapping(src); if (likely(is_lru)) { ... } else { VM_BUG_ON_FOLIO(!folio_test_isolated(src), src);',
    movable: 'if (!folio_test_movable(src)) { rc = MIGRATEPAGE_SUCCESS; folio_clear_isolated(src); goto out; }',
    callback: 'rc = mapping->a_ops->migratepage(mapping, &dst->page, &src->page, mode);',
    lru: 'if (!mapping) rc = migrate_page(mapping, &dst->page, &src->page, mode); else if (mapping->a_ops->migratepage) rc = mapping->a_ops->migratepage(...);',
    success_movable:
      '/* non-lru: */ WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !folio_test_isolated(src)); } if (rc == MIGRATEPAGE_SUCCESS) { if (__PageMovable(&src->page)) { VM_BUG_ON_FOLIO(!folio_test_isolated(src), src);',
    clear_isolated: 'folio_clear_isolated(src); }',
    clear_mapping: 'if (!folio_mapping_flags(src)) src->mapping = NULL;',
  },
  lockedPage: 'VM_BUG_ON_FOLIO(!folio_test_locked(src), src)',
  lockedNew: 'VM_BUG_ON_FOLIO(!folio_test_locked(dst), dst)',
  isolated: 'VM_BUG_ON_FOLIO(!folio_test_isolated(src), src)',
  warnMigrated: 'WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !folio_test_isolated(src))',
};

/** Protocol v5.19. */
export const v519: Protocol = extendProtocol(v50, {
  id: 'v5.19',
  title: 'v5.19: atomic PG_isolated (356ea3865687), folio-based move_to_new_folio',
  description:
    'v5.0 with the 2022 fix "mm/migrate: fix race between lock page and clear PG_Isolated" (356ea3865687): PG_isolated is a PAGEFLAG, set and cleared with atomic set_bit/clear_bit, so the VM\'s updates under PG_lock no longer overwrite a sleeper\'s PG_waiters. move_to_new_page is move_to_new_folio.',
  fns: (layout, base): Fns => ({
    // `__SetPageIsolated` / `__ClearPageIsolated` are the names the shared steps call; 5.19 has only the atomic forms.
    __SetPageIsolated: fn(FLAGS_H, 'SetPageIsolated', [
      { label: 'set', code: 'SetPageIsolated(page): set_bit(PG_isolated, &page->flags) /* PAGEFLAG(Isolated, isolated, PF_ANY) */', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, true) },
    ]),
    __ClearPageIsolated: fn(FLAGS_H, 'ClearPageIsolated', [
      { label: 'clear', code: 'ClearPageIsolated(page) / folio_clear_isolated(src): clear_bit(PG_isolated, &page->flags)', reads: fields('p', 'flags'), writes: fields('p', 'flags'), run: (c) => atomicBit(c, layout.isolated, false) },
    ]),
    putback_movable_page: fn(MM, 'putback_movable_page', [
      {
        label: 'callback',
        code: 'mapping = page_mapping(page); mapping->a_ops->putback_page(page);',
        reads: aopFields(),
        run: (c) => callAop(c, 'putback_page', pg(c).mapping, { p: num(c.l, 'p') }, 'clear'),
      },
      { ...local('clear', 'ClearPageIsolated(page);'), run: (c) => c.call('__ClearPageIsolated', { p: num(c.l, 'p') }, 'done') },
      { ...local('done', 'return;'), run: (c) => c.ret(null) },
    ]),
    // The atomic helpers' names where the shared steps cite the non-atomic ones.
    isolate_movable_page: reword(base.isolate_movable_page as KFn, '__SetPageIsolated(', 'SetPageIsolated('),
    putback_movable_pages: reword(base.putback_movable_pages as KFn, '__ClearPageIsolated(', 'ClearPageIsolated('),
    unmap_and_move: reword(base.unmap_and_move as KFn, '__ClearPageIsolated(', 'ClearPageIsolated('),
    move_to_new_page: v48MoveToNewPage(layout, MOVE_TO_NEW_FOLIO_5_19),
  }),
});
