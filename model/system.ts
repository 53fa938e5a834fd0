/**
 * Assembles a runnable system: a protocol version, its pages in a chosen
 * initial state, and the threads (compaction, driver, other owners), into a
 * Model the explorer can search. Page constructors build the states scenarios
 * start from, in the version's own encoding.
 */
import { buildModel, type BuildOptions, type Locals, type Model, type SysState } from '../checker/index.ts';
import { bit, PAGE_MOVABLE_MAPCOUNT_VALUE, PG } from './flags.ts';
import { AS, mappingOf, PAGE_MAPPING_MOVABLE } from './mapping.ts';
import { PGTY } from './pagetype.ts';
import { asserts, kernelInvariants } from './invariants.ts';
import { kernelView } from './view.ts';
import { DRIVER_SLOT, freePage, Kind, List, ownerSlot, type Page, type World } from './world.ts';
import type { Protocol } from './protocol.ts';
import type { Fns } from './dsl.ts';
import { kernelSymmetry } from './symmetry.ts';
import { splitUnlock } from './prim/pagelock-generic.ts';

/** A thread of a system. */
export interface ThreadInit {
  readonly name: string;
  /** Entry function (e.g. `compact`, `compact_migrate`, `drv_free`, `lru_owner`). */
  readonly fn: string;
  readonly args?: Locals;
  /** A transient thread (compaction, the driver's free path) must drop every reference it takes. Default: true for those entries. */
  readonly transient?: boolean;
}

/** A page's initial state, built by the constructors below for a given version and thread count. */
export type PageInit = (protocol: Protocol, threads: number) => Page;

/** A system: pages, threads, and the driver's object. */
export interface SystemInit {
  readonly pages: readonly PageInit[];
  readonly threads: readonly ThreadInit[];
  /**
   * The page that holds the driver's object (-1: none), or the pages of its
   * several objects (object 0, 1, ...; `drv_free` frees the one in its local
   * `o`). Default: one object, on the first driver page.
   */
  readonly obj?: number | readonly number[];
  /** Functions replacing the version's (rule-breaking driver variants, mutants). */
  readonly overrides?: Fns | ((p: Protocol) => Fns);
}

/** The content of the driver's object. */
export const OBJ_DATA = 42;

/** A free page (a migration target, or a page another owner will allocate). */
export const free: PageInit = (_p, n) => freePage(n);

/** Options of a driver page. */
export interface DriverPageOpts {
  /** Thread that has it isolated on its migration list (holding a reference). */
  readonly isolatedBy?: number;
  /** The driver has already released it (dropped its reference, cleared what its version's duty says). */
  readonly released?: boolean;
}

/** A movable driver page in the version's encoding: mapping, PG_movable/marker or mapping tag, PG_isolated if isolated. */
export function driverPage(opts: DriverPageOpts = {}): PageInit {
  return (protocol, n) => {
    const { layout } = protocol;
    const p = freePage(n);
    p.kind = Kind.DRIVER;
    p.data = OBJ_DATA;
    // 7.0 keeps nothing in ->mapping: PG_movable_ops and the page type (PGTY_zsmalloc, over _mapcount) say it.
    p.mapping = layout.movableOps ? 0 : mappingOf(AS.DRIVER, layout.movable === null ? PAGE_MAPPING_MOVABLE : 0);
    if (layout.movable !== null) p.flags |= bit(layout.movable);
    if (layout.mapcountMarker) p.mapcount = PAGE_MOVABLE_MAPCOUNT_VALUE;
    if (layout.movableOps) p.mapcount = PGTY.zsmalloc;
    p.ref = 1;
    p.holds[DRIVER_SLOT] = 1;
    p.lru = List.DRV;
    if (opts.isolatedBy !== undefined) {
      const t = opts.isolatedBy;
      p.flags |= bit(layout.isolated);
      p.ref += 1;
      p.holds[ownerSlot(t)] = 1;
      p.isolators = bit(t);
      p.lru = List.MIG + t;
    }
    if (opts.released) {
      // The driver's release as its version's duty 5 prescribes: v3 clears PG_isolated only;
      // v4.8 clears the mapping (keeping the tag) and never touches PG_isolated.
      p.released = 1;
      p.ref -= 1;
      p.holds[DRIVER_SLOT] = 0;
      // 7.0 clears nothing: reset_zpdesc() only sets zpdesc->zspage = NULL, which the model's `released` stands for.
      if (layout.movable === null) p.mapping = PAGE_MAPPING_MOVABLE;
      else if (!layout.movableOps) p.flags &= ~bit(layout.isolated);
    }
    return p;
  };
}

