/**
 * Every invariant id the kernel model can report (model/invariants.ts:
 * assertions made by steps, state invariants, step invariants, end checks,
 * and the engine's no-hang) has a system where it fires and one where it
 * holds. Catalog scenarios are reused where they already show it; small
 * custom systems cover the rest. A closing test checks that the ids covered
 * here are exactly the model's ids, so a new invariant needs new tests.
 */
import test from 'ava';
import { explore, type BuildOptions, type CheckKind, type Model, type Result } from '../../checker/index.ts';
import { invariantCatalog } from '../../model/invariants.ts';
import { editFns } from '../../model/mutate.ts';
import { protocolById, protocols } from '../../model/versions/index.ts';
import type { Protocol } from '../../model/protocol.ts';
import type { Fns } from '../../model/dsl.ts';
import { driverPage, filePage, free, type PageInit, type ThreadInit } from '../../model/system.ts';
import { scenarioById } from '../../scenarios/index.ts';
import { customSystem, otherPage, ownedBy0Page, pageWith, primFns, withSlots } from './harness.ts';

function proto(id: string): Protocol {
  const p = protocolById(id);
  if (!p) throw new Error(`no protocol ${id}`);
  return p;
}

/** Explores catalog scenario `id` under protocol `pid`. */
function scenario(id: string, pid: string): () => Result {
  return () => {
    const s = scenarioById(id);
    if (!s) throw new Error(`no scenario ${id}`);
    if (!s.protocols.includes(pid)) throw new Error(`scenario ${id} does not run under ${pid}`);
    return explore(s.build(proto(pid)), { progress: null });
  };
}

/** Explores a small system under `pid` (with the primitive test functions available). */
function system(pid: string, pages: readonly PageInit[], threads: readonly ThreadInit[], extra: (p: Protocol) => Fns = () => ({}), opts: BuildOptions = {}): () => Result {
  return () => {
    const p = proto(pid);
    const model: Model<unknown> = customSystem(p, pages, threads, { ...primFns(p.layout), ...extra(p) }, opts) as Model<unknown>;
    return explore(model, { progress: null });
  };
}

const firing = new Set<string>();
const holding = new Set<string>();

/** Registers a test that `run` ends in a violation of `id` (of `kind`, when given). */
function fires(id: string, title: string, run: () => Result, kind?: CheckKind, message?: RegExp): void {
  firing.add(id);
  test(`${id} fires: ${title}`, (t) => {
    const r = run();
    if (r.verdict !== 'violation') return t.fail(`expected a violation of ${id}, got ${r.verdict}`);
    t.is(r.invariant, id, r.message);
    if (kind) t.is(r.kind, kind);
    if (message) t.regex(r.message, message);
  });
}

/** Registers a test that `run` passes: no invariant, `id` included, is violated anywhere. */
function holds(id: string, title: string, run: () => Result): void {
  holding.add(id);
  test(`${id} holds: ${title}`, (t) => {
    const r = run();
    t.is(r.verdict, 'pass', r.verdict === 'violation' ? `${r.invariant}: ${r.message}` : r.verdict);
  });
}

const compact0 = (np = 1): ThreadInit => ({ name: 'C0', fn: 'compact', args: { p: 0, np } });

/* ---------------- assertions made by steps ---------------- */

fires(
  'no-null-deref',
  'v3 isolates a page marked movable whose mapping is NULL and calls mapping->a_ops->isolate_page',
  system('v3', [pageWith(driverPage(), (p) => void (p.mapping = 0)), free], [compact0()]),
  'assert',
  /page->mapping of page 0 is NULL: calling a_ops->isolate_page dereferences NULL/,
);
holds('no-null-deref', 'v3 compaction of a driver page with its mapping', system('v3', [driverPage(), free], [compact0()]));

fires(
  'no-false-positive-callback',
  'r4 under v3 without the _mapcount test: a PG_reclaim file page reaches a_ops->isolate_page',
  scenario('r4-reclaim-false-positive-isolate~mutants', 'v3~no-mapcount-check'),
  'assert',
);
holds('no-false-positive-callback', 'r4 under v3: the marker rejects the PG_reclaim page', scenario('r4-reclaim-false-positive-isolate', 'v3'));

