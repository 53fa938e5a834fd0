/**
 * The primitives under the kernel model: the flags word (atomic vs
 * non-atomic bit operations), the page lock (trylock_page, lock_page with
 * PG_waiters, unlock_page), zone->lru_lock, and the reference count. Counts of
 * interleavings are exact: paths are enumerated without a visited set.
 *
 * Bits: PG_locked 1, PG_waiters 2, PG_reclaim 8 (= PG_isolated in v4.8), PG_owner_priv_1 16.
 */
import test from 'ava';
import { explore } from '../../checker/index.ts';
import { bit } from '../../model/flags.ts';
import { invariantCatalog } from '../../model/invariants.ts';
import { protocolById } from '../../model/versions/index.ts';
import { driverPage, free } from '../../model/system.ts';
import type { Protocol } from '../../model/protocol.ts';
import { Kind } from '../../model/world.ts';
import { after, allPaths, customSystem, nextLabel, otherPage, ownedBy0Page, page, pageOf, pageWith, primFns, runAlone, walk } from './harness.ts';

const LOCKED = 1;
const WAITERS = 2;
const RECLAIM = 8;
const OWNER_PRIV_1 = 16;

function proto(id: string): Protocol {
  const p = protocolById(id);
  if (!p) throw new Error(`no protocol ${id}`);
  return p;
}
const v48 = proto('v4.8');
const v410 = proto('v4.10');
const v48a = proto('v4.8-atomic');

const fns48 = primFns(v48.layout);
const fns410 = primFns(v410.layout);

/* ------------------------------------------------------------------ */
/* Flags word: non-atomic vs atomic                                    */
/* ------------------------------------------------------------------ */

test('__ClearPageIsolated (load, store) racing set_bit of another bit: 3 interleavings, exactly 1 loses the set', (t) => {
  // A: load, store (2 steps); B: set (1 step): C(3,1) = 3 interleavings.
  const model = customSystem(v48, [otherPage(RECLAIM)], [{ name: 'A', fn: '__ClearPageIsolated', args: { p: 0 } }, { name: 'B', fn: 'set_owner_priv', args: { p: 0 } }], fns48);
  const all = allPaths(model);
  t.deepEqual(all.map((x) => x.schedule).sort(), ['001', '010', '100']);
  for (const x of all) {
    if (x.schedule === '010') {
      // load (8), set (8|16 = 24), store (8 & ~8 = 0): PG_owner_priv_1 undone.
      t.is(x.last.fault?.inv, 'no-lost-flag-update');
      t.is(x.last.fault?.thread, 0);
      t.is(x.last.fault?.msg, '__ClearPageIsolated stored a stale page->flags: PG_owner_priv_1, changed by another thread after the load, is undone');
    } else {
      // The set falls before the load or after the store: PG_isolated cleared, PG_owner_priv_1 kept.
      t.is(x.last.fault, null);
      t.true(model.isDone(x.last));
      t.is(pageOf(x.last.w, 0).flags, OWNER_PRIV_1);
    }
  }
  const r = explore(model, { progress: null });
  t.is(r.verdict, 'violation');
  if (r.verdict !== 'violation') return;
  t.is(r.invariant, 'no-lost-flag-update');
  t.is(r.kind, 'assert');
  t.is(r.schedule, '010');
});

test('the lost set is real in the state: without the assertion, the racy interleaving ends with the bit gone', (t) => {
  const only = new Set(invariantCatalog(v48.layout).map((i) => i.id).filter((id) => id !== 'no-lost-flag-update'));
  const model = customSystem(
    v48,
    [otherPage(RECLAIM)],
    [{ name: 'A', fn: '__ClearPageIsolated', args: { p: 0 } }, { name: 'B', fn: 'set_owner_priv', args: { p: 0 } }],
    fns48,
    { only },
  );
  const byFinalFlags = Object.fromEntries(allPaths(model).map((x) => [x.schedule, pageOf(x.last.w, 0).flags]));
  t.deepEqual(byFinalFlags, { '001': OWNER_PRIV_1, '010': 0, '100': OWNER_PRIV_1 });
});

