/**
 * Each kernel invariant's check on hand-made worlds, with its exact message:
 * where it holds, where it fires, and the edges between (a free page, a page
 * that is not the driver's, a thread that holds the lock against one that
 * does not, the v3 _mapcount marker, several driver objects). Also the
 * catalog of ids and descriptions, and that every kernel check reads the
 * world only.
 */
import test from 'ava';
import type { Action, Model, StateInvariant, StepInvariant, SysState } from '../../checker/index.ts';
import { asserts, invariantCatalog, kernelInvariants } from '../../model/invariants.ts';
import { bit, PG } from '../../model/flags.ts';
import { AS, mappingOf, PAGE_MAPPING_MOVABLE } from '../../model/mapping.ts';
import { protocolById } from '../../model/versions/index.ts';
import { freePage, Kind, List, type Page, type World } from '../../model/world.ts';

type S = SysState<World>;
const NAMES = ['C0', 'C1', 'D'];
const v3 = protocolById('v3')!.layout;
const v48 = protocolById('v4.8')!.layout;

const page = (patch: Partial<Page> = {}): Page => ({ ...freePage(3), ...patch });
const state = (pages: Page[], more: Partial<World> = {}): S => ({
  w: { pages, lruLock: -1, obj: -1, objData: 7, transient: 0, ...more },
  t: [],
  fault: null,
});

function inv<T extends { id: string }>(list: readonly T[], id: string): T {
  const x = list.find((i) => i.id === id);
  if (!x) throw new Error(`no invariant ${id}`);
  return x;
}
const kernel = (layout = v48) => kernelInvariants(layout, NAMES);
const stateCheck = (id: string, s: S, layout = v48) => (inv(kernel(layout).stateInvariants, id) as StateInvariant<S>).check(s);
const endCheck = (id: string, s: S, layout = v48) => (inv(kernel(layout).endChecks, id) as StateInvariant<S>).check(s);
const model = { threadNames: NAMES } as unknown as Model<S>;
const act = (thread: number): Action => ({ thread, choice: 0, choices: 1 });
const stepCheck = (id: string, before: S, after: S, thread: number, layout = v48) =>
  (inv(kernel(layout).stepInvariants, id) as StepInvariant<S>).check(before, after, act(thread), model);

/** A driver page of v4.8: movable (tagged mapping to the driver), with one driver reference. */
const driver48 = (patch: Partial<Page> = {}) => page({ kind: Kind.DRIVER, ref: 1, holds: [1, 0, 0, 0], mapping: mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE), ...patch });

test('no-double-isolation', (t) => {
  t.is(stateCheck('no-double-isolation', state([page(), page({ isolators: 0b001 })])), null);
  t.is(stateCheck('no-double-isolation', state([page(), page({ isolators: 0b101 })])), 'page 1 is isolated by C0 and D at once');
  t.is(stateCheck('no-double-isolation', state([page({ isolators: 0b100010 })])), 'page 0 is isolated by C1 and T5 at once'); // no name for thread 5
});

test('page-lock-consistent (the state check)', (t) => {
  const locked = bit(PG.locked);
  t.is(stateCheck('page-lock-consistent', state([page({ flags: locked, lockers: 0b10 })])), null);
  t.is(stateCheck('page-lock-consistent', state([page({ flags: locked, lockers: 0b11 })])), "page 0's PG_locked is held by C0 and C1 at once");
  t.is(stateCheck('page-lock-consistent', state([page(), page({ lockers: 0b100 })])), "D holds page 1's lock but PG_locked is clear");
  t.is(stateCheck('page-lock-consistent', state([page({ flags: locked })])), "page 0's PG_locked is set but no thread holds the lock");
});

test('lru-owned-by-isolator (the state check)', (t) => {
  t.is(stateCheck('lru-owned-by-isolator', state([page({ isolators: 0b10, lru: List.MIG + 1 })])), null);
  t.is(stateCheck('lru-owned-by-isolator', state([page({ isolators: 0b10, lru: List.NONE })])), null);
  t.is(stateCheck('lru-owned-by-isolator', state([page({ isolators: 0b11, lru: List.DRV })])), null); // two isolators: no-double-isolation's case
  t.is(stateCheck('lru-owned-by-isolator', state([page({ isolators: 0, lru: List.DRV })])), null);
  t.is(stateCheck('lru-owned-by-isolator', state([page({ isolators: 0b10, lru: List.DRV })])), "page 0 is isolated by C1 but page->lru still links it on driver's list");
  t.is(stateCheck('lru-owned-by-isolator', state([page(), page({ isolators: 0b1, lru: List.MIG + 1 })])), 'page 1 is isolated by C0 but page->lru still links it on migratepages of C1');
});

