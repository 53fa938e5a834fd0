/**
 * page->_refcount: get_page_unless_zero takes a reference only from a live
 * page; put_page frees the page when the count drops to zero, and a freed page
 * may be allocated again by another owner. Ghost `holds` records whose
 * references they are, so leaks and double puts can be named.
 */
import { type Layout } from '../flags.ts';
import { PAGE_MAPPING_FLAGS } from '../mapping.ts';
import { clearAtPrep, dirtyForFree } from './freepage.ts';
import { hasType } from '../pagetype.ts';
import { fields, num, pg, type KCtx, type LocalName, type KFootprint } from '../dsl.ts';
import { Kind, List, type Page } from '../world.ts';
import { dropAcquire, mutating, quietly, skipRelease } from '../mutation/hook.ts';

/** Footprint of reference operations on the page in local `v`: the whole page (freeing checks and resets most of it, as the version's free path does). */
export const refFields = (v: LocalName = 'p'): KFootprint => (l) => [`pages/${String(l[v])}`];

/** Footprint of allocating the page in local `v`. */
export const allocFields = (v: LocalName = 'p') =>
  fields(v, 'ref', 'holds', 'flags', 'mapping', 'mapcount', 'lru', 'kind', 'released', 'data', 'mappers');

function addHold(page: Page, slot: number, n: number): void {
  page.holds[slot] = (page.holds[slot] ?? 0) + n;
}

/** get_page_unless_zero(page), inline: takes a reference for `slot` unless the count is 0. */
export function getPageUnlessZero(c: KCtx, slot: number, v: LocalName = 'p'): boolean {
  const page = pg(c, v);
  if (page.ref === 0) return false;
  if (mutating() && dropAcquire('get', `get_page_unless_zero(${v})`, `ref:${String(c.l[v])}`)) return true;
  page.ref += 1;
  addHold(page, slot, 1);
  return true;
}

/** get_page(page), inline: the caller must already hold a reference. */
export function getPage(c: KCtx, slot: number, v: LocalName = 'p'): void {
  const page = pg(c, v);
  if (page.ref === 0) c.fail('no-use-after-free', `get_page() on page ${num(c.l, v)}, which is free (refcount 0)`);
  if (mutating() && dropAcquire('get', `get_page(${v})`, `ref:${String(c.l[v])}`)) return;
  page.ref += 1;
  addHold(page, slot, 1);
}

/** What makes a page not clean to free, per version: see freepage.ts. */
export { dirtyForFree } from './freepage.ts';

/**
 * put_page(page), inline: drops `slot`'s reference; at zero the page is freed
 * (free_pages_prepare: a mapping with tag bits is cleared first, as v4.8
 * does; then a page that is not clean under the version's rules is
 * `free-page-clean`; a clean one has its flags cleared where the version
 * clears PAGE_FLAGS_CHECK_AT_PREP; see freepage.ts).
 */
export function putPage(c: KCtx, slot: number, layout: Layout, v: LocalName = 'p'): void {
  if (mutating() && skipRelease('put', `put_page(${v})`, `ref:${String(c.l[v])}`, v)) return;
  const page = pg(c, v);
  if (page.ref <= 0) {
    c.fail('no-use-after-free', `put_page() on page ${num(c.l, v)}, which is already free (refcount 0)`);
    return;
  }
  page.ref -= 1;
  addHold(page, slot, -1);
  if (page.ref > 0) return;
  // free_pages_prepare(): `if (PageMappingFlags(page)) page->mapping = NULL;` comes before the bad-page check.
  if (page.mapping & PAGE_MAPPING_FLAGS) page.mapping = 0;
  // 7.0's __free_pages_prepare(): `if (unlikely(page_has_type(page))) page->page_type = UINT_MAX;` (page_type is over _mapcount).
  if (layout.free?.resetsPageType && hasType(page.mapcount)) page.mapcount = -1;
  const bad = quietly(() => dirtyForFree(page, layout));
  if (bad.length) c.fail('free-page-clean', `page ${num(c.l, v)} freed (refcount 0) with ${bad.join(', ')}: Bad page state`);
  else clearAtPrep(page, layout);
  page.kind = Kind.FREE;
  page.released = 0;
}

/** Allocates the free page in local `v` for `slot` as a page of `kind` (prep_new_page: clean flags, one reference). */
export function allocPage(c: KCtx, slot: number, kind: number, v: LocalName = 'p'): boolean {
  const page = pg(c, v);
  if (page.kind !== Kind.FREE || page.ref !== 0) return false;
  page.ref = 1;
  page.holds = page.holds.map((_, i) => (i === slot ? 1 : 0));
  page.flags = 0;
  page.mapping = 0;
  page.mapcount = -1;
  page.lru = List.NONE;
  page.kind = kind;
  page.released = 0;
  page.mappers = 0;
  return true;
}
