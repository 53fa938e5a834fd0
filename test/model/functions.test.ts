/**
 * Each kernel function of the model, run alone on one thread from a chosen
 * page state, takes each of its branches and leaves the exact page state the
 * kernel code would. Expected values are worked out by hand from the code
 * (mm/migrate.c, mm/compaction.c, include/linux/page-flags.h of each version)
 * in the comments, and written as whole pages: a field not named in an
 * expected page is asserted to have its free-page value.
 *
 * Encodings (model/flags.ts, model/mapping.ts, model/world.ts):
 *   bits   PG_locked 1, PG_waiters 2, PG_lru 4, PG_reclaim 8, PG_owner_priv_1 16, PG_writeback 32
 *   v3, v3-reviewed: PG_movable = PG_reclaim (8), PG_isolated = PG_owner_priv_1 (16)
 *   v4.8: PG_isolated = PG_reclaim (8), movable = PAGE_MAPPING_MOVABLE (2) in page->mapping
 *   mapping  &drv_mapping = 1<<2 = 4, |MOVABLE = 6, tag alone = 2; &file_mapping = 2<<2 = 8
 *   lru      none 0, LRU 1, driver's list 2, migratepages of thread t = 8 + t
 *   kind     free 0, driver 1, file 2, other 3, target 4
 *   holds    [driver, thread 0, thread 1, ...]; a one-thread world has holds of length 2
 */
import test from 'ava';
import { driverPage, filePage, free, OBJ_DATA, type PageInit } from '../../model/system.ts';
import { protocolById } from '../../model/versions/index.ts';
import type { Protocol } from '../../model/protocol.ts';
import { Kind, List, type Page } from '../../model/world.ts';
import { fn, local, type Fns } from '../../model/dsl.ts';
import { brokenIds, lockedBy, page, pageOf, pageWith, runAlone, withSlots, type RunResult } from './harness.ts';

const LOCKED = 1;
const LRU = 4;
const RECLAIM = 8;
const OWNER_PRIV_1 = 16;
const WRITEBACK = 32;
const DRV_MAP = 4;
const MOVABLE_TAG = 2;
const FILE_MAP = 8;
const MIG0 = List.MIG + 0;
const MIG1 = List.MIG + 1;

/** A version's encoding of a movable driver page. */
interface Enc {
  readonly id: 'v3' | 'v3-reviewed' | 'v4.8';
  /** PG_movable bit mask (0: v4.8 has none). */
  readonly MOV: number;
  /** PG_isolated bit mask. */
  readonly ISO: number;
  /** page->mapping of a movable driver page. */
  readonly MAP: number;
  /** _mapcount of an unmapped movable driver page. */
  readonly MARK: number;
}

const V3: Enc = { id: 'v3', MOV: RECLAIM, ISO: OWNER_PRIV_1, MAP: DRV_MAP, MARK: -255 };
const V3R: Enc = { id: 'v3-reviewed', MOV: RECLAIM, ISO: OWNER_PRIV_1, MAP: DRV_MAP, MARK: -1 };
const V48: Enc = { id: 'v4.8', MOV: 0, ISO: RECLAIM, MAP: DRV_MAP | MOVABLE_TAG, MARK: -1 };
const ALL: readonly Enc[] = [V3, V3R, V48];

function proto(id: string): Protocol {
  const p = protocolById(id);
  if (!p) throw new Error(`no protocol ${id}`);
  return p;
}

/** driverPage() as each version builds it, in a world of `n` threads: ref 1 held by the driver, on its list, data 42. */
function drv(e: Enc, n: number, fields: Partial<Page> = {}): Page {
  const holds = new Array<number>(n + 1).fill(0);
  holds[0] = 1;
  return page(n, { kind: Kind.DRIVER, data: OBJ_DATA, flags: e.MOV, mapping: e.MAP, mapcount: e.MARK, ref: 1, holds, lru: List.DRV, ...fields });
}

/** The branches of a run that are not end checks (end checks judge the whole system, which a lone function is not). */
function midRun(r: RunResult): string[] {
  return r.broken.filter((b) => b.kind !== 'end').map((b) => b.id);
}

/** A migration target allocated and locked by thread 0 (as __unmap_and_move hands it to move_to_new_page). */
const lockedTarget: PageInit = lockedBy(
  pageWith(free, (p) => {
    p.kind = Kind.TARGET;
    p.ref = 1;
    p.holds[1] = 1;
  }),
  0,
);

/* ------------------------------------------------------------------ */
/* isolate_movable_page                                                */
/* ------------------------------------------------------------------ */

