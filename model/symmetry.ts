/**
 * Which threads of a kernel system are interchangeable, and how a world is
 * renamed when they swap: compaction threads that run the same entry with the
 * same arguments, each migrating to its own block of free target pages, are
 * the same thread up to the names of the thread and of its targets. The
 * engine renames states by KERNEL_RENAMING, the list of world fields that
 * name a thread or a page.
 */
import { renameWorldObject, type Locals, type SymmetrySpec, type WorldRenaming } from '../checker/index.ts';
import { List, ownerSlot, type World } from './world.ts';
import type { ThreadInit } from './system.ts';

/** Locals holding page numbers in every kernel function (the page, the migration target). */
export const PAGE_LOCALS = ['p', 'np'] as const;

/**
 * Where the kernel world names threads and pages: the ghost masks (sleepers,
 * PG_locked holders, isolators, transient threads), the owner slots of
 * `holds` (slot 0 is the driver's, thread t's is t + 1), the migration list a
 * page is on (`List.MIG` + t), the lru_lock holder, and the object pointers.
 */
export const KERNEL_RENAMING: WorldRenaming = {
  entities: 'pages',
  threadMasks: ['pages/*/waitq', 'pages/*/lockers', 'pages/*/isolators', 'transient'],
  threadIds: [{ path: 'lruLock' }, { path: 'pages/*/lru', base: List.MIG }],
  threadArrays: [{ path: 'pages/*/holds', offset: ownerSlot(0) }],
  entityIds: ['obj', 'objs/*'],
};

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
export function kernelSymmetry(world: World, threads: readonly ThreadInit[]): SymmetrySpec {
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
  return { groups, entityLocals: PAGE_LOCALS, world: KERNEL_RENAMING };
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
    if (JSON.stringify(renameWorldObject(world, KERNEL_RENAMING, tperm, eperm)) !== JSON.stringify(world)) return false;
  }
  return true;
}
