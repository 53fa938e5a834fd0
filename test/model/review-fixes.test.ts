/**
 * v3's agreed review fixes, one version each (v3-r2, v3-r6, v3-r7, v3-r9):
 * each is v3 plus exactly its fix (the functions whose cited code differs
 * from v3's are the fix's), v3-reviewed is all of them from the same pieces,
 * and each fix alone changes the verdicts it should and not the others.
 * Also: v3 and its variants run on 4.8's bit-waitqueue page lock, which is
 * what turns v3-reviewed's lost wakeup (a 4.10 PG_waiters effect) into a pass.
 */
import test from 'ava';
import { explore, type Result } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById, protocols } from '../../model/versions/index.ts';
import { fixedFns, fixedLayout } from '../../model/versions/review-fix.ts';
import { reviewFixes, v3Reviewed } from '../../model/versions/v3-reviewed.ts';
import type { Protocol } from '../../model/protocol.ts';
import type { Fns } from '../../model/dsl.ts';

const P = (id: string): Protocol => {
  const p = protocolById(id);
  if (!p) throw new Error(`no version ${id}`);
  return p;
};
const S = (id: string) => {
  const s = catalog.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

/** A function as text: its steps' labels and cited code. */
const text = (fns: Readonly<Fns>, name: string) => JSON.stringify(fns[name]?.steps.map((s) => [s.label, s.src.file, s.src.fn, s.src.code, !!s.local]) ?? null);

/** Names of the functions of `a` and `b` whose text differs. */
function changed(a: Readonly<Fns>, b: Readonly<Fns>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((n) => text(a, n) !== text(b, n)).sort();
}

/** The verdict of scenario `id` under version `v` (checking only `only` when given): `pass` or the invariant. */
function verdict(id: string, v: string | Protocol, only?: readonly string[]): string {
  const p = typeof v === 'string' ? P(v) : v;
  const r: Result = explore(S(id).build(p, only ? { only: new Set(only) } : {}), { progress: null });
  return r.verdict === 'violation' ? r.invariant : r.verdict;
}

test('each one-fix version is v3 plus exactly its fix', (t) => {
  const v3 = P('v3');
  // R2: the driver releases under PG_lock, and its release and putback clear PG_isolated with __ClearPageIsolated
  // (its migratepage too, through a call its cited code does not name).
  t.deepEqual(changed(v3.fns, P('v3-r2').fns), ['drv_free', 'drv_putback_page']);
  t.deepEqual(changed(v3.fns, P('v3-r6').fns), ['putback_movable_pages']);
  t.deepEqual(changed(v3.fns, P('v3-r7').fns), ['unmap_and_move']);
  // R9: PageMovable, and the _mapcount marker gone from __SetPageMovable/__ClearPageMovable (R5).
  t.deepEqual(changed(v3.fns, P('v3-r9').fns), ['PageMovable', '__ClearPageMovable', '__SetPageMovable']);
  for (const id of ['v3-r2', 'v3-r6', 'v3-r7']) t.deepEqual(P(id).layout, v3.layout, `${id} keeps v3's layout`);
  t.deepEqual(P('v3-r9').layout, { ...v3.layout, mapcountMarker: false });
  for (const id of ['v3-r2', 'v3-r6', 'v3-r7', 'v3-r9']) {
    const p = P(id);
    t.is(p.base, 'v3');
    t.regex(p.since?.commit ?? '', new RegExp(`^review R${id.slice(4)} alone: `));
    t.regex(p.description, new RegExp(`R${id.slice(4)}`));
  }
});

test('v3-reviewed is the four fixes together, built from the same pieces', (t) => {
  t.deepEqual(reviewFixes.map((f) => f.review), ['R2', 'R6', 'R7', 'R9']);
  t.deepEqual(v3Reviewed.layout, fixedLayout(reviewFixes));
  t.deepEqual(changed(v3Reviewed.fns, fixedFns(reviewFixes)), []);
  // Every function v3-reviewed changes is changed the same way by exactly one fix.
  const v3 = P('v3');
  const byFix = ['v3-r2', 'v3-r6', 'v3-r7', 'v3-r9'].map((id) => [id, changed(v3.fns, P(id).fns)] as const);
  for (const name of changed(v3.fns, v3Reviewed.fns)) {
    const owners = byFix.filter(([, names]) => names.includes(name)).map(([id]) => id);
    t.is(owners.length, 1, `${name} is changed by ${owners.join(', ') || 'no fix'}`);
    t.is(text(P(owners[0]!).fns, name), text(v3Reviewed.fns, name), `${name} as ${owners[0]} has it`);
  }
});

test('the timeline lists v3, each fix, then v3-reviewed', (t) => {
  const ids = protocols.map((p) => p.id);
  t.deepEqual(ids.slice(0, 6), ['v3', 'v3-r2', 'v3-r6', 'v3-r7', 'v3-r9', 'v3-reviewed']);
  for (const id of ids.slice(0, 6)) t.is(P(id).since?.kernel, 'v3 patch');
});

test('R2 alone: the driver no longer clears PG_isolated without PG_lock, but putback_movable_pages still clears PG_movable without it', (t) => {
  t.is(verdict('r2-release-isolated-page', 'v3', ['isolated-cleared-under-lock']), 'isolated-cleared-under-lock');
  t.is(verdict('r2-release-isolated-page', 'v3-r2', ['isolated-cleared-under-lock']), 'pass');
  t.is(verdict('r2-release-isolated-page', 'v3-r2'), 'movable-cleared-under-lock');
  t.is(verdict('r6-putback-unlocked-clear', 'v3-r2'), 'movable-cleared-under-lock');
});

test("R6 alone removes putback_movable_pages' unlocked __ClearPageMovable, not R2's unlocked ClearPageIsolated", (t) => {
  t.is(verdict('r6-putback-unlocked-clear', 'v3', ['movable-cleared-under-lock']), 'movable-cleared-under-lock');
  t.is(verdict('r6-putback-unlocked-clear', 'v3-r6', ['movable-cleared-under-lock']), 'pass');
  t.is(verdict('r6-putback-unlocked-clear', 'v3-r6'), 'no-callback-after-release');
  t.is(verdict('r2-release-isolated-page', 'v3-r6'), 'isolated-cleared-under-lock');
});

test("R7 alone removes unmap_and_move's unlocked __ClearPageMovable; the failed allocation still reaches putback_movable_pages' (R6's)", (t) => {
  const fnOfViolation = (v: string) => {
    const r = explore(S('r7-unmap-and-move-unlocked-clear').build(P(v)), { progress: null });
    if (r.verdict !== 'violation') return r.verdict;
    // The caller of __ClearPageMovable in the trace: the last step outside the flag helpers.
    const callers = r.trace.map((s) => s.src.fn).filter((f) => !f.startsWith('__ClearPageMovable') && f !== 'PageMovable');
    return `${r.invariant} in ${callers[callers.length - 1]}`;
  };
  t.is(fnOfViolation('v3'), 'movable-cleared-under-lock in unmap_and_move');
  t.is(fnOfViolation('v3-r7'), 'movable-cleared-under-lock in putback_movable_pages');
  t.is(fnOfViolation('v3-r6'), 'movable-cleared-under-lock in unmap_and_move');
});

test("R9 alone answers R5 (no _mapcount marker) and brings R8's false positive", (t) => {
  t.is(verdict('r5-movable-and-mapped', 'v3'), 'mapcount-consistent');
  t.is(verdict('r5-movable-and-mapped', 'v3-r9'), 'pass');
  t.is(verdict('r5-movable-and-mapped', 'v3-r6'), 'mapcount-consistent');
  t.is(verdict('r8-reclaim-false-positive-migrate', 'v3'), 'pass');
  t.is(verdict('r8-reclaim-false-positive-migrate', 'v3-r9'), 'no-false-positive-movable');
  t.is(verdict('r4-reclaim-false-positive-isolate', 'v3-r9'), 'pass');
});

test("v3 and its variants run on 4.8's bit-waitqueue lock; on 4.10's PG_waiters lock v3-reviewed's __ClearPageIsolated loses a wakeup", (t) => {
  for (const id of ['v3', 'v3-r2', 'v3-r6', 'v3-r7', 'v3-r9', 'v3-reviewed']) t.is(P(id).layout.pageLock, 'bitwait', id);
  t.is(verdict('r2-lost-wakeup', 'v3-reviewed', ['no-hang']), 'pass');
  t.is(verdict('r2-lost-wakeup', 'v3-r2', ['no-hang']), 'pass');
  const onWaiters = (p: Protocol): Protocol => ({ ...p, id: `${p.id}@waiters`, layout: { ...p.layout, pageLock: 'waiters' }, fns: fixedFns(p.id === 'v3-r2' ? [reviewFixes[0]!] : reviewFixes, { ...p.layout, pageLock: 'waiters' }) });
  t.is(verdict('r2-lost-wakeup', onWaiters(v3Reviewed), ['no-hang']), 'no-hang');
  t.is(verdict('r2-lost-wakeup', onWaiters(P('v3-r2')), ['no-hang']), 'no-hang');
  t.is(verdict('r2-release-isolated-page', onWaiters(v3Reviewed)), 'no-lost-flag-update');
  t.is(verdict('r2-release-isolated-page', 'v3-reviewed'), 'driver-page-off-lru');
});
