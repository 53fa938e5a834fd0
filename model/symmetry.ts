/**
 * Which threads of a kernel system are interchangeable, and how a world is
 * renamed when they swap: compaction threads that run the same entry with the
 * same arguments, each migrating to its own block of free target pages, are
 * the same thread up to the names of the thread and of its targets. Renaming
 * swaps the thread bits of every ghost mask, the owner slots of `holds`, the
 * migration list a page is on, the lru_lock holder, and the target pages
 * themselves (with the object pointers into them).
 */
import type { Locals, SymmetrySpec } from '../checker/index.ts';
import { DRIVER_SLOT, List, ownerSlot, type Page, type World } from './world.ts';
import type { ThreadInit } from './system.ts';

/** Locals holding page numbers in every kernel function (the page, the migration target). */
export const PAGE_LOCALS = ['p', 'np'] as const;

/** Mask `m` with bit t moved to bit tperm[t]. */
function renameMask(m: number, tperm: ArrayLike<number>): number {
  let r = 0;
  for (let t = 0; m >> t !== 0; t++) if ((m >> t) & 1) r |= 1 << (tperm[t] ?? t);
  return r;
}

/** Page number `p` renamed (-1 and pages outside every block stay). */
function renamePage(p: number, eperm: ArrayLike<number>): number {
  return p >= 0 && p < eperm.length ? (eperm[p] as number) : p;
}

/** Writes `from` renamed into `to` (see SymmetrySpec.rename); works on plain worlds and on packed views alike. */
export function renameWorld(from: World, to: World, tperm: ArrayLike<number>, eperm: ArrayLike<number>): void {
  const T = tperm.length;
  from.pages.forEach((a, i) => {
    const b = to.pages[renamePage(i, eperm)] as Page;
    for (const k in a) {
      if (k !== 'holds') (b as unknown as Record<string, unknown>)[k] = (a as unknown as Record<string, unknown>)[k];
    }
    b.waitq = renameMask(a.waitq, tperm);
    b.lockers = renameMask(a.lockers, tperm);
    b.isolators = renameMask(a.isolators, tperm);
    b.lru = a.lru >= List.MIG ? List.MIG + (tperm[a.lru - List.MIG] ?? a.lru - List.MIG) : a.lru;
    b.holds[DRIVER_SLOT] = a.holds[DRIVER_SLOT] as number;
    for (let t = 0; t < T; t++) b.holds[ownerSlot(tperm[t] as number)] = a.holds[ownerSlot(t)] as number;
  });
  to.lruLock = from.lruLock < 0 ? from.lruLock : (tperm[from.lruLock] ?? from.lruLock);
  to.obj = renamePage(from.obj, eperm);
  if (from.objs && to.objs) for (let k = 0; k < from.objs.length; k++) to.objs[k] = renamePage(from.objs[k] as number, eperm);
  to.objData = from.objData;
  to.transient = renameMask(from.transient, tperm);
}

/** The arguments of a thread without its target page (what interchangeable threads share). */
function sharedArgs(t: ThreadInit): string {
  const { np: _np, ...rest } = (t.args ?? {}) as Locals;
  return `${t.fn}\u0000${JSON.stringify(Object.entries(rest).sort())}`;
}

/**
 * The interchangeable threads of a system: same entry, same arguments but the
 * target `np`, each target block (`np` .. `np + n - 1`) free pages that no
 * other thread names and that hold no object, and the world unchanged by
 * swapping any two of them. Threads that fail a test are left out.
 */
export function kernelSymmetry(world: World, threads: readonly ThreadInit[]): SymmetrySpec<World> {
  const byKey = new Map<string, number[]>();
  threads.forEach((t, i) => {
    if (typeof t.args?.np !== 'number' || t.transient === false) return;
    const k = sharedArgs(t);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const named = new Set<number>();
  threads.forEach((t) => {
    for (const k of PAGE_LOCALS) if (k !== 'np' && typeof t.args?.[k] === 'number') named.add(t.args[k] as number);
  });
  const objects = [world.obj, ...(world.objs ?? [])];
  const groups: { threads: number[]; blocks: number[][] }[] = [];
  for (const ts of byKey.values()) {
    if (ts.length < 2) continue;
    const blocks = ts.map((t) => {
      const a = threads[t]?.args ?? {};
      const n = typeof a.n === 'number' ? a.n : 1;
      return Array.from({ length: n }, (_, k) => (a.np as number) + k);
    });
    const all = blocks.flat();
    const ok =
      new Set(all).size === all.length &&
      all.every((p) => p < world.pages.length && !named.has(p) && !objects.includes(p) && JSON.stringify(world.pages[p]) === JSON.stringify(world.pages[all[0] as number]));
    if (!ok) continue;
    const g = { threads: ts, blocks };
    if (swapsKeep(world, threads.length, g)) groups.push(g);
  }
  return { groups, entityLocals: PAGE_LOCALS, rename: renameWorld };
}

/** True when swapping neighbours of group `g` leaves `world` as it is. */
function swapsKeep(world: World, T: number, g: { threads: number[]; blocks: number[][] }): boolean {
  const E = Math.max(world.pages.length, ...g.blocks.flat().map((e) => e + 1));
  for (let i = 0; i + 1 < g.threads.length; i++) {
    const tperm = Array.from({ length: T }, (_, t) => t);
    const eperm = Array.from({ length: E }, (_, e) => e);
    const a = g.threads[i] as number;
    const b = g.threads[i + 1] as number;
    tperm[a] = b;
    tperm[b] = a;
    (g.blocks[i] as number[]).forEach((e, k) => {
      const f = (g.blocks[i + 1] as number[])[k] as number;
      eperm[e] = f;
      eperm[f] = e;
    });
    const to = structuredClone(world);
    renameWorld(world, to, tperm, eperm);
    if (JSON.stringify(to) !== JSON.stringify(world)) return false;
  }
  return true;
}