test('mapcount-consistent, with and without the v3 marker', (t) => {
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.FILE, mappers: 2, mapcount: 1 })])), null);
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.FILE, mappers: 0, mapcount: -1 })])), null);
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.FREE, mappers: 0, mapcount: 5 })])), null); // a free page is not checked
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.FILE, mappers: 2, mapcount: 0 })])), 'page 0 has 2 user mapping(s) but _mapcount 0');
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.FILE, mappers: 0, mapcount: 0 })])), 'page 0 has 0 user mapping(s) but _mapcount 0');
  const marked = state([page({ kind: Kind.DRIVER, mappers: 0, mapcount: -255 })]);
  t.is(stateCheck('mapcount-consistent', marked, v3), null);
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.DRIVER, mappers: 0, mapcount: 0 })]), v3), 'page 0 has 0 user mapping(s) but _mapcount 0');
  t.is(stateCheck('mapcount-consistent', marked, v48), 'page 0 has 0 user mapping(s) but _mapcount -255');
  t.is(stateCheck('mapcount-consistent', state([page({ kind: Kind.DRIVER, mappers: 1, mapcount: -255 })]), v3), 'page 0 has 1 user mapping(s) but _mapcount -255');
});

test('movable-cleared-under-lock: only the holder of PG_lock clears the mark of a driver page', (t) => {
  const id = 'movable-cleared-under-lock';
  const before = (lockers: number) => state([page(), driver48({ lockers, flags: lockers ? bit(PG.locked) : 0 })]);
  const cleared = state([page(), driver48({ mapping: mappingOf(AS.DRIVER) })]);
  t.is(stepCheck(id, before(0b100), cleared, 2), null);
  t.is(stepCheck(id, before(0b001), cleared, 2), 'D clears PG_movable of page 1 without holding its PG_lock');
  t.is(stepCheck(id, before(0), cleared, 0), 'C0 clears PG_movable of page 1 without holding its PG_lock');
  // Not a clear: the mark stays, or was never there; a page the step frees; a page that is not the driver's.
  t.is(stepCheck(id, before(0), before(0), 0), null);
  t.is(stepCheck(id, cleared, cleared, 0), null);
  t.is(stepCheck(id, before(0), state([page(), page({ kind: Kind.FREE })]), 0), null);
  const file = (m: number) => state([page({ kind: Kind.FILE, mapping: m })]);
  t.is(stepCheck(id, file(mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE)), file(0), 0), null);
});

test('isolated-cleared-under-lock (v3: PG_owner_priv_1 is PG_isolated)', (t) => {
  const id = 'isolated-cleared-under-lock';
  const iso = bit(v3.isolated);
  const d = (flags: number, lockers = 0) => state([page({ kind: Kind.DRIVER, ref: 1, flags: flags | (lockers ? bit(PG.locked) : 0), lockers })]);
  t.is(stepCheck(id, d(iso, 0b10), d(0, 0b10), 1, v3), null);
  t.is(stepCheck(id, d(iso, 0b10), d(0, 0b10), 2, v3), 'D clears PG_isolated of page 0 without holding its PG_lock');
  t.is(stepCheck(id, d(iso), d(iso), 2, v3), null);
});

test('lru-owned-by-isolator (the step check)', (t) => {
  const id = 'lru-owned-by-isolator';
  const s = (isolators: number, lru: number) => state([page(), page({ isolators, lru })]);
  t.is(stepCheck(id, s(0b1, List.MIG), s(0b1, List.NONE), 0), null); // the isolator itself
  t.is(stepCheck(id, s(0, List.DRV), s(0, List.NONE), 2), null); // not isolated
  t.is(stepCheck(id, s(0b1, List.MIG), s(0b1, List.MIG), 2), null); // page->lru unchanged
  t.is(stepCheck(id, s(0b1, List.MIG), s(0b1, List.NONE), 2), 'D changes page->lru of page 1 (migratepages of C0 -> none) while C0 has it isolated');
  t.is(stepCheck(id, s(0b11, List.DRV), s(0b11, List.LRU), 2), "D changes page->lru of page 1 (driver's list -> LRU) while C0, C1 has it isolated");
});

