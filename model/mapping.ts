/**
 * `page->mapping`, encoded as a small number: the address_space id shifted
 * left by two, or'ed with the tag bits PAGE_MAPPING_ANON (1) and
 * PAGE_MAPPING_MOVABLE (2) of v4.8. Each address_space has fixed a_ops: the
 * driver's has isolate_page/migratepage/putback_page, a file's has none of
 * isolate_page and putback_page.
 */
import type { FnName } from './dsl.ts';

/** Tag bits in the low bits of page->mapping (v4.8). */
export const PAGE_MAPPING_ANON = 1;
export const PAGE_MAPPING_MOVABLE = 2;
/** Both tag bits. */
export const PAGE_MAPPING_FLAGS = 3;

/** address_space ids. */
export const AS = {
  /** The driver's address_space (zsmalloc-like), a_ops with the three callbacks. */
  DRIVER: 1,
  /** A regular file's address_space: a_ops->migratepage only. */
  FILE: 2,
} as const;

/**
 * LIST_POISON2 (0x122, POISON_POINTER_DELTA left out): what list_del() leaves
 * in a list_head's prev. From 6.2, SLUB's slab_list.prev lies over
 * page->mapping, and bit 1 makes it look PAGE_MAPPING_MOVABLE ("mm/migrate:
 * make isolate_movable_page() skip slab pages"). As a mapping it is address
 * space 0x48 (no such address_space, no movable_operations), tag MOVABLE.
 */
export const LIST_POISON2 = 0x122;

/** `page->mapping` value of address_space `as` with tag bits `tags`. */
export function mappingOf(as: number, tags = 0): number {
  return (as << 2) | tags;
}

/** The address_space id a mapping points to (0 for NULL), ignoring tag bits. */
export function asOf(mapping: number): number {
  return mapping >> 2;
}

/** The a_ops callbacks an address_space provides: callback name -> model function name. */
export type AOps = Readonly<Partial<Record<'isolate_page' | 'migratepage' | 'putback_page', FnName>>>;

/** a_ops of each address_space id. */
export const aopsOf: Readonly<Record<number, AOps>> = {
  [AS.DRIVER]: { isolate_page: 'drv_isolate_page', migratepage: 'drv_migratepage', putback_page: 'drv_putback_page' },
  [AS.FILE]: { migratepage: 'file_migratepage' },
};

/** Display text of a mapping value, e.g. `&drv_mapping|MOVABLE`. */
export function mappingName(m: number): string {
  if (m === LIST_POISON2) return 'LIST_POISON2';
  const as = asOf(m);
  const base = as === 0 ? 'NULL' : as === AS.DRIVER ? '&drv_mapping' : as === AS.FILE ? '&file_mapping' : `&as${as}`;
  const tags = [m & PAGE_MAPPING_ANON ? 'ANON' : '', m & PAGE_MAPPING_MOVABLE ? 'MOVABLE' : ''].filter(Boolean);
  return tags.length ? `${base}|${tags.join('|')}` : base;
}
