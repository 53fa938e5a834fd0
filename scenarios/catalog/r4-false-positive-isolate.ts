/**
 * R4: isolate_movable_page calls page->mapping->a_ops->isolate_page for any
 * PageMovable page. A page-cache page with PG_reclaim set (writeback for
 * reclaim, or PG_readahead, the same bit) that reclaim took off the LRU is not
 * PageLRU: can it pass for movable?
 */
import { defineScenario, NEWER, pass, VERSIONS, violation } from '../define.ts';
import { filePage, free, type SystemInit } from '../../model/system.ts';

const quote =
  "Also I'm a bit uncomfortable how isolate_movable_page() blindly expects that page->mapping->a_ops->isolate_page exists for PageMovable() pages. What if it's a false positive on a PG_reclaim page? Can we rely on PG_reclaim always (and without races) implying PageLRU() so that we don't even attempt isolate_movable_page()?";
const system: SystemInit = {
  pages: [filePage({ reclaim: true, writeback: true, isolatedBy: 1, uptodate: true }), free],
  threads: [
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'R', fn: 'lru_owner', args: { p: 0 } },
  ],
};
const actors = ['C0: compaction scanning page 0', "R: reclaim, which holds page 0 off the LRU; its writeback ends (PG_reclaim cleared) and it puts the page back"];
const pages = ['page 0: page-cache page of a file, PG_reclaim|PG_writeback set, PG_lru clear (isolated by reclaim)', 'page 1: free'];

/** C0 scans a PG_reclaim page that is off the LRU. */
export const r4 = defineScenario({
  id: 'r4-reclaim-false-positive-isolate',
  title: 'R4: compaction scans a PG_reclaim page that reclaim took off the LRU',
  review: 'R4',
  quote,
  summary: 'PageLRU is false, so the scan asks PageMovable. Each version must reject the page before calling a_ops->isolate_page, which a file\'s a_ops does not have.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: pass('PageMovable also requires _mapcount == -255, which a page-cache page never has (Minchan\'s answer).'),
    'v3-r2': pass('As v3: only R9 changes PageMovable, so it still needs the _mapcount marker.'),
    'v3-r6': pass('As v3-r2.'),
    'v3-r7': pass('As v3-r2.'),
    'v3-r9': pass('R9 alone: PageMovable(page, false) is a false positive here, but PageMovable(page, true) under PG_lock finds no a_ops->isolate_page and gives up.'),
    'v3-reviewed': pass('PageMovable(page, false) is a false positive here, but PageMovable(page, true) under PG_lock finds no a_ops->isolate_page and gives up.'),
    'v4.8': pass('__PageMovable tests PAGE_MAPPING_MOVABLE in page->mapping, which a file mapping never carries.'),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() changes no movability test.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass('__PageMovable tests PAGE_MAPPING_MOVABLE in page->mapping, which a file mapping never carries.'),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass('The page-cache page has PG_uptodate, which is PG_movable_ops, but no page type (PageOffline or PageZsmalloc): page_has_movable_ops() is false and the scan skips it.'),
  },
  system,
});

/** The same under versions with the check that saves them removed. */
export const r4Mutants = defineScenario({
  id: 'r4-reclaim-false-positive-isolate~mutants',
  title: 'Mutants: the false positive gets through',
  review: 'R4',
  quote,
  summary: 'As r4-reclaim-false-positive-isolate, under v3 (and v3-r2, v3-r6, v3-r7) without the _mapcount test, v3-r9 and v3-reviewed without the a_ops test under PG_lock, and 7.0 whose page_has_movable_ops() tests PG_movable_ops (= PG_uptodate) without the page type. (v4.8 needs no mutant here: its tag is in page->mapping, which no single removal puts on a file page.)',
  actors,
  pages,
  protocols: ['v3~no-mapcount-check', 'v3-r2~no-mapcount-check', 'v3-r6~no-mapcount-check', 'v3-r7~no-mapcount-check', 'v3-r9~flag-only-locked', 'v3-reviewed~flag-only-locked', 'v7.0~no-page-type'],
  expect: {
    'v3~no-mapcount-check': violation('no-false-positive-callback', 'PG_reclaim alone passes for PG_movable and the VM calls a_ops->isolate_page of a file mapping: a NULL function pointer.'),
    'v3-r2~no-mapcount-check': violation('no-false-positive-callback', 'As v3~no-mapcount-check: R2 leaves PageMovable as v3 has it.'),
    'v3-r6~no-mapcount-check': violation('no-false-positive-callback', 'As v3~no-mapcount-check: R6 leaves PageMovable as v3 has it.'),
    'v3-r7~no-mapcount-check': violation('no-false-positive-callback', 'As v3~no-mapcount-check: R7 leaves PageMovable as v3 has it.'),
    'v3-r9~flag-only-locked': violation('no-false-positive-callback', 'As v3-reviewed~flag-only-locked: without the a_ops test under PG_lock the false positive reaches the callback.'),
    'v3-reviewed~flag-only-locked': violation('no-false-positive-callback', 'Without the a_ops test under PG_lock the false positive reaches the callback.'),
    'v7.0~no-page-type': violation('kernel-warn-on', "page_has_movable_ops() without the page type passes the page-cache page (PG_uptodate is PG_movable_ops) once reclaim's writeback has cleared PG_reclaim (= PG_movable_ops_isolated); under the lock page_movable_ops() of an untyped page is NULL and isolate_movable_ops_page()'s WARN_ON_ONCE(!mops) fires (it then gives up: 7.0's second line of defence)."),
  },
  mutantOf: { id: 'r4-reclaim-false-positive-isolate', change: "PageMovable's second test (the _mapcount marker, or a_ops->isolate_page under PG_lock) removed" },
  system,
});
