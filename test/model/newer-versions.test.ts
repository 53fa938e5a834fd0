/**
 * The kernel functions of 6.1, 6.2 and 7.0 run alone from chosen page states:
 * 6.1's page-freed-under-us path (no lock, PG_isolated left to the free
 * path), 6.2's PageSlab tests against 6.1 on a slab page whose ->mapping is
 * LIST_POISON2, 7.0's zs_page_migrate on a destroyed zspage and its put-back
 * of a released page (a callback after release, by design, then a clean free
 * that resets the page type), and 7.0's page types over _mapcount.
 */
import test from 'ava';
import { brokenIds, pageWith, runAlone } from './harness.ts';
import { protocolById } from '../../model/versions/index.ts';
import { driverPage, free } from '../../model/system.ts';
import { PAST_RELEASED_CALLBACKS } from '../../scenarios/define.ts';
import { LIST_POISON2 } from '../../model/mapping.ts';
import { bit, flagNames, PG } from '../../model/flags.ts';
import { hasMovableOps, hasType, opsOfType, PGTY, typeName } from '../../model/pagetype.ts';
import { Kind, List } from '../../model/world.ts';

const P = (id: string) => {
  const p = protocolById(id);
  if (!p) throw new Error(`no version ${id}`);
  return p;
};

/** A slab page taken off SLUB's partial list: PG_slab, ->mapping = LIST_POISON2 (slab_list.prev), one reference of its owner. */
const poisonedSlab = pageWith(free, (p) => {
  p.kind = Kind.OTHER;
  p.ref = 1;
  p.holds[0] = 1;
  p.flags = bit(PG.slab);
  p.mapping = LIST_POISON2;
});

test('6.1: a page freed under unmap_and_move is dropped without the page lock, and the free path clears PG_isolated', (t) => {
  const r = runAlone(P('v6.1'), [driverPage({ isolatedBy: 0, released: true }), free], { fn: 'compact_migrate', args: { p: 0, np: 1 } });
  t.deepEqual(r.steps, ['unmap_and_move:count', 'unmap_and_move:out', 'unmap_and_move:put_success']);
  t.true(r.done);
  t.deepEqual(brokenIds(r), []);
  const p0 = r.world.pages[0]!;
  t.is(p0.ref, 0);
  t.is(p0.flags, 0, 'PG_reclaim (= PG_isolated) cleared by free_pages_prepare');
  t.is(p0.mapping, 0, 'the tagged mapping cleared by free_pages_prepare');
  t.is(r.world.pages[1]!.ref, 0, 'no target was allocated');
});

test('6.1 calls isolate_page through LIST_POISON2 of a slab page; 6.2 skips the slab page before any lock', (t) => {
  const old = runAlone(P('v6.1'), [poisonedSlab], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(old.fault?.inv, 'no-false-positive-callback');
  t.regex(old.fault?.msg ?? '', /page_movable_ops\(page 0\) is LIST_POISON2 - PAGE_MAPPING_MOVABLE \(page->mapping - PAGE_MAPPING_MOVABLE\), no struct movable_operations: mops->isolate_page jumps through a wild pointer/);
  t.deepEqual(old.steps, ['isolate_movable_page:get', 'isolate_movable_page:mv1', 'isolate_movable_page:trylock', 'PageMovable:tag', 'PageMovable:ops', 'isolate_movable_page:mv2', 'isolate_movable_page:isolate']);
  const fixed = runAlone(P('v6.2'), [poisonedSlab], { fn: 'isolate_movable_page', args: { p: 0 } });
  t.is(fixed.ret, false);
  t.deepEqual(fixed.steps, ['isolate_movable_page:get', 'isolate_movable_page:slab1', 'isolate_movable_page:out_putpage']);
  t.deepEqual(brokenIds(fixed), []);
  t.is(fixed.world.pages[0]!.ref, 1);
  t.is(fixed.world.pages[0]!.lockers, 0, 'PG_lock never taken');
});

test('7.0: zs_page_migrate of a destroyed zspage returns 0 at once and leaves the target alone', (t) => {
  const r = runAlone(P('v7.0'), [driverPage({ isolatedBy: 0, released: true }), free], { fn: 'drv_migratepage', args: { p: 0, np: 1 }, transient: false });
  t.is(r.ret, 0);
  t.deepEqual(r.steps, ['zs_page_migrate:destroyed']);
  t.is(r.world.pages[1]!.data, 0);
  t.is(r.world.pages[1]!.ref, 0);
});

test('7.0 puts back a released page through its putback_page (no-callback-after-release), and past that frees it clean', (t) => {
  const pages = [driverPage({ isolatedBy: 0, released: true })];
  const all = runAlone(P('v7.0'), pages, { fn: 'compact_putback', args: { p: 0 } });
  t.is(all.fault?.inv, 'no-callback-after-release');
  t.is(all.fault?.msg, 'mops->putback_page called on page 0, which the driver has already released');
  const past = runAlone(P('v7.0'), pages, { fn: 'compact_putback', args: { p: 0 } }, { build: { only: new Set(PAST_RELEASED_CALLBACKS) } });
  t.deepEqual(past.steps, [
    'putback_movable_pages:list_del',
    'putback_movable_ops_page:lock',
    'lock_page:lock',
    'putback_movable_ops_page:callback',
    'zs_page_putback:list',
    'ClearPageMovableOpsIsolated:clear',
    'putback_movable_ops_page:unlock',
    'putback_movable_ops_page:put',
  ]);
  t.deepEqual(brokenIds(past), []);
  const p0 = past.world.pages[0]!;
  t.is(p0.ref, 0);
  t.is(p0.flags, 0, 'PG_movable_ops and PG_movable_ops_isolated cleared with PAGE_FLAGS_CHECK_AT_PREP');
  t.is(p0.mapcount, -1, 'page_type reset to UINT_MAX');
  t.is(p0.lru, List.NONE, 'not relinked on the driver list: zs_page_putback does nothing for a destroyed zspage');
});

test("7.0's page types live in _mapcount, and the ops come from the type", (t) => {
  t.deepEqual([PGTY.offline, PGTY.slab, PGTY.zsmalloc], [-15, -11, -10]);
  t.true(hasType(PGTY.zsmalloc));
  t.false(hasType(-1));
  t.false(hasType(0));
  t.is(typeName(PGTY.slab), 'PGTY_slab');
  const base = { flags: bit(PG.uptodate), mapcount: PGTY.zsmalloc } as Parameters<typeof hasMovableOps>[0];
  t.true(hasMovableOps(base));
  t.false(hasMovableOps({ ...base, flags: 0 }), 'no PG_movable_ops');
  t.false(hasMovableOps({ ...base, mapcount: -1 }), 'PG_uptodate on an untyped page (a page-cache page)');
  t.false(hasMovableOps({ ...base, mapcount: PGTY.slab }));
  t.is(opsOfType({ ...base, mapcount: -1 }), 0);
  t.not(opsOfType(base), 0);
  t.not(opsOfType({ ...base, mapcount: PGTY.offline }), opsOfType(base), 'the balloon has its own ops');
  t.is(flagNames(bit(PG.uptodate) | bit(PG.reclaim), P('v7.0').layout), 'PG_reclaim(=PG_movable_ops_isolated)|PG_uptodate(=PG_movable_ops)');
  const d = driverPage()(P('v7.0'), 1);
  t.is(d.mapcount, PGTY.zsmalloc);
  t.is(d.mapping, 0, '->mapping is not used in 7.0');
  t.is(d.flags, bit(PG.uptodate));
});
