/**
 * What "movable" and "isolated" mean in a version's encoding, read off a page
 * without locks (for invariants and the free-page check; never by the model's
 * kernel code, which reads flags and mapping in its own steps).
 */
import { test, type Layout } from './flags.ts';
import { asOf, PAGE_MAPPING_FLAGS, PAGE_MAPPING_MOVABLE } from './mapping.ts';
import type { Page } from './world.ts';
import { PGTY } from './pagetype.ts';

/** The page carries the version's movable mark: v3 the PG_movable bit; v4.8 a tagged mapping that still points to the driver. */
export function movableMark(p: Page, layout: Layout): boolean {
  // 7.0: page_has_movable_ops() = PageMovableOps && (PageOffline || PageZsmalloc).
  if (layout.movableOps && layout.movable !== null) return test(p.flags, layout.movable) && (p.mapcount === PGTY.zsmalloc || p.mapcount === PGTY.offline);
  if (layout.movable !== null) return test(p.flags, layout.movable);
  return (p.mapping & PAGE_MAPPING_FLAGS) === PAGE_MAPPING_MOVABLE && asOf(p.mapping) !== 0;
}

/** The page carries PG_isolated (whatever bit the version aliases it to). */
export function isolatedMark(p: Page, layout: Layout): boolean {
  return test(p.flags, layout.isolated);
}