for (const e of ALL) {
  test(`${e.id} isolate_movable_page: refcount 0 -> get_page_unless_zero fails, nothing changes`, (t) => {
    // A driver page whose last reference is being dropped: ref 0, no holder.
    const zero = pageWith(driverPage(), (p) => {
      p.ref = 0;
      p.holds[0] = 0;
    });
    const r = runAlone(proto(e.id), [zero], { fn: 'isolate_movable_page', args: { p: 0 } });
    t.is(r.ret, false);
    t.deepEqual(r.steps, ['isolate_movable_page:get']);
    t.deepEqual(r.world, r.init.w);
    t.deepEqual(r.broken, []);
  });

  test(`${e.id} isolate_movable_page: an LRU file page is not movable -> the reference taken is dropped`, (t) => {
    // filePage owned by thread 1 (outside this one-thread system): ref 1, PG_lru, on the LRU.
    const r = runAlone(proto(e.id), [withSlots(filePage({ owner: 1 }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
    t.is(r.ret, false);
    // get: 1 -> 2; PageMovable: v3/v3-reviewed test PG_movable (=PG_reclaim, clear), v4.8 the mapping tag (8 & 3 = 0): false; put: 2 -> 1.
    const check = e.id === 'v4.8' ? 'PageMovable:tag' : 'PageMovable:bit';
    t.deepEqual(r.steps, ['isolate_movable_page:get', check, 'isolate_movable_page:out_putpage']);
    t.deepEqual(r.summary, ['page0: _refcount 1->2', 'page0: _refcount 2->1']);
    t.deepEqual(pageOf(r.world, 0), page(2, { kind: Kind.FILE, data: 7, mapping: FILE_MAP, ref: 1, holds: [0, 0, 1], flags: LRU, lru: List.LRU }));
    t.deepEqual(r.broken, []);
  });

  test(`${e.id} isolate_movable_page: a driver page locked by someone else -> trylock fails, the reference is dropped`, (t) => {
    const r = runAlone(proto(e.id), [lockedBy(withSlots(driverPage(), 2), 1)], { fn: 'isolate_movable_page', args: { p: 0 } });
    t.is(r.ret, false);
    const mv = e.id === 'v3' ? ['PageMovable:bit', 'PageMovable:mapcount'] : e.id === 'v4.8' ? ['PageMovable:tag'] : ['PageMovable:bit'];
    t.deepEqual(r.steps, ['isolate_movable_page:get', ...mv, 'isolate_movable_page:trylock', 'isolate_movable_page:out_putpage']);
    // Unchanged: PG_locked still held by thread 1, ref back to 1.
    t.deepEqual(pageOf(r.world, 0), drv(e, 2, { flags: e.MOV | LOCKED, lockers: 0b10 }));
    t.deepEqual(r.summary, ['page0: _refcount 1->2', 'page0: _refcount 2->1']);
    t.deepEqual(r.broken, []);
  });

  test(`${e.id} isolate_movable_page: a page already isolated by another thread -> unlock and drop the reference`, (t) => {
    // Isolated by thread 1: PG_isolated, ref 2 (driver + thread 1), on thread 1's list.
    const r = runAlone(proto(e.id), [withSlots(driverPage({ isolatedBy: 1 }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
    t.is(r.ret, false);
    t.true(r.steps.includes('isolate_movable_page:mv2'));
    t.deepEqual(r.steps.slice(-2), ['isolate_movable_page:out_no_isolated', 'isolate_movable_page:out_putpage']);
    t.false(r.steps.includes('drv_isolate_page:isolate'));
    // get 2 -> 3, trylock, unlock, put 3 -> 2.
    t.deepEqual(r.summary, [
      'page0: _refcount 2->3',
      'page0: flags +PG_locked, lock holder: C0',
      'page0: flags -PG_locked, lock holder: nobody',
      'page0: _refcount 3->2',
    ]);
    t.deepEqual(pageOf(r.world, 0), drv(e, 2, { flags: e.MOV | e.ISO, ref: 2, holds: [1, 0, 1], lru: MIG1, isolators: 0b10 }));
    t.deepEqual(midRun(r), []);
  });
}

test('v3 isolate_movable_page: a movable page is isolated (PG_isolated set by the driver, ref +1, unlocked)', (t) => {
  const r = runAlone(proto('v3'), [driverPage()], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, true);
  t.deepEqual(r.steps, [
    'isolate_movable_page:get',
    'PageMovable:bit',
    'PageMovable:mapcount',
    'isolate_movable_page:trylock',
    'PageMovable:bit',
    'PageMovable:mapcount',
    'isolate_movable_page:mv2',
    'isolate_movable_page:isolate',
    'drv_isolate_page:isolate',
    'drv_isolate_page:set_isolated',
    'isolate_movable_page:unlock_ok',
  ]);
  // flags 8 | 16 = 24 (PG_movable, PG_isolated by the driver's SetPageIsolated); ref 1 + 1 = 2, the new one C0's (holds[1]);
  // the driver's list_del_init: lru none; ghost isolators = C0 (bit 0); lock released.
  t.deepEqual(pageOf(r.world, 0), drv(V3, 1, { flags: 24, ref: 2, holds: [1, 1], lru: List.NONE, isolators: 1 }));
  // Alone, isolate_movable_page keeps its reference and the isolation for migrate_pages: the end checks say so.
  t.deepEqual(brokenIds(r), ['refcount-balanced', 'no-isolated-leak']);
});

test('v3-reviewed isolate_movable_page: a movable page is isolated (no _mapcount marker, a_ops test under PG_lock)', (t) => {
  const r = runAlone(proto('v3-reviewed'), [driverPage()], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, true);
  t.deepEqual(r.steps, [
    'isolate_movable_page:get',
    'PageMovable:bit',
    'isolate_movable_page:trylock',
    'PageMovable:bit',
    'PageMovable:aops',
    'isolate_movable_page:mv2',
    'isolate_movable_page:isolate',
    'drv_isolate_page:isolate',
    'drv_isolate_page:set_isolated',
    'isolate_movable_page:unlock_ok',
  ]);
  t.deepEqual(pageOf(r.world, 0), drv(V3R, 1, { flags: 24, ref: 2, holds: [1, 1], lru: List.NONE, isolators: 1 }));
  t.deepEqual(midRun(r), []);
});

test('v4.8 isolate_movable_page: a movable page is isolated (the VM sets PG_isolated with __SetPageIsolated)', (t) => {
  const r = runAlone(proto('v4.8'), [driverPage()], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, true);
  t.deepEqual(r.steps, [
    'isolate_movable_page:get',
    'PageMovable:tag',
    'isolate_movable_page:trylock',
    'PageMovable:tag',
    'PageMovable:aops',
    'isolate_movable_page:mv2',
    'isolate_movable_page:isolate',
    'drv_isolate_page:isolate',
    'isolate_movable_page:warn', // WARN_ON_ONCE(PageIsolated(page)): not set, no warning
    '__SetPageIsolated:load',
    '__SetPageIsolated:store',
    'isolate_movable_page:unlock_ok',
  ]);
  // flags: PG_isolated = PG_reclaim = 8 only; mapping stays &drv_mapping|MOVABLE = 6.
  t.deepEqual(pageOf(r.world, 0), drv(V48, 1, { flags: RECLAIM, ref: 2, holds: [1, 1], lru: List.NONE, isolators: 1 }));
  t.deepEqual(midRun(r), []);
});

test('v4.8-atomic isolate_movable_page: the same result, PG_isolated set in one atomic step', (t) => {
  const r = runAlone(proto('v4.8-atomic'), [driverPage()], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, true);
  t.true(r.steps.includes('SetPageIsolated:set'));
  t.false(r.steps.includes('__SetPageIsolated:load'));
  t.deepEqual(pageOf(r.world, 0), drv(V48, 1, { flags: RECLAIM, ref: 2, holds: [1, 1], lru: List.NONE, isolators: 1 }));
});

test('v4.8 isolate_movable_page: a released page (mapping = tag only) is not PageMovable under the lock -> unlock, put', (t) => {
  // Released while isolated by thread 1: mapping 2 (tag only), PG_isolated (8) kept, ref 1 held by thread 1.
  const r = runAlone(proto('v4.8'), [withSlots(driverPage({ isolatedBy: 1, released: true }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, false);
  t.deepEqual(r.steps, [
    'isolate_movable_page:get',
    'PageMovable:tag', // __PageMovable: 2 & 3 == 2, true without the lock
    'isolate_movable_page:trylock',
    'PageMovable:tag',
    'PageMovable:aops', // page_mapping() is NULL: not PageMovable
    'isolate_movable_page:mv2',
    'isolate_movable_page:out_no_isolated',
    'isolate_movable_page:out_putpage',
  ]);
  t.deepEqual(
    pageOf(r.world, 0),
    page(2, { kind: Kind.DRIVER, data: OBJ_DATA, flags: RECLAIM, mapping: MOVABLE_TAG, ref: 1, holds: [0, 0, 1], lru: MIG1, isolators: 0b10, released: 1 }),
  );
  t.deepEqual(r.summary, [
    'page0: _refcount 1->2',
    'page0: flags +PG_locked, lock holder: C0',
    'page0: flags -PG_locked, lock holder: nobody',
    'page0: _refcount 2->1',
  ]);
  t.deepEqual(midRun(r), []);
});

for (const e of [V3, V3R]) {
  test(`${e.id} isolate_movable_page: a released page still looks movable and not isolated -> the driver is called back (R6)`, (t) => {
    // v3's release clears PG_isolated only: PG_movable (8), mapping and (v3) the marker stay.
    const r = runAlone(proto(e.id), [withSlots(driverPage({ isolatedBy: 1, released: true }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
    t.is(r.fault?.inv, 'no-callback-after-release');
    t.is(r.fault?.msg, 'a_ops->isolate_page called on page 0, which the driver has already released');
    t.is(r.steps[r.steps.length - 1], 'isolate_movable_page:isolate');
    t.false(r.done);
  });
}

test('v3 isolate_movable_page: a PG_reclaim file page off the LRU fails the _mapcount marker test before any lock', (t) => {
  // filePage reclaim, held off the LRU by thread 1: flags PG_reclaim|PG_writeback = 40, ref 2 (both thread 1's).
  const r = runAlone(proto('v3'), [withSlots(filePage({ reclaim: true, writeback: true, isolatedBy: 1 }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, false);
  t.deepEqual(r.steps, ['isolate_movable_page:get', 'PageMovable:bit', 'PageMovable:mapcount', 'isolate_movable_page:out_putpage']);
  t.deepEqual(pageOf(r.world, 0), page(2, { kind: Kind.FILE, data: 7, mapping: FILE_MAP, ref: 2, holds: [0, 0, 2], flags: RECLAIM | WRITEBACK }));
});

test('v3-reviewed isolate_movable_page: a PG_reclaim file page passes the unlocked test, fails the a_ops test under PG_lock', (t) => {
  const r = runAlone(proto('v3-reviewed'), [withSlots(filePage({ reclaim: true, writeback: true, isolatedBy: 1 }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, false);
  t.deepEqual(r.steps, [
    'isolate_movable_page:get',
    'PageMovable:bit', // unlocked: flag alone, a false positive
    'isolate_movable_page:trylock',
    'PageMovable:bit',
    'PageMovable:aops', // &file_mapping has no isolate_page
    'isolate_movable_page:mv2',
    'isolate_movable_page:out_no_isolated',
    'isolate_movable_page:out_putpage',
  ]);
  t.deepEqual(pageOf(r.world, 0), page(2, { kind: Kind.FILE, data: 7, mapping: FILE_MAP, ref: 2, holds: [0, 0, 2], flags: RECLAIM | WRITEBACK }));
  t.deepEqual(midRun(r), []);
});

test('v4.8 isolate_movable_page: a PG_reclaim file page has no mapping tag and is rejected before any lock', (t) => {
  const r = runAlone(proto('v4.8'), [withSlots(filePage({ reclaim: true, writeback: true, isolatedBy: 1 }), 2)], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(r.ret, false);
  t.deepEqual(r.steps, ['isolate_movable_page:get', 'PageMovable:tag', 'isolate_movable_page:out_putpage']);
});

/* ------------------------------------------------------------------ */
/* isolate_migratepages_block (one non-LRU page)                       */
/* ------------------------------------------------------------------ */

for (const e of ALL) {
  test(`${e.id} isolate_migratepages_block: a movable page is isolated and linked on the caller's migratepages`, (t) => {
    const r = runAlone(proto(e.id), [driverPage()], { fn: 'isolate_migratepages_block', args: { p: 0, locked: false } });
    t.is(r.ret, true);
    t.is(r.steps[r.steps.length - 1], 'isolate_migratepages_block:success');
    // As isolate_movable_page's success, then list_add(&page->lru, &cc->migratepages): lru = 8 + 0.
    t.deepEqual(pageOf(r.world, 0), drv(e, 1, { flags: e.MOV | e.ISO, ref: 2, holds: [1, 1], lru: MIG0, isolators: 1 }));
    t.deepEqual(midRun(r), []);
  });

  test(`${e.id} isolate_migratepages_block: an LRU page is not handled here`, (t) => {
    const r = runAlone(proto(e.id), [withSlots(filePage({ owner: 1 }), 2)], { fn: 'isolate_migratepages_block', args: { p: 0, locked: false } });
    t.is(r.ret, false);
    t.deepEqual(r.steps, ['isolate_migratepages_block:lru']);
    t.deepEqual(r.world, r.init.w);
  });

  test(`${e.id} isolate_migratepages_block: an already isolated page is skipped without a reference`, (t) => {
    const r = runAlone(proto(e.id), [withSlots(driverPage({ isolatedBy: 1 }), 2)], { fn: 'isolate_migratepages_block', args: { p: 0, locked: false } });
    t.is(r.ret, false);
    t.is(r.steps[r.steps.length - 1], 'isolate_migratepages_block:isolated');
    t.false(r.steps.includes('isolate_movable_page:get'));
    t.deepEqual(r.world, r.init.w);
  });

  test(`${e.id} isolate_migratepages_block: with lru_lock held, drops it before isolate_movable_page`, (t) => {
    const scanLocked: Fns = {
      scan_locked: fn('test/model', 'scan_locked', [
        { ...local('spin', 'spin_lock_irqsave(&zone->lru_lock, flags)'), run: (c) => c.call('spin_lock_lru', {}, 'scan') },
        { ...local('scan', 'isolate_migratepages_block(page) with locked = true'), run: (c) => c.call('isolate_migratepages_block', { p: 0, locked: true }, 'done', 'ok') },
        { ...local('done', 'return ok'), run: (c) => c.ret(c.l.ok ?? null) },
      ]),
    };
    const r = runAlone(proto(e.id), [driverPage()], { fn: 'scan_locked' }, { overrides: scanLocked });
    t.is(r.ret, true);
    t.true(r.steps.includes('isolate_migratepages_block:drop_lru'));
    t.true(r.steps.indexOf('isolate_migratepages_block:drop_lru') < r.steps.indexOf('isolate_movable_page:get'));
    t.is(r.world.lruLock, -1);
    t.deepEqual(midRun(r), []);
  });
}

/* ------------------------------------------------------------------ */
/* putback_movable_pages / putback_movable_page                         */
/* ------------------------------------------------------------------ */

for (const e of ALL) {
  test(`${e.id} putback_movable_pages: an isolated page goes back through the driver's putback_page`, (t) => {
    const r = runAlone(proto(e.id), [driverPage({ isolatedBy: 0 })], { fn: 'putback_movable_pages', args: { p: 0 } });
    t.true(r.done);
    t.true(r.steps.includes('drv_putback_page:list'));
    const clear = { v3: 'ClearPageIsolated:clear', 'v3-reviewed': '__ClearPageIsolated:store', 'v4.8': '__ClearPageIsolated:store' }[e.id];
    t.true(r.steps.includes(clear));
    t.true(r.steps.includes('lock_page:lock'));
    // list_del: lru none, isolators 0; lock; putback_page: list_add (lru = driver's), PG_isolated cleared
    // (v3 by the driver with ClearPageIsolated, v3-reviewed by the driver with __ClearPageIsolated, v4.8 by the VM);
    // unlock; put_page: 2 -> 1. Exactly driverPage() again.
    t.deepEqual(pageOf(r.world, 0), drv(e, 1));
    t.deepEqual(r.broken, []);
  });
}

test('v3 putback_movable_pages: a released page gets __ClearPageMovable WITHOUT lock_page, then its last put frees it', (t) => {
  // Released by the driver while isolated by C0: PG_movable (8), marker -255, mapping 4, ref 1 (C0's), lru 8.
  const r = runAlone(proto('v3'), [driverPage({ isolatedBy: 0, released: true })], { fn: 'putback_movable_pages', args: { p: 0 } });
  t.deepEqual(r.steps, [
    'putback_movable_pages:list_del',
    'PageMovable:bit',
    'PageMovable:mapcount',
    'putback_movable_pages:isolated', // PG_isolated clear: the else branch
    '__ClearPageMovable:marker',
    '__ClearPageMovable:load',
    '__ClearPageMovable:store',
    '__ClearPageMovable:mapping',
    'putback_movable_pages:put',
  ]);
  t.false(r.steps.includes('lock_page:lock'));
  // marker -1, PG_movable cleared (flags 0), mapping NULL, put 1 -> 0: a clean free page that keeps its data.
  t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
  t.deepEqual(brokenIds(r), ['movable-cleared-under-lock']);
  t.is(r.broken[0]?.msg, 'C0 clears PG_movable of page 0 without holding its PG_lock');
});

test('v3-reviewed putback_movable_pages: a released page gets __ClearPageMovable under lock_page', (t) => {
  const r = runAlone(proto('v3-reviewed'), [driverPage({ isolatedBy: 0, released: true })], { fn: 'putback_movable_pages', args: { p: 0 } });
  t.deepEqual(r.steps, [
    'putback_movable_pages:list_del',
    'PageMovable:bit',
    'putback_movable_pages:isolated',
    'lock_page:lock',
    '__ClearPageMovable:load',
    '__ClearPageMovable:store',
    '__ClearPageMovable:mapping',
    'putback_movable_pages:clear_unlock',
    'putback_movable_pages:put',
  ]);
  t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
  t.deepEqual(r.broken, []);
});

test('v4.8 putback_movable_pages: a released page is not PageMovable under the lock -> __ClearPageIsolated, put', (t) => {
  // Released: mapping 2 (tag only), PG_isolated (8) still set, ref 1 (C0's).
  const r = runAlone(proto('v4.8'), [driverPage({ isolatedBy: 0, released: true })], { fn: 'putback_movable_pages', args: { p: 0 } });
  t.deepEqual(r.steps, [
    'putback_movable_pages:list_del',
    'putback_movable_pages:movable', // __PageMovable(page); VM_BUG_ON_PAGE(!PageIsolated(page), page) holds
    'lock_page:lock',
    'PageMovable:tag',
    'PageMovable:aops',
    '__ClearPageIsolated:load',
    '__ClearPageIsolated:store',
    'putback_movable_pages:lock_unlock',
    'putback_movable_pages:put',
  ]);
  t.false(r.steps.includes('drv_putback_page:list'));
  // flags 8 -> 0; put 1 -> 0 frees the page, and free_pages_prepare clears the tag: mapping 2 -> 0.
  t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
  t.deepEqual(r.broken, []);
});

for (const e of ALL) {
  test(`${e.id} putback_movable_pages: a non-movable page goes to putback_lru_page`, (t) => {
    // A file page C0 isolated from the LRU onto its list: ref 2 (cache ref of thread 1, C0's), lru 8, isolators C0.
    const r = runAlone(proto(e.id), [withSlots(filePage({ isolatedBy: 0, owner: 1, onMigrateList: true }), 2)], { fn: 'putback_movable_pages', args: { p: 0 } });
    t.true(r.steps.includes('putback_lru_page:putback'));
    // PG_lru set, on the LRU, C0's reference dropped: 2 -> 1.
    t.deepEqual(pageOf(r.world, 0), page(2, { kind: Kind.FILE, data: 7, mapping: FILE_MAP, ref: 1, holds: [0, 0, 1], flags: LRU, lru: List.LRU }));
    t.deepEqual(r.broken, []);
  });
}

test('v3-reviewed putback_movable_pages: a PG_reclaim file page passes the flag-only PageMovable and gets __ClearPageMovable (R8 finding)', (t) => {
  const r = runAlone(proto('v3-reviewed'), [withSlots(filePage({ reclaim: true, isolatedBy: 0, owner: 1, onMigrateList: true }), 2)], {
    fn: 'putback_movable_pages',
    args: { p: 0 },
  });
  t.is(r.fault?.inv, 'no-false-positive-movable');
  t.false(r.steps.includes('putback_lru_page:putback'));
});

for (const e of [V3, V48]) {
  test(`${e.id} putback_movable_pages: a PG_reclaim file page goes to putback_lru_page`, (t) => {
    const r = runAlone(proto(e.id), [withSlots(filePage({ reclaim: true, isolatedBy: 0, owner: 1, onMigrateList: true }), 2)], {
      fn: 'putback_movable_pages',
      args: { p: 0 },
    });
    t.is(r.fault, null);
    t.true(r.steps.includes('putback_lru_page:putback'));
    // PG_reclaim 8 | PG_lru 4 = 12 (a readahead page: no PG_writeback).
    t.deepEqual(pageOf(r.world, 0), page(2, { kind: Kind.FILE, data: 7, mapping: FILE_MAP, ref: 1, holds: [0, 0, 1], flags: RECLAIM | LRU, lru: List.LRU }));
  });
}

test('v4.8 putback_movable_page (caller holds PG_lock): putback_page, then the VM clears PG_isolated; lock and ref stay', (t) => {
  // The state putback_movable_pages hands it: off the list, PG_isolated (8), locked by C0, ref 2.
  const start = lockedBy(
    pageWith(driverPage({ isolatedBy: 0 }), (p) => {
      p.lru = List.NONE;
      p.isolators = 0;
    }),
    0,
  );
  const r = runAlone(proto('v4.8'), [start], { fn: 'putback_movable_page', args: { p: 0 } });
  t.deepEqual(r.steps, ['putback_movable_page:callback', 'drv_putback_page:list', '__ClearPageIsolated:load', '__ClearPageIsolated:store']);
  // flags 1|8 -> 1; lru driver's list; lock and C0's reference are the caller's to drop.
  t.deepEqual(pageOf(r.world, 0), drv(V48, 1, { flags: LOCKED, lockers: 1, ref: 2, holds: [1, 1] }));
  t.deepEqual(r.broken, []);
});

/* ------------------------------------------------------------------ */
/* unmap_and_move                                                      */
/* ------------------------------------------------------------------ */

for (const e of ALL) {
  test(`${e.id} unmap_and_move: no new page -> -ENOMEM, nothing changes`, (t) => {
    const r = runAlone(proto(e.id), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['NULL'] });
    t.is(r.ret, -12);
    t.deepEqual(r.steps, ['unmap_and_move:alloc']);
    t.deepEqual(r.world, r.init.w);
    // The page stays on C0's list for putback_movable_pages, which a lone unmap_and_move never reaches.
    t.deepEqual(brokenIds(r), ['no-isolated-leak']);
  });

  test(`${e.id} unmap_and_move: page freed under us (page_count 1) -> success without migrating, both pages freed`, (t) => {
    const r = runAlone(proto(e.id), [driverPage({ isolatedBy: 0, released: true }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['newpage'] });
    t.is(r.ret, 0);
    t.false(r.steps.includes('__unmap_and_move:lock_new'));
    t.false(r.steps.some((s) => s.startsWith('drv_')));
    // newpage: allocated (ref 1) and put back (ref 0): free again. page: its movable state cleared
    // (v3/v3-reviewed __ClearPageMovable: flags 0, marker -1, mapping NULL; v4.8 __ClearPageIsolated: 8 -> 0),
    // list_del, put_page 1 -> 0: freed clean (v4.8's tag mapping 2 is cleared by the free).
    t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
    t.deepEqual(pageOf(r.world, 1), page(1, {}));
    // Only v3 as posted does its clear without lock_page (R7).
    t.deepEqual(brokenIds(r), e.id === 'v3' ? ['movable-cleared-under-lock'] : []);
    t.is(r.steps.includes('lock_page:lock'), e.id !== 'v3');
  });

  test(`${e.id} unmap_and_move: migratepage -EAGAIN -> the page stays isolated on the list, newpage is freed`, (t) => {
    const r = runAlone(proto(e.id), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['newpage', '-EAGAIN'] });
    t.is(r.ret, -11);
    t.true(r.steps.includes('drv_migratepage:copy'));
    t.false(r.steps.includes('unmap_and_move:list_del'));
    // Old page exactly as it started (locked and unlocked again); newpage allocated, locked, unlocked, put: free.
    t.deepEqual(pageOf(r.world, 0), drv(e, 1, { flags: e.MOV | e.ISO, ref: 2, holds: [1, 1], lru: MIG0, isolators: 1 }));
    t.deepEqual(pageOf(r.world, 1), page(1, {}));
    t.is(r.world.obj, 0);
    t.deepEqual(brokenIds(r), ['no-isolated-leak']);
  });

  test(`${e.id} unmap_and_move: migratepage -EBUSY -> putback_movable_page, the driver takes the page back`, (t) => {
    const r = runAlone(proto(e.id), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['newpage', '-EBUSY'] });
    t.is(r.ret, -16);
    t.true(r.steps.includes('drv_putback_page:list'));
    // list_del (lru none, isolators 0), lock, driver's putback_page (lru = driver's list), PG_isolated cleared,
    // unlock, put 2 -> 1: exactly driverPage() again. newpage freed.
    t.deepEqual(pageOf(r.world, 0), drv(e, 1));
    t.deepEqual(pageOf(r.world, 1), page(1, {}));
    t.is(r.world.obj, 0);
    t.deepEqual(r.broken, []);
  });
}

test('v3 unmap_and_move: migratepage success -> data and object move to the new page, the old page is freed', (t) => {
  const r = runAlone(proto('v3'), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['newpage', 'MIGRATEPAGE_SUCCESS'] });
  t.is(r.ret, 0);
  t.deepEqual(r.steps, [
    'unmap_and_move:alloc',
    'unmap_and_move:count',
    'lock_page:lock',
    '__unmap_and_move:lock_new',
    '__unmap_and_move:mapped',
    'move_to_new_page:mapping',
    'PageMovable:bit',
    'PageMovable:mapcount',
    'move_to_new_page:isolated',
    'drv_migratepage:copy',
    '__SetPageMovable:mapping',
    '__SetPageMovable:load',
    '__SetPageMovable:store',
    '__SetPageMovable:marker',
    'drv_migratepage:own',
    'ClearPageIsolated:clear',
    '__ClearPageMovable:marker',
    '__ClearPageMovable:load',
    '__ClearPageMovable:store',
    '__ClearPageMovable:mapping',
    'drv_migratepage:put',
    'move_to_new_page:clear_mapping',
    '__unmap_and_move:unlock_new',
    '__unmap_and_move:unlock',
    'PageMovable:bit',
    'PageMovable:mapcount',
    '__unmap_and_move:newpage',
    'unmap_and_move:list_del',
    'unmap_and_move:put_success',
  ]);
  // Old page: the driver cleared PG_isolated (24 -> 8) and PG_movable (8 -> 0), marker -1, mapping NULL, and
  // dropped its reference (2 -> 1); unmap_and_move's put_page (1 -> 0) frees it clean. Data stays (42), as in RAM.
  t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
  // New page: allocated by C0 (ref 1), data 42, __SetPageMovable (mapping 4, PG_movable 8, marker -255),
  // get_page by the driver (ref 2, holds[0]), on the driver's list; __unmap_and_move puts C0's ref: 2 -> 1.
  t.deepEqual(pageOf(r.world, 1), drv(V3, 1));
  t.is(r.world.obj, 1);
  t.deepEqual(r.broken, []);
});

test('v3-reviewed unmap_and_move: migratepage success -> as v3 without the marker, PG_isolated cleared with __ClearPageIsolated', (t) => {
  const r = runAlone(proto('v3-reviewed'), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, {
    branches: ['newpage', 'MIGRATEPAGE_SUCCESS'],
  });
  t.is(r.ret, 0);
  t.true(r.steps.includes('__ClearPageIsolated:store'));
  t.false(r.steps.includes('__SetPageMovable:marker'));
  t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
  // mapping 4, PG_movable 8, _mapcount -1.
  t.deepEqual(pageOf(r.world, 1), drv(V3R, 1));
  t.is(r.world.obj, 1);
  t.deepEqual(r.broken, []);
});

test('v4.8 unmap_and_move: migratepage success -> the driver clears the old mapping to the tag, the VM clears PG_isolated', (t) => {
  const r = runAlone(proto('v4.8'), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['newpage', 'MIGRATEPAGE_SUCCESS'] });
  t.is(r.ret, 0);
  t.deepEqual(r.steps, [
    'unmap_and_move:alloc',
    'unmap_and_move:count',
    '__unmap_and_move:lock', // is_lru = !__PageMovable(page) = false
    'lock_page:lock',
    '__unmap_and_move:lock_new',
    'move_to_new_page:is_lru',
    'move_to_new_page:mapping',
    'PageMovable:tag',
    'PageMovable:aops',
    'drv_migratepage:copy',
    '__SetPageMovable:store',
    'drv_migratepage:own',
    '__ClearPageMovable:store',
    'drv_migratepage:put',
    'move_to_new_page:success_movable', // WARN_ON_ONCE(!PageIsolated) holds; __PageMovable(page): mapping 2 still has the tag
    '__ClearPageIsolated:load',
    '__ClearPageIsolated:store',
    'move_to_new_page:clear_mapping', // PageMappingFlags: mapping stays 2
    '__unmap_and_move:unlock_new',
    '__unmap_and_move:unlock',
    'PageMovable:tag',
    '__unmap_and_move:newpage',
    'unmap_and_move:list_del',
    'unmap_and_move:put_success',
  ]);
  t.true(r.summary.includes('page0: mapping=NULL|MOVABLE'));
  // Old page: flags 8 -> 0, mapping 6 -> 2, ref 2 -> 1 -> 0; the free clears the tag (2 -> 0).
  t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
  // New page: mapping 6, data 42, ref 1 (driver's), on the driver's list, no flags.
  t.deepEqual(pageOf(r.world, 1), drv(V48, 1));
  t.is(r.world.obj, 1);
  t.deepEqual(r.broken, []);
});

/* ------------------------------------------------------------------ */
/* move_to_new_page on a released page                                 */
/* ------------------------------------------------------------------ */

test('v3 move_to_new_page: a released page (PageMovable, not PageIsolated) -> __ClearPageMovable, success', (t) => {
  const r = runAlone(proto('v3'), [lockedBy(driverPage({ isolatedBy: 0, released: true }), 0), lockedTarget], { fn: 'move_to_new_page', args: { p: 0, np: 1 } });
  t.is(r.ret, 0);
  t.false(r.steps.some((s) => s.startsWith('drv_')));
  // flags 1|8 -> 1, marker -1, mapping NULL; still locked by C0, ref 1 (C0's), on C0's list.
  t.deepEqual(
    pageOf(r.world, 0),
    page(1, { kind: Kind.DRIVER, data: OBJ_DATA, flags: LOCKED, lockers: 1, ref: 1, holds: [0, 1], lru: MIG0, isolators: 1, released: 1 }),
  );
  t.deepEqual(pageOf(r.world, 1), page(1, { kind: Kind.TARGET, flags: LOCKED, lockers: 1, ref: 1, holds: [0, 1] }));
  t.deepEqual(midRun(r), []);
});

test('v3-reviewed move_to_new_page: a released page -> __ClearPageMovable (a_ops test passes: mapping kept), success', (t) => {
  const r = runAlone(proto('v3-reviewed'), [lockedBy(driverPage({ isolatedBy: 0, released: true }), 0), lockedTarget], {
    fn: 'move_to_new_page',
    args: { p: 0, np: 1 },
  });
  t.is(r.ret, 0);
  t.deepEqual(r.steps, [
    'move_to_new_page:mapping',
    'PageMovable:bit',
    'PageMovable:aops',
    'move_to_new_page:isolated',
    '__ClearPageMovable:load',
    '__ClearPageMovable:store',
    '__ClearPageMovable:mapping',
  ]);
  t.deepEqual(
    pageOf(r.world, 0),
    page(1, { kind: Kind.DRIVER, data: OBJ_DATA, flags: LOCKED, lockers: 1, ref: 1, holds: [0, 1], lru: MIG0, isolators: 1, released: 1 }),
  );
  t.deepEqual(midRun(r), []);
});

test('v4.8 move_to_new_page: a released page (tag only) is not PageMovable -> __ClearPageIsolated, success', (t) => {
  const r = runAlone(proto('v4.8'), [lockedBy(driverPage({ isolatedBy: 0, released: true }), 0), lockedTarget], { fn: 'move_to_new_page', args: { p: 0, np: 1 } });
  t.is(r.ret, 0);
  t.deepEqual(r.steps, ['move_to_new_page:is_lru', 'move_to_new_page:mapping', 'PageMovable:tag', 'PageMovable:aops', '__ClearPageIsolated:load', '__ClearPageIsolated:store']);
  // flags 1|8 -> 1; mapping stays 2 (the tag, cleared only when the page is freed).
  t.deepEqual(
    pageOf(r.world, 0),
    page(1, { kind: Kind.DRIVER, data: OBJ_DATA, flags: LOCKED, lockers: 1, mapping: MOVABLE_TAG, ref: 1, holds: [0, 1], lru: MIG0, isolators: 1, released: 1 }),
  );
  t.deepEqual(pageOf(r.world, 1), page(1, { kind: Kind.TARGET, flags: LOCKED, lockers: 1, ref: 1, holds: [0, 1] }));
  t.deepEqual(midRun(r), []);
});

/* ------------------------------------------------------------------ */
/* __SetPageMovable / __ClearPageMovable                                */
/* ------------------------------------------------------------------ */

/** A page the driver has just allocated and locked (thread 0): ref 1 (driver's), not yet movable. */
const newDriverPage: PageInit = lockedBy(
  pageWith(free, (p) => {
    p.kind = Kind.DRIVER;
    p.ref = 1;
    p.holds[0] = 1;
    p.data = OBJ_DATA;
  }),
  0,
);

test('v3 __SetPageMovable: mapping, PG_movable (non-atomic), _mapcount marker', (t) => {
  const r = runAlone(proto('v3'), [newDriverPage], { fn: '__SetPageMovable', args: { p: 0 } });
  t.deepEqual(r.steps, ['__SetPageMovable:mapping', '__SetPageMovable:load', '__SetPageMovable:store', '__SetPageMovable:marker']);
  // flags 1 | 8 = 9, mapping 4, _mapcount -255.
  t.deepEqual(pageOf(r.world, 0), drv(V3, 1, { flags: LOCKED | RECLAIM, lockers: 1, lru: List.NONE }));
  t.deepEqual(r.broken, []);
});

test('v3-reviewed __SetPageMovable: mapping and PG_movable, no marker', (t) => {
  const r = runAlone(proto('v3-reviewed'), [newDriverPage], { fn: '__SetPageMovable', args: { p: 0 } });
  t.deepEqual(r.steps, ['__SetPageMovable:mapping', '__SetPageMovable:load', '__SetPageMovable:store']);
  t.deepEqual(pageOf(r.world, 0), drv(V3R, 1, { flags: LOCKED | RECLAIM, lockers: 1, lru: List.NONE }));
  t.is(pageOf(r.world, 0).mapcount, -1);
});

test('v4.8 __SetPageMovable: one store of mapping | PAGE_MAPPING_MOVABLE, flags untouched', (t) => {
  const r = runAlone(proto('v4.8'), [newDriverPage], { fn: '__SetPageMovable', args: { p: 0 } });
  t.deepEqual(r.steps, ['__SetPageMovable:store']);
  // mapping 4 | 2 = 6; flags stay PG_locked (1).
  t.deepEqual(pageOf(r.world, 0), drv(V48, 1, { flags: LOCKED, lockers: 1, lru: List.NONE }));
});

test('v3 __ClearPageMovable under PG_lock: marker reset, PG_movable cleared (non-atomic), mapping NULL', (t) => {
  const r = runAlone(proto('v3'), [lockedBy(driverPage(), 0)], { fn: '__ClearPageMovable', args: { p: 0 } });
  t.deepEqual(r.steps, ['__ClearPageMovable:marker', '__ClearPageMovable:load', '__ClearPageMovable:store', '__ClearPageMovable:mapping']);
  // flags 1|8 -> 1, _mapcount -255 -> -1, mapping 4 -> 0.
  t.deepEqual(pageOf(r.world, 0), drv(V3, 1, { flags: LOCKED, lockers: 1, mapcount: -1, mapping: 0 }));
  t.deepEqual(r.broken, []);
});

test('v3-reviewed __ClearPageMovable under PG_lock: PG_movable cleared, mapping NULL', (t) => {
  const r = runAlone(proto('v3-reviewed'), [lockedBy(driverPage(), 0)], { fn: '__ClearPageMovable', args: { p: 0 } });
  t.deepEqual(r.steps, ['__ClearPageMovable:load', '__ClearPageMovable:store', '__ClearPageMovable:mapping']);
  t.deepEqual(pageOf(r.world, 0), drv(V3R, 1, { flags: LOCKED, lockers: 1, mapping: 0 }));
  t.deepEqual(r.broken, []);
});

test('v4.8 __ClearPageMovable under PG_lock: mapping keeps only the tag', (t) => {
  const r = runAlone(proto('v4.8'), [lockedBy(driverPage(), 0)], { fn: '__ClearPageMovable', args: { p: 0 } });
  t.deepEqual(r.steps, ['__ClearPageMovable:store']);
  // 6 & 2 = 2.
  t.deepEqual(pageOf(r.world, 0), drv(V48, 1, { flags: LOCKED, lockers: 1, mapping: MOVABLE_TAG }));
  t.deepEqual(r.broken, []);
});

for (const e of ALL) {
  test(`${e.id} __ClearPageMovable without PG_lock is caught (movable-cleared-under-lock)`, (t) => {
    const r = runAlone(proto(e.id), [driverPage()], { fn: '__ClearPageMovable', args: { p: 0 } });
    if (e.id === 'v4.8') {
      // 4.8's own VM_BUG_ON_PAGE(!PageLocked(page), page) in __ClearPageMovable fires at the same step.
      t.deepEqual(brokenIds(r), ['movable-cleared-under-lock', 'kernel-bug-on']);
      t.is(r.fault?.msg, 'VM_BUG_ON_PAGE(!PageLocked(page), page) in __ClearPageMovable() fires on page 0');
      return;
    }
    t.deepEqual(brokenIds(r), ['movable-cleared-under-lock']);
    t.is(r.broken[0]?.kind, 'step');
  });
}

test('v3 __ClearPageMovable on a page that is not the driver\'s is a false positive (no-false-positive-movable)', (t) => {
  const r = runAlone(proto('v3'), [lockedBy(withSlots(filePage({ reclaim: true, writeback: true, isolatedBy: 1 }), 2), 0)], { fn: '__ClearPageMovable', args: { p: 0 } });
  t.is(r.fault?.inv, 'no-false-positive-movable');
  // Caught at the first statement: nothing written.
  t.deepEqual(r.world, r.init.w);
});

/* ------------------------------------------------------------------ */
/* PageMovable                                                         */
/* ------------------------------------------------------------------ */

/** PageMovable(page 0, locked) under `id`: its return value. */
function pageMovable(id: string, p: PageInit, locked: boolean): RunResult {
  return runAlone(proto(id), [withSlots(p, 2)], { fn: 'PageMovable', args: { p: 0, locked } });
}

const noMarker = pageWith(driverPage(), (p) => void (p.mapcount = -1));
const noBit = pageWith(driverPage(), (p) => void (p.flags &= ~RECLAIM));
const reclaimFile = filePage({ reclaim: true, writeback: true, isolatedBy: 1 });
const releasedV48 = driverPage({ isolatedBy: 1, released: true });
const taggedFile = pageWith(filePage({ isolatedBy: 1 }), (p) => void (p.mapping = FILE_MAP | MOVABLE_TAG));
const ksm = pageWith(driverPage(), (p) => void (p.mapping = DRV_MAP | 3));

test('v3 PageMovable: PG_movable AND the -255 marker; the locked argument is ignored', (t) => {
  for (const locked of [false, true]) {
    t.is(pageMovable('v3', driverPage(), locked).ret, true);
    // PG_movable set, _mapcount -1: no marker.
    t.is(pageMovable('v3', noMarker, locked).ret, false);
    // PG_reclaim on a file page: the marker saves it.
    t.is(pageMovable('v3', reclaimFile, locked).ret, false);
    // Marker but no PG_movable: the first test fails, the marker is not read.
    const r = pageMovable('v3', noBit, locked);
    t.is(r.ret, false);
    t.deepEqual(r.steps, ['PageMovable:bit']);
  }
  t.deepEqual(pageMovable('v3', driverPage(), true).steps, ['PageMovable:bit', 'PageMovable:mapcount']);
});

test('v3-reviewed PageMovable(page, locked): the flag alone when unlocked, a_ops->isolate_page under the lock', (t) => {
  t.is(pageMovable('v3-reviewed', driverPage(), false).ret, true);
  t.is(pageMovable('v3-reviewed', driverPage(), true).ret, true);
  // PG_reclaim file page: a false positive unlocked, rejected locked (file a_ops have no isolate_page).
  const unlocked = pageMovable('v3-reviewed', reclaimFile, false);
  t.is(unlocked.ret, true);
  t.deepEqual(unlocked.steps, ['PageMovable:bit']);
  const locked = pageMovable('v3-reviewed', reclaimFile, true);
  t.is(locked.ret, false);
  t.deepEqual(locked.steps, ['PageMovable:bit', 'PageMovable:aops']);
  // No marker needed any more; no flag, no movable.
  t.is(pageMovable('v3-reviewed', noMarker, true).ret, true);
  t.is(pageMovable('v3-reviewed', noBit, false).ret, false);
  t.is(pageMovable('v3-reviewed', noBit, true).ret, false);
});

test('v4.8 PageMovable: __PageMovable tests the tag (unlocked), PageMovable also a_ops->isolate_page (locked)', (t) => {
  const cases: [string, PageInit, boolean, boolean][] = [
    ['driver page (mapping 6)', driverPage(), true, true],
    ['released page (mapping 2: tag only)', releasedV48, true, false],
    ['PG_reclaim file page (mapping 8)', reclaimFile, false, false],
    ['file mapping with the tag (8|2 = 10)', taggedFile, true, false],
    ['KSM (both tag bits, 4|3 = 7)', ksm, false, false],
  ];
  for (const [what, p, unlocked, locked] of cases) {
    t.is(pageMovable('v4.8', p, false).ret, unlocked, `__PageMovable of ${what}`);
    // PageMovable() is called with PG_lock held (its VM_BUG_ON_PAGE(!PageLocked(page), page)).
    t.is(pageMovable('v4.8', lockedBy(p, 0), true).ret, locked, `PageMovable of ${what}`);
  }
  t.deepEqual(pageMovable('v4.8', driverPage(), false).steps, ['PageMovable:tag']);
  t.deepEqual(pageMovable('v4.8', lockedBy(driverPage(), 0), true).steps, ['PageMovable:tag', 'PageMovable:aops']);
});

test('v4.8 PageMovable without PG_lock: its VM_BUG_ON_PAGE(!PageLocked(page), page) fires (kernel-bug-on)', (t) => {
  const r = pageMovable('v4.8', driverPage(), true);
  t.is(r.fault?.inv, 'kernel-bug-on');
  t.is(r.fault?.msg, 'VM_BUG_ON_PAGE(!PageLocked(page), page) in PageMovable() fires on page 0');
  t.deepEqual(r.steps, ['PageMovable:tag']);
});

/* ------------------------------------------------------------------ */
/* The driver's release (drv_free)                                      */
/* ------------------------------------------------------------------ */

for (const e of ALL) {
  test(`${e.id} drv_free on a page nobody isolated: __ClearPageMovable under PG_lock, both references dropped, page freed clean`, (t) => {
    const r = runAlone(proto(e.id), [driverPage()], { fn: 'drv_free', name: 'D' });
    t.true(r.steps.includes('lock_page:lock'));
    // get_page 1 -> 2, lock, release (obj freed, off the driver's list), __ClearPageMovable, unlock,
    // put (driver's) 2 -> 1, put (this path's) 1 -> 0: a clean free page.
    t.deepEqual(pageOf(r.world, 0), page(1, { data: OBJ_DATA }));
    t.is(r.world.obj, -1);
    t.deepEqual(r.broken, []);
  });
}

test('v3 drv_free on an isolated page: ClearPageIsolated WITHOUT PG_lock (R2)', (t) => {
  const r = runAlone(proto('v3'), [withSlots(driverPage({ isolatedBy: 1 }), 2)], { fn: 'drv_free', name: 'D' });
  t.true(r.steps.includes('ClearPageIsolated:clear'));
  t.false(r.steps.includes('lock_page:lock'));
  t.deepEqual(brokenIds(r).filter((id) => id !== 'no-isolated-leak'), ['isolated-cleared-under-lock']);
  // PG_isolated cleared (24 -> 8), released, driver's reference dropped: ref 2 -> 1 (thread 1's).
  t.deepEqual(pageOf(r.world, 0), drv(V3, 2, { ref: 1, holds: [0, 0, 1], lru: MIG1, isolators: 0b10, released: 1 }));
});

test('v3-reviewed drv_free on an isolated page: __ClearPageIsolated under PG_lock', (t) => {
  const r = runAlone(proto('v3-reviewed'), [withSlots(driverPage({ isolatedBy: 1 }), 2)], { fn: 'drv_free', name: 'D' });
  t.deepEqual(r.steps, ['drv_free_page:pick', 'lock_page:lock', 'drv_free_page:test', '__ClearPageIsolated:load', '__ClearPageIsolated:store', 'drv_free_page:unlock', 'drv_free_page:put', 'drv_free_page:unpin']);
  t.deepEqual(midRun(r), []);
  t.deepEqual(pageOf(r.world, 0), drv(V3R, 2, { ref: 1, holds: [0, 0, 1], lru: MIG1, isolators: 0b10, released: 1 }));
});

/* ------------------------------------------------------------------ */
/* v3's own assertions (the seed's VM_BUG_ON_PAGE / WARN_ON_ONCE)       */
/* ------------------------------------------------------------------ */

test('v3 putback_movable_page of a page that is not PageMovable: VM_BUG_ON_PAGE(!PageMovable(page)) before lock_page', (t) => {
  // Isolated by C0 but PG_movable (8) cleared: v3's PageMovable (PG_movable and the -255 marker) is false.
  const notMovable = pageWith(driverPage({ isolatedBy: 0 }), (p) => void (p.flags &= ~RECLAIM));
  const r = runAlone(proto('v3'), [notMovable], { fn: 'putback_movable_page', args: { p: 0 } });
  t.is(r.fault?.inv, 'kernel-bug-on');
  t.is(r.fault?.msg, 'VM_BUG_ON_PAGE(!PageMovable(page), page) in putback_movable_page() fires on page 0');
  t.deepEqual(r.steps, ['putback_movable_page:lock']);
});

test('v3 isolate_movable_page with a driver that does not set PG_isolated (duty 2): WARN_ON_ONCE(!PageIsolated(page))', (t) => {
  const noDuty2: Fns = {
    drv_isolate_page: fn('drivers/zsmalloc-like.c', 'drv_isolate_page', [{ ...local('isolate', 'return true; /* no SetPageIsolated(page) */'), run: (c) => c.ret(true) }]),
  };
  const r = runAlone(proto('v3'), [driverPage()], { fn: 'isolate_movable_page', args: { p: 0 } }, { overrides: noDuty2 });
  t.is(r.fault?.inv, 'kernel-warn-on');
  t.is(r.fault?.msg, 'WARN_ON_ONCE(!PageIsolated(page)) in isolate_movable_page() fires on page 0');
  t.is(r.steps[r.steps.length - 1], 'isolate_movable_page:unlock_ok');
});

test('v3 unmap_and_move: a driver whose migratepage succeeds but leaves PG_isolated set trips move_to_new_page\'s WARN_ON_ONCE', (t) => {
  // The driver's ClearPageIsolated (its only caller here is drv_migratepage) does nothing.
  const keepsIsolated: Fns = {
    ClearPageIsolated: fn('drivers/zsmalloc-like.c', 'ClearPageIsolated', [{ ...local('clear', '/* RULE-BREAKING: PG_isolated left set */'), run: (c) => c.ret(null) }]),
  };
  const r = runAlone(proto('v3'), [driverPage({ isolatedBy: 0 }), free], { fn: 'unmap_and_move', args: { p: 0, np: 1 } }, { branches: ['newpage', 'MIGRATEPAGE_SUCCESS'], overrides: keepsIsolated });
  t.is(r.fault?.inv, 'kernel-warn-on');
  t.is(r.fault?.msg, 'WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && PageIsolated(page)) in move_to_new_page() fires on page 0');
  t.is(r.steps[r.steps.length - 1], 'move_to_new_page:clear_mapping');
});

test('move_to_new_page without the old page locked: 4.8 says VM_BUG_ON_PAGE in move_to_new_page, 5.19 VM_BUG_ON_FOLIO in move_to_new_folio', (t) => {
  const target = lockedBy(withSlots(free, 1), 0);
  const r48 = runAlone(proto('v4.8'), [driverPage({ isolatedBy: 0 }), target], { fn: 'move_to_new_page', args: { p: 0, np: 1 } });
  t.is(r48.fault?.inv, 'kernel-bug-on');
  t.is(r48.fault?.msg, 'VM_BUG_ON_PAGE(!PageLocked(page), page) in move_to_new_page() fires on page 0');
  const r519 = runAlone(proto('v5.19'), [driverPage({ isolatedBy: 0 }), target], { fn: 'move_to_new_page', args: { p: 0, np: 1 } });
  t.is(r519.fault?.inv, 'kernel-bug-on');
  t.is(r519.fault?.msg, 'VM_BUG_ON_FOLIO(!folio_test_locked(src), src) in move_to_new_folio() fires on page 0');
  t.deepEqual(r519.steps, ['move_to_new_folio:is_lru']); // the step cites 5.19's function
});
