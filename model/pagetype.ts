/**
 * 7.0's page types: `page->page_type` overlays `_mapcount`, and a typed page
 * keeps `PGTY_<type> << 24` there (include/linux/page-flags.h, `enum
 * pagetype`, PAGE_TYPE_OPS). The model stores the type's top byte as a signed
 * byte in `Page.mapcount` (0xf6 -> -10), so an untyped page keeps -1 (no
 * mapping) and a typed page cannot also count mappings, as in the kernel.
 */
import { PG, test } from './flags.ts';
import { AS } from './mapping.ts';
import type { Page } from './world.ts';

/** `enum pagetype` values the model uses, as stored in `Page.mapcount` (the top byte, sign-extended). */
export const PGTY = {
  /** PGTY_offline = 0xf1: PageOffline, the balloon's pages (movable through balloon_mops). */
  offline: 0xf1 - 0x100,
  /** PGTY_slab = 0xf5: PageSlab (7.0; 6.x has PG_slab instead). */
  slab: 0xf5 - 0x100,
  /** PGTY_zsmalloc = 0xf6: PageZsmalloc, zsmalloc's pages (movable through zsmalloc_mops). */
  zsmalloc: 0xf6 - 0x100,
} as const;

const NAMES: Readonly<Record<number, string>> = { [PGTY.offline]: 'PGTY_offline', [PGTY.slab]: 'PGTY_slab', [PGTY.zsmalloc]: 'PGTY_zsmalloc' };

/** True when `mapcount` holds a page type (page_has_type()), not a mapping count. */
export function hasType(mapcount: number): boolean {
  return NAMES[mapcount] !== undefined;
}

/** Name of the page type held in `mapcount` (e.g. `PGTY_zsmalloc`), or null. */
export function typeName(mapcount: number): string | null {
  return NAMES[mapcount] ?? null;
}

/** `page_has_movable_ops(page)`: `PageMovableOps(page) && (PageOffline(page) || PageZsmalloc(page))`. */
export function hasMovableOps(page: Page): boolean {
  return test(page.flags, PG.uptodate) && (page.mapcount === PGTY.offline || page.mapcount === PGTY.zsmalloc);
}

/**
 * `page_movable_ops(page)` as an ops id (mops.ts): PageOffline gives
 * offline_movable_ops (the balloon's, which the model has no driver for: an
 * id with no callbacks), PageZsmalloc zsmalloc_movable_ops (the model's
 * driver), anything else NULL.
 */
export function opsOfType(page: Page): number {
  if (page.mapcount === PGTY.offline) return BALLOON_OPS;
  if (page.mapcount === PGTY.zsmalloc) return AS.DRIVER;
  return 0;
}


/** The ops id of 7.0's offline_movable_ops (the balloon's balloon_mops): the model has no balloon driver, so no callbacks. */
export const BALLOON_OPS = 0x7;
