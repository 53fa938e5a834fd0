/**
 * The protocol's invariants with their stable ids (PROTOCOL.md). Each is one
 * of: an assertion a step makes at the moment of the act (`ctx.fail`), a
 * predicate on every state, a predicate on every transition, or an end check
 * on states where every thread has finished. `no-hang` is the engine's own.
 */
import type { Action, AssertSpec, StateInvariant, StepInvariant, SysState } from '../checker/index.ts';
import { bit, flagNames, PG, test, type Layout } from './flags.ts';
import { isolatedMark, movableMark } from './marks.ts';
import { hasType } from './pagetype.ts';
import { Kind, List, listName, members, objCount, objPage, popcount, type World } from './world.ts';

type S = SysState<World>;

/** Assertions made inside steps, at the statement that goes wrong. */
export const asserts: readonly AssertSpec[] = [
  { id: 'no-null-deref', description: 'The VM never dereferences a NULL page->mapping (including VM_BUG_ON_PAGE(!mapping)).' },
  {
    id: 'no-false-positive-callback',
    description: "The VM calls an a_ops callback only through an a_ops that has it, and only on the driver's own page (a PG_reclaim page is not movable).",
  },
  {
    id: 'no-false-positive-movable',
    description: "The VM handles as non-LRU movable (e.g. __ClearPageMovable) only the driver's pages, never a PG_reclaim page it mistook for one.",
  },
  { id: 'no-callback-after-release', description: 'The VM never calls a driver callback on a page the driver has already released (freed, or migrated away).' },
  { id: 'no-lost-flag-update', description: "A non-atomic store of page->flags never undoes a bit that another thread changed after the store's load." },
  { id: 'page-lock-consistent', description: 'PG_locked is set exactly when one thread holds the page lock, and only the holder unlocks it.' },
  {
    id: 'free-page-clean',
    description: 'A page whose refcount reaches 0 is unlocked, has no mapping, _mapcount -1, no movable or isolated mark, and is on no list.',
  },
  { id: 'no-use-after-free', description: 'No reference is dropped from, and no callback made on, a page whose refcount is already 0.' },
  { id: 'no-sleep-in-atomic', description: 'Nothing calls lock_page (which may sleep) while holding zone->lru_lock.' },
  { id: 'driver-page-off-lru', description: "A driver's non-LRU movable page is never handed to putback_lru_page." },
  {
    id: 'kernel-bug-on',
    description: "No VM_BUG_ON_PAGE / VM_BUG_ON / BUG_ON of the version's own modelled functions fires, checked where that kernel checks it (model/kassert.ts).",
  },
  { id: 'kernel-warn-on', description: "No WARN_ON_ONCE of the version's own modelled functions fires, checked where that kernel checks it (model/kassert.ts)." },
];

/** Whether thread `tid` holds PG_locked of page `i` in state `s`. */
function holds(s: S, i: number, tid: number): boolean {
  return ((s.w.pages[i]?.lockers ?? 0) & bit(tid)) !== 0;
}

/** A step invariant: a mark goes from set to clear only in a step of the thread that holds PG_lock. */
function clearedUnderLock(id: string, what: string, mark: (p: World['pages'][number]) => boolean): StepInvariant<S> {
  return {
    id,
    description: `${what} goes from set to clear only in a step of the thread that holds the page's PG_lock.`,
    check: (before, after, a: Action, model) => {
      for (let i = 0; i < before.w.pages.length; i++) {
        const b = before.w.pages[i]!;
        const n = after.w.pages[i]!;
        // A page freed by this step is reset by the free path (v4.8 clears a tagged mapping), not by the protocol.
        if (b.kind !== Kind.DRIVER || !mark(b) || mark(n) || n.kind === Kind.FREE) continue;
        if (!holds(before, i, a.thread)) {
          return `${model.threadNames[a.thread]} clears ${what} of page ${i} without holding its PG_lock`;
        }
      }
      return null;
    },
  };
}