fires('no-false-positive-movable', 'r8 under v3-reviewed: putback_movable_pages clears "movable" of a file page', scenario('r8-reclaim-false-positive-migrate', 'v3-reviewed'), 'assert');
holds('no-false-positive-movable', 'r8 under v4.8: the tag keeps the file page on the LRU path', scenario('r8-reclaim-false-positive-migrate', 'v4.8'));

fires('no-callback-after-release', 'r6 under v3-reviewed: a released page is re-isolated', scenario('r6-putback-unlocked-clear', 'v3-reviewed'), 'assert');
holds('no-callback-after-release', 'r6 under v4.8', scenario('r6-putback-unlocked-clear', 'v4.8'));

fires('no-lost-flag-update', "r2 under v4.10: __ClearPageIsolated's stale store drops PG_waiters", scenario('r2-release-isolated-page', 'v4.10'), 'assert');
holds('no-lost-flag-update', 'r2 under v4.8-atomic', scenario('r2-release-isolated-page', 'v4.8-atomic'));
holds('no-lost-flag-update', "r2 under v4.8: the bit-waitqueue sleeper writes no PG_waiters to lose", scenario('r2-release-isolated-page', 'v4.8'));

fires(
  'kernel-bug-on',
  "r6's putback without lock_page under v4.8: PageMovable()'s VM_BUG_ON_PAGE(!PageLocked(page), page)",
  scenario('r6-putback-unlocked-clear~no-lock', 'v4.8~putback-no-lock'),
  'assert',
  /^VM_BUG_ON_PAGE\(!PageLocked\(page\), page\) in PageMovable\(\) fires on page 0$/,
);
holds('kernel-bug-on', 'r6 under v4.8: every VM_BUG_ON_PAGE of the put-back path holds', scenario('r6-putback-unlocked-clear', 'v4.8'));
fires(
  'kernel-warn-on',
  "r3 with the driver using PG_reclaim under v4.8: isolate_movable_page()'s WARN_ON_ONCE(PageIsolated(page))",
  // The driver's unlocked clear of the same bit (isolated-cleared-under-lock) comes first; the WARN is what the kernel reports.
  () => explore(scenarioById('r3-driver-uses-reclaim')!.build(proto('v4.8'), { only: new Set(['kernel-warn-on']) }), { progress: null, checkHang: false }),
  'assert',
  /^WARN_ON_ONCE\(PageIsolated\(page\)\) in isolate_movable_page\(\) fires on page 0$/,
);
holds('kernel-warn-on', 'migration-preserves-data under v5.19', scenario('migration-preserves-data', 'v5.19'));

fires('page-lock-consistent', 'r9 without the PageMovable pre-check: two holders of one PG_locked', scenario('r9-new-page-owner-lock~no-precheck', 'v4.8~no-precheck'), 'state');
fires(
  'page-lock-consistent',
  'unlock_page by a thread that does not hold the lock',
  system('v4.8', [otherPage()], [{ name: 'A', fn: 'unlock_page', args: { p: 0 } }]),
  'assert',
  /unlock_page\(\) of page 0 by a thread that does not hold its PG_locked/,
);
holds('page-lock-consistent', 'r9 under v4.8', scenario('r9-new-page-owner-lock', 'v4.8'));
holds('page-lock-consistent', 'two threads lock_page/unlock_page the same page', system('v4.8', [otherPage()], [1, 2].map((i) => ({ name: `T${i}`, fn: 'lock_unlock', args: { p: 0 } }))));

fires('free-page-clean', "duty 3 broken under v3: the old page is freed still PG_movable with the driver's mapping", scenario('duty3-old-page-left-movable', 'v3'), 'assert');
holds('free-page-clean', 'migration-preserves-data under v3: the old page is freed clean', scenario('migration-preserves-data', 'v3'));

