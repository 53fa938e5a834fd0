/**
 * page->_refcount: get_page_unless_zero takes a reference only from a live
 * page; put_page frees the page when the count drops to zero, and a freed page
 * may be allocated again by another owner. Ghost `holds` records whose
 * references they are, so leaks and double puts can be named.
 */
import { bit, flagNames, PG, test, type Layout } from '../flags.ts';
import { isolatedMark, movableMark } from '../marks.ts';
import { asOf, mappingName, PAGE_MAPPING_FLAGS } from '../mapping.ts';
import { fields, num, pg, type KCtx } from '../dsl.ts';
import { Kind, List, type Page } from '../world.ts';
import { dropAcquire, mutating, quietly, skipRelease } from '../mutation/hook.ts';

/** Footprint of reference operations on the page in local `v` (freeing may reset the mapping tag and ghost kind). */
export const refFields = (v = 'p') => fields(v, 'ref', 'holds', 'mapping', 'kind', 'released');

/** Footprint of allocating the page in local `v`. */
export const allocFields = (v = 'p') =>
  fields(v, 'ref', 'holds', 'flags', 'mapping', 'mapcount', 'lru', 'kind', 'released', 'data', 'mappers');

function addHold(page: Page, slot: number, n: number): void {
  page.holds[slot] = (page.holds[slot] ?? 0) + n;
}

/** get_page_unless_zero(page), inline: takes a reference for `slot` unless the count is 0. */
export function getPageUnlessZero(c: KCtx, slot: number, v = 'p'): boolean {
  const page = pg(c, v);
  if (page.ref === 0) return false;
  if (mutating() && dropAcquire('get', `get_page_unless_zero(${v})`, `ref:${String(c.l[v])}`)) return true;
  page.ref += 1;
  addHold(page, slot, 1);
  return true;
}

/** get_page(page), inline: the caller must already hold a reference. */
export function getPage(c: KCtx, slot: number, v = 'p'): void {
  const page = pg(c, v);
  if (page.ref === 0) c.fail('no-use-after-free', `get_page() on page ${num(c.l, v)}, which is free (refcount 0)`);
  if (mutating() && dropAcquire('get', `get_page(${v})`, `ref:${String(c.l[v])}`)) return;
  page.ref += 1;
  addHold(page, slot, 1);
}

/**
 * What makes a page not clean to free ("Bad page state"), or an empty list.
 * The movable and isolated marks count on driver pages only: on other pages
 * those bits are PG_reclaim and PG_owner_priv_1, which the free path allows.
 */
export function dirtyForFree(page: Page, layout: Layout): string[] {
  const bad: string[] = [];
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

/**
 * put_page(page), inline: drops `slot`'s reference; at zero the page is freed
 * (free_pages_prepare: a mapping with tag bits is cleared first, as v4.8
 * does; then a page that is not clean is `free-page-clean`).
 */
export function putPage(c: KCtx, slot: number, layout: Layout, v = 'p'): void {
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
  const bad = quietly(() => dirtyForFree(page, layout));
  if (bad.length) c.fail('free-page-clean', `page ${num(c.l, v)} freed (refcount 0) with ${bad.join(', ')}: Bad page state`);
  page.kind = Kind.FREE;
  page.released = 0;
}

/** Allocates the free page in local `v` for `slot` as a page of `kind` (prep_new_page: clean flags, one reference). */
export function allocPage(c: KCtx, slot: number, kind: number, v = 'p'): boolean {
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
