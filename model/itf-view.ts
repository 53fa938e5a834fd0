/**
 * The kernel world as trace viewers read it (the ITF state of
 * reports/itf.ts): every `struct page` field by its kernel name, flags as the
 * set of their names (with the version's aliases, as the text report shows
 * them), `mapping` and `lru` in words, thread masks as sets of thread names,
 * per-owner references as a map, and `zone->lru_lock` as its holder. Ghost
 * fields keep the names world.ts gives them. Nothing is left out: the view is
 * the whole world, decoded.
 */
import { flagName, type Layout } from './flags.ts';
import { mappingName } from './mapping.ts';
import { DRIVER_SLOT, kindName, listName, members, objCount, objPage, type Page, type World } from './world.ts';

/** The bits set in a flags word, by name (e.g. `PG_reclaim(=PG_isolated)`). */
function flagSet(flags: number, layout: Layout): Set<string> {
  const out = new Set<string>();
  for (let b = 0; flags >> b; b++) if ((flags >> b) & 1) out.add(flagName(b, layout));
  return out;
}

/** One page, decoded. */
function pageView(p: Page, layout: Layout, threadNames: readonly string[]): Record<string, unknown> {
  const who = (mask: number) => new Set(members(mask).map((t) => threadNames[t] ?? `T${t}`));
  const holds = new Map<string, number>();
  p.holds.forEach((n, slot) => holds.set(slot === DRIVER_SLOT ? 'driver' : (threadNames[slot - 1] ?? `T${slot - 1}`), n));
  return {
    flags: flagSet(p.flags, layout),
    flags_word: p.flags,
    _refcount: p.ref,
    _mapcount: p.mapcount,
    mapping: mappingName(p.mapping),
    lru: listName(p.lru, threadNames),
    data: p.data,
    lock_holders: who(p.lockers),
    sleepers: who(p.waitq),
    isolated_by: who(p.isolators),
    holds,
    kind: kindName[p.kind] ?? `kind${p.kind}`,
    released: p.released !== 0,
    user_mappings: p.mappers,
  };
}

/**
 * Builds the view of a kernel world under `layout`: variables `pages` (a list,
 * page0 first), `lru_lock` (`free` or the holder's name), `driver_objects`
 * (the page of each object, -1 once freed), `object_data` and `transient`
 * (the threads that must drop every reference they take).
 */
export function kernelWorldView(layout: Layout, threadNames: readonly string[]): (w: World) => Record<string, unknown> {
  return (w) => {
    const objects: number[] = [];
    for (let o = 0; o < objCount(w); o++) objects.push(objPage(w, o));
    return {
      pages: w.pages.map((p) => pageView(p, layout, threadNames)),
      lru_lock: w.lruLock < 0 ? 'free' : (threadNames[w.lruLock] ?? `T${w.lruLock}`),
      driver_objects: objects,
      object_data: w.objData,
      transient: new Set(members(w.transient).map((t) => threadNames[t] ?? `T${t}`)),
    };
  };
}

/** True when `w` has the shape of a kernel world (so kernelWorldView applies). */
export function isKernelWorld(w: unknown): w is World {
  if (typeof w !== 'object' || w === null) return false;
  const o = w as Partial<World>;
  return Array.isArray(o.pages) && typeof o.lruLock === 'number' && typeof o.obj === 'number' && typeof o.transient === 'number';
}
