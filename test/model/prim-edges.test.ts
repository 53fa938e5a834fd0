/**
 * The kernel primitives at their edges: every reason the free path finds a
 * page dirty (alone, and all together in order), allocation of a page that is
 * not free, what a sleeper in lock_page waits for, and __SetPageLocked's
 * stale store undoing another thread's bit.
 */
import test from 'ava';
import { explore } from '../../checker/index.ts';
import { bit, PG } from '../../model/flags.ts';
import { AS, mappingOf, PAGE_MAPPING_MOVABLE } from '../../model/mapping.ts';
import { allocPage, dirtyForFree, putPage } from '../../model/prim/refcount.ts';
import { lock_page } from '../../model/prim/pagelock.ts';
import { protocolById } from '../../model/versions/index.ts';
import { freePage, Kind, List, type Page, type World } from '../../model/world.ts';
import type { KCtx } from '../../model/dsl.ts';
import { customSystem, otherPage, primFns } from './harness.ts';

const v3 = protocolById('v3')!.layout;
const v48 = protocolById('v4.8')!.layout;
const page = (patch: Partial<Page> = {}): Page => ({ ...freePage(2), ...patch });

test('dirtyForFree: a clean page has no reason', (t) => {
  for (const layout of [v3, v48]) {
    t.deepEqual(dirtyForFree(page(), layout), []);
    t.deepEqual(dirtyForFree(page({ kind: Kind.DRIVER, mapping: mappingOf(0, PAGE_MAPPING_MOVABLE) }), layout), []); // the tag alone: no address_space
  }
});

test('dirtyForFree, v3 reading (duty 3): each reason alone', (t) => {
  const one = (p: Partial<Page>, layout = v3) => dirtyForFree(page(p), layout);
  t.deepEqual(one({ flags: bit(PG.locked) }), ['PG_locked set']);
  t.deepEqual(one({ lockers: 0b1 }), ['PG_locked set']);
  t.deepEqual(one({ flags: bit(PG.lru) }), ['PG_lru set']);
  t.deepEqual(one({ flags: bit(PG.writeback) }), ['PG_writeback set']);
  t.deepEqual(one({ mapping: mappingOf(AS.FILE) }), ['mapping &file_mapping']);
  t.deepEqual(one({ mapcount: 0 }), ['_mapcount 0']);
  t.deepEqual(one({ kind: Kind.DRIVER, mapping: mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE) }, { ...v48, free: undefined }), ['mapping &drv_mapping|MOVABLE', 'still marked movable']);
  t.deepEqual(one({ kind: Kind.DRIVER, flags: bit(v3.movable!) }, v3), ['still marked movable']);
  t.deepEqual(one({ kind: Kind.FILE, flags: bit(v3.movable!) }, v3), []); // PG_reclaim on a file page
  t.deepEqual(one({ kind: Kind.DRIVER, flags: bit(v48.isolated) }, { ...v48, free: undefined }), ['PG_reclaim(=PG_isolated) set']);
  t.deepEqual(one({ kind: Kind.DRIVER, flags: bit(v3.isolated) }, v3), ['PG_owner_priv_1(=PG_isolated) set']);
  t.deepEqual(one({ kind: Kind.OTHER, flags: bit(v3.isolated) }, v3), []);
  t.deepEqual(one({ lru: List.DRV }), ['still linked on a list through page->lru']);
  t.deepEqual(one({ isolators: 0b10 }), ['still isolated by a compaction thread']);
});

