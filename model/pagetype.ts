/**
 * 7.0's page types: `page->page_type` overlays `_mapcount`, and a typed page
 * keeps `PGTY_<type> << 24` there (include/linux/page-flags.h, `enum
 * pagetype`, PAGE_TYPE_OPS). The model stores the type's top byte as a signed
 * byte in `Page.mapcount` (0xf6 -> -10), so an untyped page keeps -1 (no
 * mapping) and a typed page cannot also count mappings, as in the kernel.
 */

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
