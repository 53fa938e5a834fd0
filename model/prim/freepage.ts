/**
 * The free path: what `free_pages_prepare()` (mm/page_alloc.c) does with a
 * page whose refcount reached 0, per version. A tagged `page->mapping` is
 * cleared first (`if (PageMappingFlags(page)) page->mapping = NULL;`), then
 * `free_pages_check()` calls the page bad when `page_expected_state(page,
 * PAGE_FLAGS_CHECK_AT_FREE)` fails: `_mapcount != -1`, a `mapping`, or a flag
 * of PAGE_FLAGS_CHECK_AT_FREE. Every other flag is cleared silently
 * (`page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP`), PG_reclaim = PG_isolated and
 * PG_owner_priv_1 among them.
 */
import { bit, flagNames, PG, test, type FreeRules, type Layout } from '../flags.ts';
import { isolatedMark, movableMark } from '../marks.ts';
import { asOf, mappingName, PAGE_MAPPING_FLAGS } from '../mapping.ts';
import { Kind, List, type Page } from '../world.ts';

/** The bits the model has that every kernel from 4.8 to 7.0 puts in PAGE_FLAGS_CHECK_AT_FREE. */
const CHECK_AT_FREE_MODELLED = bit(PG.locked) | bit(PG.lru) | bit(PG.writeback);

/**
 * v3 and v3-reviewed: the seed does not show their free path. Duty 3 says the
 * driver clears "PG_isolated and PG_movable of the page for free preparation",
 * so the model reads them as bad at free on a driver page, with the ghost
 * checks (still on a list, still isolated). Nothing is cleared at free.
 */
export const FREE_V3: FreeRules = { kernel: 'v3 (as the model reads duty 3)', atFree: CHECK_AT_FREE_MODELLED, marksBad: true, clearsAtPrep: false };

/**
 * Linux 4.8 (mm/page_alloc.c free_pages_prepare, page_expected_state;
 * include/linux/page-flags.h PAGE_FLAGS_CHECK_AT_FREE = PG_lru | PG_locked |
 * PG_private | PG_private_2 | PG_writeback | PG_reserved | PG_slab |
 * PG_swapcache | PG_active | PG_unevictable | __PG_MLOCKED; CHECK_AT_PREP =
 * every flag but __PG_HWPOISON). Of the model's bits: PG_locked, PG_lru,
 * PG_writeback are bad; PG_reclaim (= PG_isolated) and PG_owner_priv_1 are
 * cleared silently.
 */
export const FREE_4_8: FreeRules = { kernel: '4.8', atFree: CHECK_AT_FREE_MODELLED, marksBad: false, clearsAtPrep: true };

/**
 * Linux 4.10 to 5.19 (include/linux/page-flags.h: PAGE_FLAGS_CHECK_AT_FREE
 * drops PG_swapcache, which the model does not have; PG_waiters is not in it,
 * so a page freed with PG_waiters set has it cleared by CHECK_AT_PREP).
 */
export const FREE_4_10: FreeRules = { kernel: '4.10', atFree: CHECK_AT_FREE_MODELLED, marksBad: false, clearsAtPrep: true };

/**
 * What makes a page not clean to free ("Bad page state") under `layout`'s
 * free rules, or an empty list. Called after a tagged mapping was cleared.
 */
export function dirtyForFree(page: Page, layout: Layout): string[] {
  const rules = layout.free ?? FREE_V3;
  const bad: string[] = [];
  if (!rules.marksBad) {
    // page_expected_state(page, PAGE_FLAGS_CHECK_AT_FREE), in its order: _mapcount, mapping, flags.
    if (page.mapcount !== -1) bad.push(`_mapcount ${page.mapcount}`);
    // A mapping with tag bits never gets here: `if (PageMappingFlags(page)) page->mapping = NULL;` comes first.
    if (page.mapping !== 0 && (page.mapping & PAGE_MAPPING_FLAGS) === 0) bad.push(`mapping ${mappingName(page.mapping)}`);
    const flags = page.flags & rules.atFree;
    if (flags) bad.push(`${flagNames(flags, layout)} set (PAGE_FLAGS_CHECK_AT_FREE)`);
    return bad;
  }
  if (test(page.flags, PG.locked) || page.lockers) bad.push('PG_locked set');
  if (test(page.flags, PG.lru)) bad.push('PG_lru set');
  if (test(page.flags, PG.writeback)) bad.push('PG_writeback set');
  if (asOf(page.mapping) !== 0) bad.push(`mapping ${mappingName(page.mapping)}`);
  if (page.mapcount !== -1) bad.push(`_mapcount ${page.mapcount}`);
  if (page.kind === Kind.DRIVER && movableMark(page, layout)) bad.push('still marked movable');
  if (page.kind === Kind.DRIVER && isolatedMark(page, layout)) bad.push(`${flagNames(bit(layout.isolated), layout)} set`);
  if (page.lru !== List.NONE) bad.push('still linked on a list through page->lru');
  if (page.isolators) bad.push('still isolated by a compaction thread');
  return bad;
}

/** What the free path does to a clean page's flags: `page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP` where the version's rules say so. */
export function clearAtPrep(page: Page, layout: Layout): void {
  if ((layout.free ?? FREE_V3).clearsAtPrep) page.flags = 0;
}