test('dirtyForFree, 4.8 on (page_expected_state, PAGE_FLAGS_CHECK_AT_FREE): each reason alone, and what is cleared silently', (t) => {
  for (const id of ['v4.8', 'v4.10', 'v5.0', 'v5.19']) {
    const layout = protocolById(id)!.layout;
    const one = (p: Partial<Page>) => dirtyForFree(page(p), layout);
    t.deepEqual(one({ flags: bit(PG.locked) }), ['PG_locked set (PAGE_FLAGS_CHECK_AT_FREE)'], id);
    t.deepEqual(one({ flags: bit(PG.lru) }), ['PG_lru set (PAGE_FLAGS_CHECK_AT_FREE)'], id);
    t.deepEqual(one({ flags: bit(PG.writeback) }), ['PG_writeback set (PAGE_FLAGS_CHECK_AT_FREE)'], id);
    t.deepEqual(one({ mapping: mappingOf(AS.FILE) }), ['mapping &file_mapping'], id);
    t.deepEqual(one({ mapcount: 0 }), ['_mapcount 0'], id);
    // PAGE_FLAGS_CHECK_AT_PREP, cleared silently: PG_reclaim = PG_isolated, PG_owner_priv_1, PG_waiters.
    t.deepEqual(one({ kind: Kind.DRIVER, flags: bit(PG.reclaim) | bit(PG.owner_priv_1) | bit(PG.waiters) }), [], id);
    // Ghost state is no kernel check: a page freed still on a list or isolated is not a Bad page state.
    t.deepEqual(one({ lockers: 0b1, lru: List.DRV, isolators: 0b10 }), [], id);
    t.deepEqual(one({ mapcount: -255, mapping: mappingOf(AS.DRIVER), flags: 0b111111 }), ['_mapcount -255', 'mapping &drv_mapping', 'PG_locked|PG_lru|PG_writeback set (PAGE_FLAGS_CHECK_AT_FREE)'], id);
  }
});

test('dirtyForFree, v3 reading: every reason at once, in order', (t) => {
  const p = page({
    kind: Kind.DRIVER,
    flags: bit(PG.locked) | bit(PG.lru) | bit(PG.writeback) | bit(v3.movable!) | bit(v3.isolated),
    mapping: mappingOf(AS.DRIVER),
    mapcount: -255,
    lru: List.LRU,
    isolators: 0b1,
  });
  t.deepEqual(dirtyForFree(p, v3), [
    'PG_locked set',
    'PG_lru set',
    'PG_writeback set',
    'mapping &drv_mapping',
    '_mapcount -255',
    'still marked movable',
    'PG_owner_priv_1(=PG_isolated) set',
    'still linked on a list through page->lru',
    'still isolated by a compaction thread',
  ]);
});

/** A step context over `pages` with the page in local p. */
const ctx = (pages: Page[], p = 0): KCtx => ({ w: { pages } as unknown as World, l: { p }, tid: 0 }) as unknown as KCtx;

test('allocPage: only a free page with no reference; the new page is clean with one reference for the slot', (t) => {
  t.false(allocPage(ctx([page({ kind: Kind.OTHER })]), 1, Kind.TARGET));
  t.false(allocPage(ctx([page({ ref: 1 })]), 1, Kind.TARGET));
  const dirty = page({ flags: 0b111, mapping: 9, mapcount: 3, lru: List.LRU, released: 1, mappers: 2, holds: [0, 0, -1], data: 5 });
  t.true(allocPage(ctx([dirty]), 2, Kind.TARGET));
  t.deepEqual(dirty, { ...freePage(2), kind: Kind.TARGET, ref: 1, holds: [0, 0, 1], data: 5 });
});

test('lock_page: what a sleeper waits for', (t) => {
  const waitsFor = lock_page.steps[1]!.waitsFor!;
  const when = lock_page.steps[1]!.when!;
  const w = (p: Partial<Page>) => ({ pages: [page(p)] }) as unknown as World;
  t.is(waitsFor(w({ lockers: 0b10, flags: bit(PG.locked) | bit(PG.waiters) }), { p: 0 }, 0, ['A', 'B']), 'PG_locked of page 0, held by B (PG_waiters set)');
  t.is(waitsFor(w({ lockers: 0b100, flags: bit(PG.locked) }), { p: 0 }, 0, ['A', 'B']), 'PG_locked of page 0, held by T2 (PG_waiters clear: nobody will wake it)');
  t.is(waitsFor(w({}), { p: 0 }, 0, ['A']), 'PG_locked of page 0, held by nobody (PG_waiters clear: nobody will wake it)');
  t.is(waitsFor(w({}), { p: 3 }, 0, ['A']), 'PG_locked of page 3, held by nobody ()');
  t.is(waitsFor(w({ lockers: 0b11, flags: bit(PG.locked) }), { p: 0 }, 2, ['A', 'B']), 'PG_locked of page 0, held by A, B (PG_waiters clear: nobody will wake it)');
  // Asleep while its bit is in the page's wait queue.
  t.false(when(w({ waitq: 0b10 }), { p: 0 }, 1));
  t.true(when(w({ waitq: 0b01 }), { p: 0 }, 1));
});

