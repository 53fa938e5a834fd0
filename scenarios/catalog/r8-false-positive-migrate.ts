/**
 * R8: move_to_new_page tests PageMovable to route a page to the driver. Can a
 * PG_reclaim page being migrated as an LRU page be taken for movable there?
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, VERSIONS, violation } from '../define.ts';
import { filePage, free, type SystemInit } from '../../model/system.ts';

const quote = 'Can false positive from PG_reclaim occur here?';
const system: SystemInit = {
  pages: [filePage({ reclaim: true, isolatedBy: 0, owner: 1, onMigrateList: true, uptodate: true }), free],
  threads: [
    { name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } },
    { name: 'F', fn: 'readahead_owner', args: { p: 0 } },
  ],
};
const actors = ['C0: compaction migrating page 0, an LRU page it isolated, to page 1', 'F: the file\'s reader consuming the readahead mark (PG_readahead = PG_reclaim)'];
const pages = ['page 0: page-cache page, PG_reclaim set, isolated from the LRU by C0', 'page 1: free'];

/** C0 migrates a PG_reclaim LRU page. */
export const r8 = defineScenario({
  id: 'r8-reclaim-false-positive-migrate',
  title: 'R8: migrating an LRU page that has PG_reclaim set',
  review: 'R8',
  quote,
  summary: 'move_to_new_page must send the file page down the LRU path (migrate_page), not treat it as a released movable page; if allocation fails, putback_movable_pages must send it back to the LRU.',
  notes:
    'v3-reviewed is a finding of the checker, not of the thread: R9\'s flag-only PageMovable(page, false) reaches putback_movable_pages, where the fix agreed for R6 (lock_page around __ClearPageMovable) takes the lock but does not re-check PageMovable under it. v4.8 re-checks PageMovable under the lock.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: pass('PageMovable needs the _mapcount marker (Minchan: "PageMovable has _mapcount == PAGE_MOVALBE_MAPCOUNT_VALUE check").'),
    'v3-r2': pass('As v3: only R9 changes PageMovable, so it still needs the _mapcount marker.'),
    'v3-r6': pass('As v3-r2.'),
    'v3-r7': pass('As v3-r2.'),
    'v3-r9': violation('no-false-positive-movable', "R9 alone brings v3-reviewed's false positive: without the _mapcount marker, putback_movable_pages()' PageMovable(page, false) after a failed allocation passes on PG_reclaim alone, and __ClearPageMovable() (unlocked here, without R6's fix) wipes the mapping of a file page."),
    'v3-reviewed': violation(
      'no-false-positive-movable',
      'move_to_new_page is safe (PageMovable(page, true) finds no a_ops->isolate_page), but when the allocation fails putback_movable_pages asks PageMovable(page, false): PG_reclaim alone passes, PG_isolated is clear, and the agreed "lock_page around __ClearPageMovable" wipes the mapping of a file page.',
    ),
    'v4.8': pass('is_lru = !__PageMovable(page) looks at the mapping tag, which file pages never carry.'),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() changes no movability test.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass('As 4.8: is_lru = !__PageMovable(&src->page) looks at the mapping tag, which file pages never carry.'),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass('PG_uptodate (= PG_movable_ops) is set on the page-cache page, but it has no page type, so page_has_movable_ops() is false and migrate_pages_batch() sends it down the LRU path (and putback_movable_pages() to folio_putback_lru()).'),
  },
  system,
});

/** The same with the second test removed. */
export const r8Mutants = defineScenario({
  id: 'r8-reclaim-false-positive-migrate~mutants',
  title: 'Mutant: the LRU page is taken for a released movable page',
  review: 'R8',
  quote,
  summary: 'As r8-reclaim-false-positive-migrate, under v3 (and its one-fix versions that keep v3\'s PageMovable) without the _mapcount test in PageMovable. (v4.8 needs no mutant here: its tag is in page->mapping, which no single removal puts on a file page.)',
  actors,
  pages,
  protocols: ['v3~no-mapcount-check', 'v3-r2~no-mapcount-check', 'v3-r6~no-mapcount-check', 'v3-r7~no-mapcount-check', ...['v7.0~no-page-type']],
  expect: {
    'v3~no-mapcount-check': violation('no-false-positive-movable', 'PG_reclaim passes for PG_movable, PG_isolated is clear, and the VM "finishes" the page with __ClearPageMovable: its mapping is wiped without migrating it.'),
    ...Object.fromEntries(['v3-r2', 'v3-r6', 'v3-r7'].map((v) => [`${v}~no-mapcount-check`, violation('no-false-positive-movable', `As v3~no-mapcount-check: ${v} leaves PageMovable as v3 has it.`)])),
    'v7.0~no-page-type': violation(
      'no-null-deref',
      "page_has_movable_ops() without the page type takes the PG_uptodate page-cache page for a movable_ops page: migrate_folio_move() calls migrate_movable_ops_page(), and page_movable_ops(src) of an untyped page is NULL. (Once F has cleared PG_readahead, which is PG_movable_ops_isolated, migrate_movable_ops_page()'s VM_WARN_ON_ONCE_PAGE(!PageMovableOpsIsolated(src), src) warns first, kernel-warn-on; checked here past the kernel's own checks.)",
      { only: PAST_KERNEL_CHECKS },
    ),
  },
  mutantOf: { id: 'r8-reclaim-false-positive-migrate', change: "PageMovable's second test removed" },
  system,
});