/** Options of a page-cache page. */
export interface FilePageOpts {
  /** PG_reclaim set (reclaim's writeback, or PG_readahead, its alias). */
  readonly reclaim?: boolean;
  /** PG_writeback set (the page is being written back). */
  readonly writeback?: boolean;
  /** Thread holding it off the LRU (reclaim's or compaction's isolation reference); else it is on the LRU. */
  readonly isolatedBy?: number;
  /** Thread that owns the page-cache reference (default: the isolating thread). */
  readonly owner?: number;
  /** Whether isolatedBy is a compaction thread that has it on its migration list. */
  readonly onMigrateList?: boolean;
  /**
   * PG_uptodate set (a page-cache page read from disk). The model tracks the
   * bit only under versions where it means something to migration (7.0, where
   * it is PG_movable_ops), so older versions' states stay as they were.
   */
  readonly uptodate?: boolean;
}

/** An LRU page-cache page of a file (its a_ops has no isolate_page). */
export function filePage(opts: FilePageOpts = {}): PageInit {
  return (protocol, n) => {
    const p = freePage(n);
    p.kind = Kind.FILE;
    p.data = 7;
    p.mapping = mappingOf(AS.FILE);
    p.ref = 1;
    p.holds[ownerSlot(opts.owner ?? opts.isolatedBy ?? 0)] = 1;
    if (opts.reclaim) p.flags |= bit(PG.reclaim);
    if (opts.writeback) p.flags |= bit(PG.writeback);
    if (opts.uptodate && protocol.layout.movableOps) p.flags |= bit(PG.uptodate);
    if (opts.isolatedBy === undefined) {
      p.flags |= bit(PG.lru);
      p.lru = List.LRU;
    } else {
      p.ref += 1;
      p.holds[ownerSlot(opts.isolatedBy)] = (p.holds[ownerSlot(opts.isolatedBy)] ?? 0) + 1;
      if (opts.onMigrateList) {
        p.lru = List.MIG + opts.isolatedBy;
        p.isolators = bit(opts.isolatedBy);
      }
    }
    return p;
  };
}

const TRANSIENT = new Set(['compact', 'compact_pages', 'compact_migrate', 'compact_putback', 'isolate_movable_page', 'drv_free', 'drv_free_objects']);

/** The model of `init` under `protocol`. */
export function buildSystem(protocol: Protocol, init: SystemInit, opts: BuildOptions = {}): Model<SysState<World>> {
  const n = init.threads.length;
  const pages = init.pages.map((mk) => mk(protocol, n));
  const firstDriver = pages.findIndex((p) => p.kind === Kind.DRIVER && !p.released);
  let transient = 0;
  init.threads.forEach((t, i) => {
    if (t.transient ?? TRANSIENT.has(t.fn)) transient |= bit(i);
  });
  const objs = init.obj === undefined ? [firstDriver] : typeof init.obj === 'number' ? [init.obj] : [...init.obj];
  if (objs.length === 0) throw new Error('SystemInit.obj: give at least one page (or -1 for no object)');
  const world: World = {
    pages,
    lruLock: -1,
    obj: objs[0] as number,
    // Only a driver with several objects gets the field: one-object worlds keep their shape.
    ...(objs.length > 1 ? { objs: objs.slice(1) } : {}),
    objData: OBJ_DATA,
    transient,
    ...(protocol.layout.pageLock === 'bitwait' ? { bitWaitqueue: 1 } : {}),
  };
  const names = init.threads.map((t) => t.name);
  const overrides = typeof init.overrides === 'function' ? init.overrides(protocol) : (init.overrides ?? {});
  const inv = kernelInvariants(protocol.layout, names);
  return buildModel(
    {
      name: protocol.id,
      world,
      // The generic unlock_page() splits every step that unlocks, the scenario's own functions too.
      fns: protocol.layout.pageLock === 'waiters-generic' ? splitUnlock({ ...protocol.fns, ...overrides }) : { ...protocol.fns, ...overrides },
      threads: init.threads.map((t) => ({ name: t.name, fn: t.fn, args: t.args ?? {} })),
      asserts,
      ...inv,
      view: kernelView(protocol.layout, names),
      symmetry: kernelSymmetry(world, init.threads),
      // Every kernel step declares what it reads and writes; the catalog passes --check-footprints.
      footprints: 'complete',
    },
    opts,
  ) as Model<SysState<World>>;
}