/** Every invariant of the kernel model for a version with `layout`. */
export function kernelInvariants(layout: Layout, threadNames: readonly string[]) {
  const name = (t: number) => threadNames[t] ?? `T${t}`;
  const stateInvariants: StateInvariant<S>[] = [
    {
      id: 'no-double-isolation',
      description: 'A page is never isolated by two threads at once.',
      check: (s) => {
        const pages = s.w.pages;
        for (let i = 0; i < pages.length; i++) {
          const p = pages[i]!;
          if (popcount(p.isolators) > 1) return `page ${i} is isolated by ${members(p.isolators).map(name).join(' and ')} at once`;
        }
        return null;
      },
    },
    {
      id: 'page-lock-consistent',
      description: 'PG_locked is set exactly when one thread holds the page lock.',
      check: (s) => {
        const pages = s.w.pages;
        for (let i = 0; i < pages.length; i++) {
          const p = pages[i]!;
          if (popcount(p.lockers) > 1) return `page ${i}'s PG_locked is held by ${members(p.lockers).map(name).join(' and ')} at once`;
          if (test(p.flags, PG.locked) !== (p.lockers !== 0)) {
            return p.lockers
              ? `${name(members(p.lockers)[0]!)} holds page ${i}'s lock but PG_locked is clear`
              : `page ${i}'s PG_locked is set but no thread holds the lock`;
          }
        }
        return null;
      },
    },
    {
      id: 'lru-owned-by-isolator',
      description: "While a page is isolated, page->lru belongs to the isolating thread: nothing of the driver's list survives in it.",
      check: (s) => {
        const pages = s.w.pages;
        for (let i = 0; i < pages.length; i++) {
          const p = pages[i]!;
          if (popcount(p.isolators) !== 1) continue;
          const t = members(p.isolators)[0]!;
          if (p.lru !== List.NONE && p.lru !== List.MIG + t) {
            return `page ${i} is isolated by ${name(t)} but page->lru still links it on ${listName(p.lru, threadNames)}`;
          }
        }
        return null;
      },
    },
    {
      id: 'mapcount-consistent',
      description: '_mapcount + 1 equals the number of user-space mappings (v3 allows its -255 marker on an unmapped movable page).',
      check: (s) => {
        const pages = s.w.pages;
        for (let i = 0; i < pages.length; i++) {
          const p = pages[i]!;
          if (p.kind === Kind.FREE) continue;
          // 7.0: a typed page keeps its page_type over _mapcount (pagetype.ts) and is never mapped.
          const ok =
            p.mappers > 0 ? p.mapcount === p.mappers - 1 : p.mapcount === -1 || (layout.mapcountMarker && p.mapcount === -255) || (layout.movableOps === true && hasType(p.mapcount));
          if (!ok) return `page ${i} has ${p.mappers} user mapping(s) but _mapcount ${p.mapcount}`;
        }
        return null;
      },
    },
  ];
  const stepInvariants: StepInvariant<S>[] = [
    clearedUnderLock('movable-cleared-under-lock', 'PG_movable', (p) => movableMark(p, layout)),
    clearedUnderLock('isolated-cleared-under-lock', 'PG_isolated', (p) => isolatedMark(p, layout)),
    {
      id: 'lru-owned-by-isolator',
      description: 'While a page is isolated, only the isolating thread changes page->lru.',
      check: (before, after, a) => {
        for (let i = 0; i < before.w.pages.length; i++) {
          const b = before.w.pages[i]!;
          const n = after.w.pages[i]!;
          if (b.isolators === 0 || b.lru === n.lru || (b.isolators & bit(a.thread)) !== 0) continue;
          return `${name(a.thread)} changes page->lru of page ${i} (${listName(b.lru, threadNames)} -> ${listName(n.lru, threadNames)}) while ${members(b.isolators).map(name).join(', ')} has it isolated`;
        }
        return null;
      },
    },
  ];
  const endChecks: StateInvariant<S>[] = [
    {
      id: 'refcount-balanced',
      description: 'At the end every reference taken was dropped or is held by its owner (the driver, a page owner); compaction threads hold none.',
      check: (s) => {
        for (const [i, p] of s.w.pages.entries()) {
          const sum = p.holds.reduce((a, b) => a + b, 0);
          if (sum !== p.ref) return `page ${i} has refcount ${p.ref} but its owners hold ${sum}`;
          for (const t of members(s.w.transient)) {
            const h = p.holds[t + 1] ?? 0;
            if (h !== 0) return `${name(t)} finished ${h > 0 ? 'still holding' : 'having dropped'} ${Math.abs(h)} reference(s) of page ${i} ${h > 0 ? '(leak)' : 'it never took'}`;
          }
        }
        return null;
      },
    },
    {
      id: 'no-isolated-leak',
      description: 'At the end no page is left isolated with nobody to put it back.',
      check: (s) => {
        for (const [i, p] of s.w.pages.entries()) {
          if (p.isolators) return `page ${i} is still isolated by ${members(p.isolators).map(name).join(', ')}, which finished`;
          if (p.lru >= List.MIG) return `page ${i} is left on ${listName(p.lru, threadNames)}, which finished`;
          if (p.kind === Kind.DRIVER && p.ref > 0 && isolatedMark(p, layout)) {
            return `page ${i} is left with ${flagNames(bit(layout.isolated), layout)} set and nobody to put it back`;
          }
        }
        return null;
      },
    },
    {
      id: 'migration-preserves-data',
      description: "At the end the driver's object (if not freed) is on a driver page that holds its data.",
      check: (s) => {
        const n = objCount(s.w);
        for (let o = 0; o < n; o++) {
          const at = objPage(s.w, o);
          if (at < 0) continue;
          const what = n === 1 ? "the driver's object" : `the driver's object ${o}`;
          const p = s.w.pages[at];
          if (!p || p.kind !== Kind.DRIVER) return `${what} points to page ${at}, which is not a driver page any more`;
          if (p.data !== s.w.objData) return `${what} on page ${at} holds ${p.data}, expected ${s.w.objData}: migration lost the data`;
        }
        return null;
      },
    },
  ];
  // Every kernel invariant reads the world only (pages, locks, ghost fields): the packed search may skip it where a step left the world as it was.
  const worldOnly = <T extends object>(xs: T[]): T[] => xs.map((x) => ({ ...x, worldOnly: true }));
  return { stateInvariants: worldOnly(stateInvariants), stepInvariants: worldOnly(stepInvariants), endChecks: worldOnly(endChecks) };
}

/** Every invariant id the kernel model can report, with its description (for `movcheck list` and docs). */
export function invariantCatalog(layout: Layout): { id: string; description: string }[] {
  const inv = kernelInvariants(layout, []);
  const all = [...asserts, ...inv.stateInvariants, ...inv.stepInvariants, ...inv.endChecks, { id: 'no-hang', description: 'No thread sleeps forever and nothing deadlocks: some thread can move until all have finished.' }];
  const seen = new Set<string>();
  return all.filter((x) => !seen.has(x.id) && seen.add(x.id));
}

/**
 * The rule-style invariants: step invariants about who clears a mark (without
 * PG_lock), not about what goes wrong for anyone. A catalog mutant must fail
 * through an outcome invariant (any other), with `only` where one of these
 * would be reported first.
 */
export const ruleStyleInvariants: readonly string[] = ['movable-cleared-under-lock', 'isolated-cleared-under-lock'];

/** Every invariant id about an outcome: all of `invariantCatalog` but the rule-style ones. */
export function outcomeInvariantIds(layout: Layout): string[] {
  return invariantCatalog(layout)
    .map((i) => i.id)
    .filter((id) => !ruleStyleInvariants.includes(id));
}