fires(
  'no-use-after-free',
  'a thread drops one reference more than it took',
  system('v4.8', [ownedBy0Page()], [{ name: 'A', fn: 'put_twice', args: { p: 0 } }]),
  'assert',
  /put_page\(\) on page 0, which is already free/,
);
holds('no-use-after-free', 'a thread drops the one reference it holds', system('v4.8', [ownedBy0Page()], [{ name: 'A', fn: 'put', args: { p: 0 } }]));

fires('no-sleep-in-atomic', 'lock_page under zone->lru_lock', system('v4.8', [otherPage()], [{ name: 'A', fn: 'lru_then_lock', args: { p: 0 } }]), 'assert');
holds('no-sleep-in-atomic', 'lock_page after dropping zone->lru_lock', system('v4.8', [otherPage()], [{ name: 'A', fn: 'lru_unlock_then_lock', args: { p: 0 } }]));

fires(
  'driver-page-off-lru',
  "putback_lru_page on the driver's isolated page",
  system('v3', [driverPage({ isolatedBy: 0 })], [{ name: 'C0', fn: 'putback_lru_page', args: { p: 0 } }]),
  'assert',
);
holds(
  'driver-page-off-lru',
  'putback_lru_page on a file page isolated from the LRU',
  system('v3', [withSlots(filePage({ isolatedBy: 0, owner: 1 }), 2)], [{ name: 'C0', fn: 'putback_lru_page', args: { p: 0 } }]),
);

/* ---------------- state invariants ---------------- */

/** v3 isolate_movable_page without the PageIsolated test under the lock. */
const noIsolatedTest = (p: Protocol) =>
  editFns(p.fns, {
    isolate_movable_page: {
      mv2: {
        code: 'if (!PageMovable(page)) goto out_no_isolated; /* MUTANT: no PageIsolated() test */',
        run: (c) => void (c.l.mv || c.goto('out_no_isolated')),
      },
    },
  });
fires(
  'no-double-isolation',
  'two compaction threads, isolate_movable_page without its PageIsolated test',
  system('v3', [driverPage(), free, free], [compact0(1), { name: 'C1', fn: 'compact', args: { p: 0, np: 2 } }], noIsolatedTest),
  'state',
  /page 0 is isolated by C0 and C1 at once/,
);
holds('no-double-isolation', 'two compaction threads on the same page, v3 as posted', system('v3', [driverPage(), free, free], [compact0(1), { name: 'C1', fn: 'compact', args: { p: 0, np: 2 } }]));

fires('lru-owned-by-isolator', "r1: isolation leaves the page on the driver's list", scenario('r1-driver-uses-lru-after-isolation', 'v4.8'), 'state');
fires(
  'lru-owned-by-isolator',
  'the driver list_del()s page->lru of a page C0 has isolated (the step check)',
  system('v4.8', [driverPage({ isolatedBy: 0 })], [{ name: 'C0', fn: 'compact_putback', args: { p: 0 } }, { name: 'D', fn: 'drv_list_del', args: { p: 0 } }]),
  'step',
  /D changes page->lru of page 0 \(migratepages of C0 -> none\) while C0 has it isolated/,
);
holds('lru-owned-by-isolator', 'r1 with a driver that keeps its duty', scenario('r1-driver-keeps-lru-duty', 'v4.8'));

fires('mapcount-consistent', 'r5 under v3: user space maps a page carrying the -255 marker', scenario('r5-movable-and-mapped', 'v3'), 'state');
holds('mapcount-consistent', 'r5 under v4.8', scenario('r5-movable-and-mapped', 'v4.8'));

/* ---------------- step invariants ---------------- */

fires('movable-cleared-under-lock', 'r6 under v3: __ClearPageMovable without lock_page', scenario('r6-putback-unlocked-clear', 'v3'), 'step');
holds('movable-cleared-under-lock', "migration-preserves-data under v3: the driver's __ClearPageMovable runs under PG_lock", scenario('migration-preserves-data', 'v3'));

fires('isolated-cleared-under-lock', 'r2 under v3: the driver ClearPageIsolated()s without PG_lock', scenario('r2-release-isolated-page', 'v3'), 'step');
holds('isolated-cleared-under-lock', 'r2 under v4.8-atomic', scenario('r2-release-isolated-page', 'v4.8-atomic'));