test("__SetPageLocked's store undoes a bit another thread set after its load", (t) => {
  const p = protocolById('v4.8')!;
  const model = customSystem(p, [otherPage()], [
    { name: 'A', fn: '__SetPageLocked', args: { p: 0 } },
    { name: 'B', fn: 'set_owner_priv', args: { p: 0 } },
  ], primFns(p.layout));
  const r = explore(model, { progress: null });
  t.is(r.verdict, 'violation');
  if (r.verdict === 'violation') {
    t.is(r.invariant, 'no-lost-flag-update');
    t.is(r.schedule, '010');
    t.is(r.message, '__SetPageLocked stored a stale page->flags: bits 10000 changed since the load are undone');
  }
});

test("put_page's last reference frees the page; a dirty one is reported with every reason", (t) => {
  const faults: [string, string][] = [];
  const pages = [page({ kind: Kind.OTHER, ref: 1, holds: [0, 1, 0], flags: bit(PG.lru), lru: List.LRU })];
  const c = { w: { pages } as unknown as World, l: { p: 0 }, tid: 0, fail: (id: string, msg: string) => void faults.push([id, msg]) } as unknown as KCtx;
  putPage(c, 1, v3);
  t.deepEqual(faults, [['free-page-clean', 'page 0 freed (refcount 0) with PG_lru set, still linked on a list through page->lru: Bad page state']]);
  t.is(pages[0]!.kind, Kind.FREE);
  const pages48 = [page({ kind: Kind.OTHER, ref: 1, holds: [0, 1, 0], flags: bit(PG.lru), lru: List.LRU })];
  putPage({ ...c, w: { pages: pages48 } as unknown as World } as KCtx, 1, v48);
  t.deepEqual(faults[1], ['free-page-clean', 'page 0 freed (refcount 0) with PG_lru set (PAGE_FLAGS_CHECK_AT_FREE): Bad page state']);
  // A bad page keeps its flags (free_pages_prepare returns before clearing CHECK_AT_PREP).
  t.is(pages48[0]!.flags, bit(PG.lru));
});

test("4.8's free path clears a clean page's flags (PAGE_FLAGS_CHECK_AT_PREP); v3's reading leaves them", (t) => {
  const faults: string[] = [];
  const freeing = () => [page({ kind: Kind.DRIVER, ref: 1, holds: [0, 1, 0], flags: bit(PG.reclaim) | bit(PG.owner_priv_1), mapping: mappingOf(0, PAGE_MAPPING_MOVABLE) })];
  const run = (layout: typeof v48) => {
    const pages = freeing();
    putPage({ w: { pages } as unknown as World, l: { p: 0 }, tid: 0, fail: (_id: string, msg: string) => void faults.push(msg) } as unknown as KCtx, 1, layout);
    return pages[0]!;
  };
  const p48 = run(v48);
  t.deepEqual(faults, []);
  t.deepEqual([p48.flags, p48.mapping, p48.kind], [0, 0, Kind.FREE]);
  // v3-reviewed's reading: PG_reclaim is its PG_movable, PG_owner_priv_1 its PG_isolated, both bad on a driver page; nothing is cleared.
  const pv3r = run(protocolById('v3-reviewed')!.layout);
  t.deepEqual(faults, ['page 0 freed (refcount 0) with still marked movable, PG_owner_priv_1(=PG_isolated) set: Bad page state']);
  t.is(pv3r.flags, bit(PG.reclaim) | bit(PG.owner_priv_1));
});

test('a non-atomic flag operation alone keeps the other bits of the word', (t) => {
  const p = protocolById('v4.8')!;
  const model = customSystem(p, [otherPage(bit(PG.lru))], [{ name: 'A', fn: '__SetPageChecked', args: { p: 0 } }], primFns(p.layout));
  const r = explore(model, { progress: null, engine: 'object' });
  t.is(r.verdict, 'pass');
  const end = model.apply(model.apply(model.init(), { thread: 0, choice: 0, choices: 1 }), { thread: 0, choice: 0, choices: 1 });
  t.is(end.w.pages[0]!.flags, bit(PG.lru) | bit(PG.owner_priv_1));
});