test('atomic ClearPageIsolated racing set_bit: 2 interleavings, none loses the set', (t) => {
  const model = customSystem(v48, [otherPage(RECLAIM)], [{ name: 'A', fn: 'ClearPageIsolated', args: { p: 0 } }, { name: 'B', fn: 'set_owner_priv', args: { p: 0 } }], fns48);
  const all = allPaths(model);
  t.deepEqual(all.map((x) => x.schedule).sort(), ['01', '10']);
  for (const x of all) {
    t.is(x.last.fault, null);
    t.is(pageOf(x.last.w, 0).flags, OWNER_PRIV_1);
  }
  t.is(explore(model, { progress: null }).verdict, 'pass');
});

test('two non-atomic updates of different bits: 6 interleavings, the 4 with both loads before both stores lose an update', (t) => {
  // A: load, store; B: load, store: C(4,2) = 6. Safe only when one thread's store precedes the other's load: 0011, 1100.
  const model = customSystem(v48, [otherPage(RECLAIM)], [{ name: 'A', fn: '__ClearPageIsolated', args: { p: 0 } }, { name: 'B', fn: '__SetPageChecked', args: { p: 0 } }], fns48);
  const all = allPaths(model);
  t.is(all.length, 6);
  const lost = all.filter((x) => x.last.fault?.inv === 'no-lost-flag-update').map((x) => x.schedule).sort();
  t.deepEqual(lost, ['0101', '0110', '1001', '1010']);
  for (const x of all.filter((y) => !y.last.fault)) t.is(pageOf(x.last.w, 0).flags, OWNER_PRIV_1);
});

/* ------------------------------------------------------------------ */
/* Page lock                                                           */
/* ------------------------------------------------------------------ */

test('lock_page/unlock_page uncontended: no PG_waiters, no sleep', (t) => {
  const r = runAlone(v48, [otherPage()], { fn: 'lock_unlock', args: { p: 0 } }, { overrides: fns48 });
  t.deepEqual(r.steps, ['lock_page:lock', 'lock_unlock:unlock']);
  t.deepEqual(r.summary, ['page0: flags +PG_locked, lock holder: C0', 'page0: flags -PG_locked, lock holder: nobody']);
  t.deepEqual(pageOf(r.world, 0), pageOf(r.init.w, 0));
  t.deepEqual(r.broken, []);
});

test('lock_page contended (4.10): the second thread sets PG_waiters and sleeps; unlock wakes it and clears PG_waiters; it then gets the lock', (t) => {
  const model = customSystem(v410, [otherPage()], [{ name: 'A', fn: 'lock_unlock', args: { p: 0 } }, { name: 'B', fn: 'lock_unlock', args: { p: 0 } }], fns410);
  // A: call, lock (taken). B: call, lock (busy: PG_waiters, asleep).
  const s4 = after(model, '0011');
  const p4 = pageOf(s4.w, 0);
  t.is(p4.flags, LOCKED | WAITERS); // 3
  t.is(p4.lockers, 0b01);
  t.is(p4.waitq, 0b10);
  t.is(nextLabel(model, s4, 1), 'lock_page:sleep');
  // B sleeps: only A can move.
  t.deepEqual(model.actions(s4).map((a) => a.thread), [0]);
  // A unlocks: PG_locked and PG_waiters cleared, B woken.
  const s5 = after(model, '00110');
  t.deepEqual([pageOf(s5.w, 0).flags, pageOf(s5.w, 0).lockers, pageOf(s5.w, 0).waitq], [0, 0, 0]);
  t.deepEqual(model.actions(s5).map((a) => a.thread), [1]);
  // B retries and takes the lock, then unlocks.
  const s6 = after(model, '001101');
  t.deepEqual([pageOf(s6.w, 0).flags, pageOf(s6.w, 0).lockers, pageOf(s6.w, 0).waitq], [LOCKED, 0b10, 0]);
  const s7 = after(model, '0011011');
  t.true(model.isDone(s7));
  t.deepEqual(pageOf(s7.w, 0), pageOf(model.init().w, 0));
  // Every interleaving ends with both done and the lock free.
  for (const x of allPaths(model)) {
    t.true(model.isDone(x.last), x.schedule);
    t.deepEqual([pageOf(x.last.w, 0).flags, pageOf(x.last.w, 0).waitq], [0, 0]);
  }
  t.is(explore(model, { progress: null }).verdict, 'pass');
});

