/**
 * The shared kernel state: a few `struct page`s and `zone->lru_lock`, flat and
 * small so it fingerprints cheaply. Fields marked ghost are not kernel state:
 * they record who holds what, so invariants can be stated precisely.
 */

/** One `struct page` (plus ghost fields). */
export interface Page {
  /** `page->flags`: one machine word (bits in flags.ts). */
  flags: number;
  /** `page->_refcount`. */
  ref: number;
  /** `page->_mapcount`: -1 when not mapped; v3 stores -255 in movable pages. */
  mapcount: number;
  /** `page->mapping`, encoded: address_space id << 2 | tag bits (see mapping.ts). */
  mapping: number;
  /** `page->lru`: which list the page is linked on (see List). */
  lru: number;
  /** The page's content (a number), so a migration can be checked to keep it. */
  data: number;
  /** Threads asleep in lock_page on this page (bit per thread). */
  waitq: number;
  /** Ghost: threads that hold PG_locked (bit per thread). Exactly one when the bit is set. */
  lockers: number;
  /** Ghost: threads that have the page isolated for migration (bit per thread). */
  isolators: number;
  /** Ghost: references held, per owner slot (see ownerSlot). */
  holds: number[];
  /** Ghost: what the page is (see Kind). */
  kind: number;
  /** Ghost: 1 once the driver has released the page (told the VM it is no longer movable). */
  released: number;
  /** Ghost: user-space mappings of the page. */
  mappers: number;
}

/** The world every thread shares. */
export interface World {
  pages: Page[];
  /** `zone->lru_lock`: -1 when free, else the holding thread. */
  lruLock: number;
  /** The page that holds the driver's object (its first object when it has several), -1 once the driver freed it. */
  obj: number;
  /**
   * The pages of the driver's further objects (object 1, 2, ...), -1 each once
   * freed; absent when the driver has one object, so one-object worlds keep
   * their shape. Read and write objects through objPage/setObjPage.
   */
  objs?: number[];
  /** The objects' content, which migration must carry to the new page. */
  objData: number;
  /** Ghost: threads that must drop every reference they take (compaction), bit per thread. */
  transient: number;
  /**
   * The kernel's page lock, constant: 1 when it is 4.8's bit waitqueue
   * (prim/pagelock-bitwait.ts), set from the version's Layout.pageLock;
   * absent for the 4.10+ PG_waiters lock, so those worlds keep their shape.
   */
  bitWaitqueue?: number;
}

/** Which list `page->lru` links the page on. */
export const List = {
  NONE: 0,
  /** The LRU list (owned by the VM's LRU code). */
  LRU: 1,
  /** The driver's own list of its pages. */
  DRV: 2,
  /** MIG + t: the migration list (`cc->migratepages`) of thread t. */
  MIG: 8,
} as const;

/** What a page is (ghost). */
export const Kind = {
  FREE: 0,
  /** A driver's non-LRU movable page. */
  DRIVER: 1,
  /** A page-cache page of a file, on or off the LRU. */
  FILE: 2,
  /** A newly allocated page of another owner (not movable, not on any list). */
  OTHER: 3,
  /** A page allocated by compaction as a migration target. */
  TARGET: 4,
} as const;

/** Display names of Kind values. */
export const kindName = ['free', 'driver', 'file', 'other-owner', 'migration-target'] as const;

/** Owner slot of the driver's references in `Page.holds`. */
export const DRIVER_SLOT = 0;

/** Owner slot of thread `tid`'s references in `Page.holds`. */
export function ownerSlot(tid: number): number {
  return tid + 1;
}

/** A free page of a world with `threads` threads. */
export function freePage(threads: number): Page {
  return {
    flags: 0,
    ref: 0,
    mapcount: -1,
    mapping: 0,
    lru: List.NONE,
    data: 0,
    waitq: 0,
    lockers: 0,
    isolators: 0,
    holds: new Array<number>(threads + 1).fill(0),
    kind: Kind.FREE,
    released: 0,
    mappers: 0,
  };
}

/** Name of a list value, e.g. `migratepages of C0`. */
export function listName(v: number, threadNames: readonly string[]): string {
  if (v === List.NONE) return 'none';
  if (v === List.LRU) return 'LRU';
  if (v === List.DRV) return "driver's list";
  return `migratepages of ${threadNames[v - List.MIG] ?? `T${v - List.MIG}`}`;
}

/** Number of set bits (threads in a thread mask). */
export function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** Thread numbers in a thread mask. */
export function members(mask: number): number[] {
  const out: number[] = [];
  for (let t = 0; mask >> t; t++) if ((mask >> t) & 1) out.push(t);
  return out;
}

/** Number of driver objects in a world. */
export function objCount(w: World): number {
  return 1 + (w.objs?.length ?? 0);
}

/** The page holding driver object `o` (0: the first), -1 once freed or when there is no such object. */
export function objPage(w: World, o = 0): number {
  return o === 0 ? w.obj : (w.objs?.[o - 1] ?? -1);
}

/**
 * Footprint paths: fields `names` of every page a driver object lives on, a
 * superset of those of the one object a step names. Written without choosing
 * on a value, so that partial-order reduction can bound it (packed/por.ts).
 */
export function objPagesFields(w: World, ...names: string[]): string[] {
  return [w.obj, ...(w.objs ?? [])].flatMap((p) => names.map((n) => `pages/${p}/${n}`));
}

/** Records that driver object `o` now lives on `page` (-1: freed). */
export function setObjPage(w: World, o: number, page: number): void {
  if (o === 0) w.obj = page;
  else if (w.objs && o - 1 < w.objs.length) w.objs[o - 1] = page;
  else throw new Error(`no driver object ${o}`);
}

/** World paths of the driver's objects (for footprints). */
export const OBJ_PATHS = ['obj', 'objs'] as const;