/* ---------------- end checks ---------------- */

fires(
  'refcount-balanced',
  'a compaction thread that isolates a page and stops there keeps its reference',
  system('v4.8', [driverPage()], [{ name: 'C0', fn: 'isolate_movable_page', args: { p: 0 } }]),
  'end',
  /C0 finished still holding 1 reference\(s\) of page 0 \(leak\)/,
);
holds(
  'refcount-balanced',
  'a compaction thread that fails to isolate gives its reference back',
  system('v4.8', [withSlots(filePage({ owner: 1 }), 2)], [{ name: 'C0', fn: 'isolate_movable_page', args: { p: 0 } }]),
);

fires(
  'no-isolated-leak',
  'duty 4 broken under v3: putback_page leaves PG_isolated set (past the WARN_ON_ONCE that warns first)',
  () => explore(scenarioById('duty4-putback-leaves-isolated')!.build(proto('v3'), { only: new Set(['no-isolated-leak']) }), { progress: null, checkHang: false }),
  'end',
);
fires(
  'kernel-warn-on',
  "duty 4 broken under v3: putback_movable_page()'s WARN_ON_ONCE(PageIsolated(page)) after the driver's putback_page",
  scenario('duty4-putback-leaves-isolated', 'v3'),
  'assert',
  /^WARN_ON_ONCE\(PageIsolated\(page\)\) in putback_movable_page\(\) fires on page 0$/,
);
holds('kernel-warn-on', 'migration-preserves-data under v3: the driver sets and clears PG_isolated as its duties say', scenario('migration-preserves-data', 'v3'));
fires(
  'no-isolated-leak',
  'migrate_pages alone: a failed page stays on the finished thread\'s list',
  system('v4.8', [driverPage({ isolatedBy: 0 }), free], [{ name: 'C0', fn: 'migrate_pages', args: { p: 0, np: 1 } }]),
  'end',
  /page 0 is still isolated by C0, which finished/,
);
holds('no-isolated-leak', 'duty 4 "broken" under v4.8, where the VM clears PG_isolated itself', scenario('duty4-putback-leaves-isolated', 'v4.8'));
holds(
  'no-isolated-leak',
  'compact_migrate: migrate_pages then putback_movable_pages',
  system('v4.8', [driverPage({ isolatedBy: 0 }), free], [{ name: 'C0', fn: 'compact_migrate', args: { p: 0, np: 1 } }]),
);

fires('migration-preserves-data', 'a driver that migrates without copying', scenario('migration-preserves-data~no-copy', 'v4.8'), 'end');
holds('migration-preserves-data', 'migration-preserves-data under v4.8', scenario('migration-preserves-data', 'v4.8'));

/* ---------------- no-hang ---------------- */

fires(
  'no-hang',
  'two threads lock two pages in opposite orders (ABBA)',
  system('v4.8', [otherPage(), otherPage()], [
    { name: 'A', fn: 'lock_two', args: { p: 0, q: 1 } },
    { name: 'B', fn: 'lock_two', args: { p: 1, q: 0 } },
  ]),
  'hang',
  /A sleeps in lock_page .*PG_locked of page 1, held by B.*; B sleeps in lock_page .*PG_locked of page 0, held by A/,
);
holds(
  'no-hang',
  'two threads lock two pages in the same order',
  system('v4.8', [otherPage(), otherPage()], [
    { name: 'A', fn: 'lock_two', args: { p: 0, q: 1 } },
    { name: 'B', fn: 'lock_two', args: { p: 0, q: 1 } },
  ]),
);

/* ---------------- coverage ---------------- */

test('every invariant id of every version has a firing and a holding test here', (t) => {
  const ids = new Set<string>();
  for (const p of protocols) for (const i of invariantCatalog(p.layout)) ids.add(i.id);
  t.true(ids.size >= 19);
  t.deepEqual([...firing].sort(), [...ids].sort());
  t.deepEqual([...holding].sort(), [...ids].sort());
});