test('refcount-balanced', (t) => {
  const id = 'refcount-balanced';
  t.is(endCheck(id, state([page({ ref: 2, holds: [1, 0, 0, 1] })])), null);
  t.is(endCheck(id, state([page({ ref: 2, holds: [1, 0, 0, 0] })])), 'page 0 has refcount 2 but its owners hold 1');
  // Thread 1 (C1) is transient: it must hold none.
  t.is(endCheck(id, state([page(), page({ ref: 2, holds: [1, 0, 1, 0] })], { transient: 0b10 })), 'C1 finished still holding 1 reference(s) of page 1 (leak)');
  t.is(endCheck(id, state([page({ ref: 0, holds: [1, 0, -1, 0] })], { transient: 0b10 })), 'C1 finished having dropped 1 reference(s) of page 0 it never took');
  t.is(endCheck(id, state([page({ ref: 1, holds: [0, 0, 0, 1] })], { transient: 0b10 })), null); // D is not transient
});

test('no-isolated-leak', (t) => {
  const id = 'no-isolated-leak';
  t.is(endCheck(id, state([driver48()])), null);
  t.is(endCheck(id, state([page(), page({ isolators: 0b110 })])), 'page 1 is still isolated by C1, D, which finished');
  t.is(endCheck(id, state([page({ lru: List.MIG + 1 })])), 'page 0 is left on migratepages of C1, which finished');
  t.is(endCheck(id, state([page({ lru: List.MIG })])), 'page 0 is left on migratepages of C0, which finished');
  t.is(endCheck(id, state([page({ lru: List.DRV })])), null);
  const iso = bit(v48.isolated);
  t.is(endCheck(id, state([driver48({ flags: iso })])), 'page 0 is left with PG_reclaim(=PG_isolated) set and nobody to put it back');
  t.is(endCheck(id, state([driver48({ flags: iso, ref: 0 })])), null); // freed
  t.is(endCheck(id, state([page({ kind: Kind.FILE, ref: 1, flags: iso })])), null); // PG_reclaim on a file page
});

test('migration-preserves-data, one object and several', (t) => {
  const id = 'migration-preserves-data';
  const d = (data: number) => page({ kind: Kind.DRIVER, data });
  t.is(endCheck(id, state([d(7)], { obj: 0 })), null);
  t.is(endCheck(id, state([d(7)], { obj: -1 })), null); // freed
  t.is(endCheck(id, state([d(3)], { obj: 0 })), "the driver's object on page 0 holds 3, expected 7: migration lost the data");
  t.is(endCheck(id, state([page()], { obj: 0 })), "the driver's object points to page 0, which is not a driver page any more");
  t.is(endCheck(id, state([d(7)], { obj: 4 })), "the driver's object points to page 4, which is not a driver page any more");
  t.is(endCheck(id, state([d(7), d(7)], { obj: 0, objs: [1] })), null);
  t.is(endCheck(id, state([d(7), d(7), d(2)], { obj: 0, objs: [1, 2] })), "the driver's object 2 on page 2 holds 2, expected 7: migration lost the data");
  t.is(endCheck(id, state([d(7), page()], { obj: -1, objs: [1] })), "the driver's object 1 points to page 1, which is not a driver page any more");
});

test('every kernel state and step invariant, and every end check, reads the world only and says what it checks', (t) => {
  for (const layout of [v3, v48]) {
    const k = kernel(layout);
    for (const x of [...k.stateInvariants, ...k.stepInvariants, ...k.endChecks]) {
      t.true(x.worldOnly === true, x.id);
      t.true(x.description.length > 20 && x.description.endsWith('.'), `${x.id}: ${x.description}`);
    }
  }
});

test('the invariant catalog: assertions, state, step and end checks, no-hang; each id once, with its description', (t) => {
  const ids = invariantCatalog(v48).map((i) => i.id);
  t.deepEqual(ids, [
    ...asserts.map((a) => a.id),
    'no-double-isolation',
    'lru-owned-by-isolator',
    'mapcount-consistent',
    'movable-cleared-under-lock',
    'isolated-cleared-under-lock',
    'refcount-balanced',
    'no-isolated-leak',
    'migration-preserves-data',
    'no-hang',
  ]);
  t.is(new Set(ids).size, ids.length);
  const byId = new Map(invariantCatalog(v3).map((i) => [i.id, i.description]));
  t.is(byId.get('page-lock-consistent'), 'PG_locked is set exactly when one thread holds the page lock, and only the holder unlocks it.');
  t.is(byId.get('movable-cleared-under-lock'), "PG_movable goes from set to clear only in a step of the thread that holds the page's PG_lock.");
  t.is(byId.get('isolated-cleared-under-lock'), "PG_isolated goes from set to clear only in a step of the thread that holds the page's PG_lock.");
  t.is(byId.get('no-hang'), 'No thread sleeps forever and nothing deadlocks: some thread can move until all have finished.');
  for (const [id, d] of byId) t.true(d.length > 20, id);
});
