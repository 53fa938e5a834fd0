/**
 * v4.10-generic: 4.10's page lock with the generic two-step unlock_page()
 * (clear_bit_unlock, then test_bit(PG_waiters) in a step of its own), as
 * mm/filemap.c has it for architectures without
 * clear_bit_unlock_is_negative_byte(). The split is real (a step of its own,
 * other threads run between), loses no wakeup by itself (sequentially
 * consistent memory), and leaves every catalog verdict as v4.10's.
 */
import test from 'ava';
import { explore } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { buildSystem, free } from '../../model/system.ts';
import { fn, local, type Fns } from '../../model/dsl.ts';
import { lockFields, unlockPage } from '../../model/prim/pagelock.ts';
import { splitUnlock } from '../../model/prim/pagelock-generic.ts';
import type { Protocol } from '../../model/protocol.ts';

const P = (id: string): Protocol => {
  const p = protocolById(id);
  if (!p) throw new Error(`no version ${id}`);
  return p;
};

/** A thread that takes page 0's lock (sleeping if need be) and releases it. */
const locker: Fns = {
  locker: fn('test/model/generic-unlock.test.ts', 'locker', [
    { ...local('lock', 'lock_page(page);'), run: (c) => c.call('lock_page', { p: 0 }, 'unlock') },
    { label: 'unlock', code: 'unlock_page(page);', reads: lockFields(), writes: lockFields(), run: (c) => unlockPage(c) },
  ]),
};

/** n lockers of one page under `p`. */
function lockers(p: Protocol, n: number) {
  return buildSystem(p, { pages: [free], threads: Array.from({ length: n }, (_, i) => ({ name: `T${i}`, fn: 'locker', args: { p: 0 } })), overrides: locker, obj: -1 });
}

test('the generic unlock_page() is clear_bit_unlock, then a step of its own testing PG_waiters', (t) => {
  const split = splitUnlock(locker);
  t.deepEqual(
    split.locker?.steps.map((s) => [s.label, !!s.local]),
    [
      ['lock', true],
      ['unlock', false],
      ['unlock~waiters', false],
      ['~end', true],
    ],
  );
  t.regex(split.locker?.steps[2]?.src.code ?? '', /test_bit\(PG_waiters/);
  t.is(P('v4.10-generic').layout.pageLock, 'waiters-generic');
  t.is(P('v4.10-generic').base, 'v4.10');
  t.is(P('v4.10-generic').fns, P('v4.10').fns, 'the same migration code: only the primitive differs');
});

test('two and three threads contending for one page lock: every sleeper is woken (no lost wakeup from the split alone), in more states than x86', (t) => {
  for (const n of [2, 3]) {
    const x86 = explore(lockers(P('v4.10'), n), { progress: null });
    const generic = explore(lockers(P('v4.10-generic'), n), { progress: null });
    t.is(x86.verdict, 'pass', `x86, ${n} threads`);
    t.is(generic.verdict, 'pass', `generic, ${n} threads`);
    t.true(generic.stats.states > x86.stats.states, `${n} threads: ${generic.stats.states} states vs ${x86.stats.states}`);
  }
});

test("a wrong second half is caught: testing PG_waiters before the clear (a stale test) loses a sleeper", (t) => {
  // The second half run before the first: what the split would be with the test first. Only here, as a check that the search can see a lost wakeup in this system.
  const stale: Fns = {
    locker: fn('test/model/generic-unlock.test.ts', 'locker', [
      { ...local('lock', 'lock_page(page);'), run: (c) => c.call('lock_page', { p: 0 }, 'test') },
      { label: 'test', code: 'old = test_bit(PG_waiters, &page->flags);', reads: lockFields(), run: (c) => void (c.l.old = ((c.w.pages[0]!.flags >> 1) & 1) === 1) },
      {
        label: 'unlock',
        code: 'clear_bit_unlock(PG_locked); if (old) wake_up_page_bit(page, PG_locked);',
        reads: lockFields(),
        writes: lockFields(),
        run: (c) => {
          const page = c.w.pages[0]!;
          page.flags &= ~1;
          page.lockers &= ~(1 << c.tid);
          if (c.l.old) {
            page.flags &= ~2;
            page.waitq = 0;
          }
        },
      },
    ]),
  };
  const m = buildSystem(P('v4.10'), { pages: [free], threads: [0, 1].map((i) => ({ name: `T${i}`, fn: 'locker', args: { p: 0 } })), overrides: stale, obj: -1 });
  const r = explore(m, { progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.invariant : '', 'no-hang');
});

test("v4.10-generic keeps v4.10's lost PG_waiters (the non-atomic PG_isolated), and with atomic PG_isolated the generic unlock passes", (t) => {
  const s = catalog.find((x) => x.id === 'r2-lost-wakeup')!;
  const only = { only: new Set(['no-hang']) };
  const hang = explore(s.build(P('v4.10-generic'), only), { progress: null });
  t.is(hang.verdict === 'violation' ? hang.invariant : hang.verdict, 'no-hang');
  t.true(hang.verdict === 'violation' && hang.trace.some((st) => st.label.endsWith('~waiters')), 'the trace runs the second half of some unlock_page() as a step of its own');
  const atomic = P('v4.8-atomic');
  const atomicGeneric: Protocol = { ...atomic, id: 'v4.8-atomic@generic', layout: { ...atomic.layout, pageLock: 'waiters-generic' } };
  t.is(explore(s.build(atomicGeneric, only), { progress: null }).verdict, 'pass');
});

test('every catalog verdict of v4.10-generic is v4.10\'s', (t) => {
  for (const s of catalog) {
    if (!s.protocols.includes('v4.10-generic')) continue;
    const a = s.expect['v4.10'];
    const b = s.expect['v4.10-generic'];
    t.truthy(a, s.id);
    t.is(b?.verdict, a?.verdict, s.id);
    if (a?.verdict === 'violation' && b?.verdict === 'violation') t.is(b.invariant, a.invariant, s.id);
  }
});