/** A takes the lock and clears PG_isolated with __ClearPageIsolated under it; B waits for the lock. */
function lostWaitersSystem(p: Protocol, only?: ReadonlySet<string>) {
  return customSystem(
    p,
    [otherPage(RECLAIM)],
    [{ name: 'A', fn: 'lock_clear_unlock', args: { p: 0 } }, { name: 'B', fn: 'lock_unlock', args: { p: 0 } }],
    primFns(p.layout),
    only ? { only } : {},
  );
}

test('a stale store under PG_lock drops a sleeper\'s PG_waiters (4.10): reported at the store (no-lost-flag-update)', (t) => {
  const model = lostWaitersSystem(v410);
  // A: call, lock, load (flags 1|8 = 9); B: call, lock (busy: 9|2 = 11, asleep); A: store 9 & ~8 = 1.
  const s = after(model, '000110');
  t.is(s.fault?.inv, 'no-lost-flag-update');
  t.regex(s.fault?.msg ?? '', /PG_waiters/);
  const r = explore(model, { progress: null });
  t.is(r.verdict === 'violation' ? r.invariant : r.verdict, 'no-lost-flag-update');
});

test('a lost PG_waiters leaves the sleeper asleep forever (4.10): no-hang names it', (t) => {
  const only = new Set(invariantCatalog(v410.layout).map((i) => i.id).filter((id) => id !== 'no-lost-flag-update'));
  const model = lostWaitersSystem(v410, only);
  const states = walk(model, '0001100');
  const last = states[states.length - 1]!;
  // After A's store: flags 1 (PG_waiters gone) while B is still on the wait queue; A's unlock sees no PG_waiters and wakes nobody.
  t.is(pageOf(states[6]!.w, 0).flags, LOCKED);
  t.is(pageOf(last.w, 0).flags, 0);
  t.is(pageOf(last.w, 0).waitq, 0b10);
  t.deepEqual(model.actions(last), []);
  t.false(model.isDone(last));
  t.is(
    model.describeStuck(last),
    "B sleeps in lock_page at '__lock_page(page): woken by unlock_page(), retry test_and_set_bit_lock(PG_locked)': PG_locked of page 0, held by nobody (PG_waiters clear: nobody will wake it)",
  );
  const r = explore(model, { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected no-hang, got ${r.verdict}`);
  t.is(r.invariant, 'no-hang');
  t.is(r.kind, 'hang');
  t.regex(r.message, /^B sleeps in lock_page/);
  t.regex(r.message, /nobody will wake it/);
});

test('with an atomic PG_isolated clear (v4.8-atomic) the same system never loses PG_waiters', (t) => {
  const model = lostWaitersSystem(v48a);
  t.is(explore(model, { progress: null }).verdict, 'pass');
  for (const x of allPaths(model)) t.true(model.isDone(x.last), x.schedule);
});

test('lock_page contended (4.8, bit waitqueue): the sleeper goes on page_waitqueue and writes nothing to page->flags; unlock_page wakes it', (t) => {
  const model = customSystem(v48, [otherPage()], [{ name: 'A', fn: 'lock_unlock', args: { p: 0 } }, { name: 'B', fn: 'lock_unlock', args: { p: 0 } }], fns48);
  t.is(model.init().w.bitWaitqueue, 1);
  // A: call, lock (taken). B: call, lock (busy: on the waitqueue, asleep). page->flags holds PG_locked only.
  const s4 = after(model, '0011');
  t.deepEqual([pageOf(s4.w, 0).flags, pageOf(s4.w, 0).lockers, pageOf(s4.w, 0).waitq], [LOCKED, 0b01, 0b10]);
  t.is(nextLabel(model, s4, 1), 'lock_page:sleep');
  t.deepEqual(model.actions(s4).map((a) => a.thread), [0]);
  // A unlocks: clear_bit_unlock, then __wake_up_bit finds the queue active and wakes B.
  const s5 = after(model, '00110');
  t.deepEqual([pageOf(s5.w, 0).flags, pageOf(s5.w, 0).lockers, pageOf(s5.w, 0).waitq], [0, 0, 0]);
  t.deepEqual(model.actions(s5).map((a) => a.thread), [1]);
  const s6 = after(model, '001101');
  t.deepEqual([pageOf(s6.w, 0).flags, pageOf(s6.w, 0).lockers], [LOCKED, 0b10]);
  // PG_waiters is never set, on any interleaving.
  const paths = allPaths(model);
  t.is(paths.length, 14); // as many as under 4.10's lock: the two differ only in what a sleeper writes to page->flags
  for (const x of paths) {
    t.true(model.isDone(x.last), x.schedule);
    t.deepEqual([pageOf(x.last.w, 0).flags, pageOf(x.last.w, 0).waitq], [0, 0]);
    for (const st of walk(model, x.schedule)) t.is(pageOf(st.w, 0).flags & WAITERS, 0, x.schedule);
  }
  t.is(explore(model, { progress: null }).verdict, 'pass');
});

test('4.8: a non-atomic store under PG_lock has no PG_waiters to lose, and the sleeper is woken on every interleaving', (t) => {
  const model = lostWaitersSystem(v48);
  // The 4.10 schedule that lost PG_waiters: A loads (9), B sleeps (flags still 9), A stores 9 & ~8 = 1, A unlocks and wakes B.
  const s = after(model, '000110');
  t.is(s.fault, null);
  t.deepEqual([pageOf(s.w, 0).flags, pageOf(s.w, 0).waitq], [LOCKED, 0b10]);
  const woken = after(model, '0001100');
  t.deepEqual([pageOf(woken.w, 0).flags, pageOf(woken.w, 0).waitq], [0, 0]);
  t.deepEqual(model.actions(woken).map((a) => a.thread), [1]);
  t.is(explore(model, { progress: null }).verdict, 'pass');
  for (const x of allPaths(model)) t.true(model.isDone(x.last), x.schedule);
});

test('lock_page while holding zone->lru_lock is no-sleep-in-atomic, even when the page is free to lock', (t) => {
  const r = runAlone(v48, [otherPage()], { fn: 'lru_then_lock', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault?.inv, 'no-sleep-in-atomic');
  t.is(r.fault?.msg, 'lock_page() may sleep but is called with zone->lru_lock held');
  t.is(r.steps[r.steps.length - 1], 'lock_page:lock');
  t.is(r.world.lruLock, 0);
});

test('lock_page while ANOTHER thread holds zone->lru_lock is fine', (t) => {
  const model = customSystem(v48, [otherPage()], [{ name: 'A', fn: 'lock_unlock', args: { p: 0 } }, { name: 'B', fn: 'lru_section' }], fns48);
  // B: call, spin (holds lru_lock); A: call, lock.
  const s = after(model, '1100');
  t.is(s.w.lruLock, 1);
  t.is(s.fault, null);
  t.is(pageOf(s.w, 0).lockers, 0b01);
  t.is(explore(model, { progress: null }).verdict, 'pass');
});

test('trylock_page never sleeps: 4 interleavings, the loser returns at once, PG_waiters never set', (t) => {
  const model = customSystem(v48, [otherPage()], [{ name: 'A', fn: 'try_unlock', args: { p: 0 } }, { name: 'B', fn: 'try_unlock', args: { p: 0 } }], fns48);
  const all = allPaths(model);
  // Winner try, loser try (fails, returns), winner unlock: 010, 101. Or try, unlock, then the other's try, unlock: 0011, 1100.
  t.deepEqual(all.map((x) => x.schedule).sort(), ['0011', '010', '101', '1100']);
  for (const x of all) {
    t.true(model.isDone(x.last));
    for (const s of walk(model, x.schedule)) {
      t.is(pageOf(s.w, 0).flags & WAITERS, 0);
      t.is(pageOf(s.w, 0).waitq, 0);
      // No thread is ever disabled: every unfinished thread can move.
      const unfinished = s.t.map((th, i) => (th.frames.length ? i : -1)).filter((i) => i >= 0);
      t.deepEqual([...new Set(model.actions(s).map((a) => a.thread))], unfinished);
    }
  }
});

test('unlock_page by a thread that does not hold the lock is page-lock-consistent', (t) => {
  const r = runAlone(v48, [otherPage()], { fn: 'unlock_page', args: { p: 0 } });
  t.is(r.fault?.inv, 'page-lock-consistent');
  t.is(r.fault?.msg, 'unlock_page() of page 0 by a thread that does not hold its PG_locked');
});

/* ------------------------------------------------------------------ */
/* zone->lru_lock                                                      */
/* ------------------------------------------------------------------ */

test('spin_lock on lru_lock: a second thread spins (is not enabled) until the holder releases it', (t) => {
  const model = customSystem(v48, [free], [{ name: 'A', fn: 'lru_section' }, { name: 'B', fn: 'lru_section' }], fns48);
  // A: call, spin (holds lru_lock); B: call, then spins.
  const s = after(model, '001');
  t.is(s.w.lruLock, 0);
  t.is(nextLabel(model, s, 1), 'spin_lock_lru:spin');
  t.deepEqual(model.actions(s).map((a) => a.thread), [0]);
  // A: unspin; B: spin.
  t.is(after(model, '0010').w.lruLock, -1);
  const s2 = after(model, '00101');
  t.is(s2.w.lruLock, 1);
  t.is(explore(model, { progress: null }).verdict, 'pass');
});

test('a thread that finishes holding lru_lock leaves the spinner hung: no-hang names the holder', (t) => {
  const model = customSystem(v48, [free], [{ name: 'A', fn: 'lru_forget' }, { name: 'B', fn: 'lru_section' }], fns48);
  const r = explore(model, { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected no-hang, got ${r.verdict}`);
  t.is(r.invariant, 'no-hang');
  t.is(r.message, "B sleeps in spin_lock_lru at 'spin_lock_irqsave(&zone->lru_lock, flags)': zone->lru_lock, held by A");
});

/* ------------------------------------------------------------------ */
/* Reference count                                                     */
/* ------------------------------------------------------------------ */

test('get_page_unless_zero on a free page (refcount 0) takes nothing', (t) => {
  const r = runAlone(v48, [free], { fn: 'gpuz', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.ret, false);
  t.deepEqual(pageOf(r.world, 0), page(1, {}));
  t.deepEqual(r.broken, []);
});

test('get_page_unless_zero on a live page takes a reference for the caller', (t) => {
  const r = runAlone(v48, [otherPage()], { fn: 'gpuz', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.ret, true);
  // ref 1 -> 2; the new reference is C0's (holds[1]).
  t.deepEqual(pageOf(r.world, 0), page(1, { kind: Kind.OTHER, ref: 2, holds: [1, 1] }));
});

test('put_page to 0 frees the page (kind FREE) and the free-page check passes on a clean page', (t) => {
  const r = runAlone(v48, [ownedBy0Page()], { fn: 'put', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault, null);
  t.deepEqual(pageOf(r.world, 0), page(1, {}));
  t.deepEqual(r.summary, ['page0: _refcount 1->0, is now free']);
  t.deepEqual(r.broken, []);
});

test('put_page to 0 of a page with a mapping is free-page-clean (Bad page state)', (t) => {
  const r = runAlone(v48, [ownedBy0Page((p) => void (p.mapping = 8))], { fn: 'put', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault?.inv, 'free-page-clean');
  t.is(r.fault?.msg, 'page 0 freed (refcount 0) with mapping &file_mapping: Bad page state');
});

test('put_page to 0 of a page still locked is free-page-clean', (t) => {
  const r = runAlone(v48, [ownedBy0Page((p) => void ((p.flags = LOCKED), (p.lockers = bit(1))))], { fn: 'put', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault?.inv, 'free-page-clean');
  t.regex(r.fault?.msg ?? '', /PG_locked set/);
});

test('v4.8 put_page to 0 of a released page: the free path clears the tag-only mapping and the page is clean', (t) => {
  // Released while isolated by C0: mapping 2, PG_isolated (8) cleared here first so that only the tag is left to judge.
  const released = pageWith(driverPage({ isolatedBy: 0, released: true }), (p) => {
    p.flags = 0;
    p.isolators = 0;
    p.lru = 0;
  });
  const r = runAlone(v48, [released], { fn: 'put', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault, null);
  t.deepEqual(pageOf(r.world, 0), page(1, { data: 42 }));
});

test('put_page on a page whose refcount is already 0 is no-use-after-free', (t) => {
  const r = runAlone(v48, [free], { fn: 'put', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault?.inv, 'no-use-after-free');
  t.is(r.fault?.msg, 'put_page() on page 0, which is already free (refcount 0)');
  t.is(pageOf(r.world, 0).ref, 0);
});

test('get_page on a free page is no-use-after-free', (t) => {
  const r = runAlone(v48, [free], { fn: 'get', args: { p: 0 } }, { overrides: fns48 });
  t.is(r.fault?.inv, 'no-use-after-free');
  t.is(r.fault?.msg, 'get_page() on page 0, which is free (refcount 0)');
});
