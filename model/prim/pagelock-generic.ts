/**
 * unlock_page() of 4.10 on an architecture without
 * clear_bit_unlock_is_negative_byte(): the generic fallback of mm/filemap.c
 * (../shared/kernel/v4.10/mm__filemap.c), two steps where x86 has one
 * `lock andb`:
 *
 *     static inline bool clear_bit_unlock_is_negative_byte(long nr, volatile void *mem)
 *     {
 *     	clear_bit_unlock(nr, mem);
 *     	/* smp_mb__after_atomic(); *\/
 *     	return test_bit(PG_waiters, mem);
 *     }
 *
 * and unlock_page() calls `wake_up_page_bit(page, PG_locked)` when it
 * returns true. Between the two steps any other thread may run: take the
 * lock (trylock_page), go to sleep on it (SetPageWaiters), or store a stale
 * flags word.
 *
 * How it is modelled: a version on this fallback (`Layout.pageLock:
 * 'waiters-generic'`) has its x86 twin's functions, and buildSystem wraps
 * every step of them, and of the scenario's own, with `splitUnlock`. While a
 * wrapped step runs, unlockPage()
 * (pagelock.ts) does only clear_bit_unlock (PG_locked cleared, the holder
 * gone) and leaves the test to a step of its own, inserted right after (label
 * `<step>~waiters`), which then goes where the step went (its goto, its
 * return value, or the next step). The page is named by its local (`p`,
 * `np`), never by number, so renaming pages (--symmetry) needs nothing new.
 *
 * The test step is wake_up_page_bit() as 4.10 has it: the sleepers of the
 * page are woken only if PG_locked is clear (wake_page_function() skips a
 * waiter while `test_bit(key->bit_nr, &key->page->flags)`), and PG_waiters is
 * cleared only when no sleeper is left (`if (!waitqueue_active(q) ||
 * !key.page_match) ClearPageWaiters(page);`). A sleeper's failed trylock,
 * SetPageWaiters and sleep stay one step, as in pagelock.ts; memory is
 * sequentially consistent (the kernel's comment: no barrier is needed,
 * PG_waiters being in the same byte as PG_locked).
 */
import { bit, PG, test } from '../flags.ts';
import { fields, pg, type Fns, type KCtx, type KFn, type KStep, type LocalName } from '../dsl.ts';
import type { Value } from '../../checker/index.ts';

/**
 * Locals of the wrapped frame between the two halves: the page's local, where
 * to go after, the return value. Not in LocalNames: no step of a version
 * names them; only this file does, through the engine's untyped locals.
 */
const PAGE = '$unlock';
const THEN = '$then';
const RET = '$ret';
/** A local step at the end of every wrapped function: what "past the last step" was (return null). */
const END = '~end';

/** Names of the page locals unlocked in the wrapped step that runs now; null outside a wrapped step. */
let deferred: string[] | null = null;

/**
 * Called by unlockPage() after clear_bit_unlock: true when the running step
 * is wrapped (generic fallback), so the PG_waiters test is left to the next
 * step; false on x86 (test and wake at once).
 */
export function deferWaitersTest(v: string): boolean {
  if (deferred === null) return false;
  deferred.push(v);
  return true;
}

/** Footprint of the test half: the page lock of the page in the local named by $unlock. */
const testFields = (l: Record<string, Value>, w: unknown) => fields(String(l[PAGE]) as LocalName, 'flags', 'lockers', 'waitq')(l as never, w as never);

/** `if (test_bit(PG_waiters, &page->flags)) wake_up_page_bit(page, PG_locked);` on the page in local `v`. */
function testAndWake(c: KCtx, v: string): void {
  const page = pg(c, v as LocalName);
  if (!test(page.flags, PG.waiters)) return;
  if (!test(page.flags, PG.locked)) page.waitq = 0;
  if (page.waitq === 0) page.flags &= ~bit(PG.waiters);
}

/** The step inserted after `s`: the second half of its unlock_page(), then where `s` went. */
function testStep(s: KStep): KStep {
  return {
    label: `${s.label}~waiters`,
    src: { file: 'mm/filemap.c', fn: 'unlock_page', code: 'clear_bit_unlock_is_negative_byte() (generic): return test_bit(PG_waiters, mem); ... if (...) wake_up_page_bit(page, PG_locked);' },
    reads: testFields as KStep['reads'],
    writes: testFields as KStep['writes'],
    run: (c) => {
      const l = c.l as Record<string, Value>;
      testAndWake(c, String(l[PAGE]));
      const then = String(l[THEN]);
      const ret = l[RET] ?? null;
      l[PAGE] = null;
      l[THEN] = null;
      l[RET] = null;
      if (then.startsWith('g:')) c.goto(then.slice(2));
      else c.ret(ret);
    },
  } as KStep;
}

type Op = { op: 'goto'; label: string } | { op: 'call'; fn: string; args: Record<string, Value>; then?: string; into?: string } | { op: 'ret'; value: Value };

/** Step `s` (followed by `next`, or the end of its function) on the generic fallback. */
function wrap(s: KStep, next: string): KStep {
  const run = (c: KCtx) => {
    const ops: Op[] = [];
    const proxy = {
      w: c.w,
      l: c.l,
      tid: c.tid,
      choice: c.choice,
      fail: (inv: string, msg: string) => c.fail(inv, msg),
      goto: (label: string) => void ops.push({ op: 'goto', label }),
      call: (fn: string, args: Record<string, Value>, then?: string, into?: string) => void ops.push({ op: 'call', fn, args, then, into }),
      ret: (value: Value = null) => void ops.push({ op: 'ret', value }),
    } as unknown as KCtx;
    const outer = deferred;
    const mine: string[] = [];
    deferred = mine;
    try {
      s.run(proxy);
    } finally {
      deferred = outer;
    }
    const cx = c as unknown as { goto(l: string): void; call(fn: string, args: Record<string, Value>, then?: string, into?: string): void; ret(v: Value): void };
    if (mine.length === 0) {
      for (const o of ops) {
        if (o.op === 'goto') cx.goto(o.label);
        else if (o.op === 'call') cx.call(o.fn, o.args, o.then ?? next, o.into);
        else cx.ret(o.value);
      }
      if (ops.length === 0) cx.goto(next);
      return;
    }
    if (mine.length > 1 || ops.length > 1 || ops[0]?.op === 'call') {
      throw new Error(`generic unlock_page(): step ${s.label} unlocks ${mine.length} pages and then ${ops.map((o) => o.op).join(', ') || 'falls through'}; only one unlock followed by a goto, a return or the next step is modelled`);
    }
    const l = c.l as Record<string, Value>;
    const o = ops[0];
    l[PAGE] = mine[0] as string;
    l[THEN] = o?.op === 'ret' ? 'r' : `g:${o?.op === 'goto' ? o.label : next}`;
    l[RET] = o?.op === 'ret' ? o.value : null;
    cx.goto(`${s.label}~waiters`);
  };
  return { ...s, run } as KStep;
}

/** A function's steps on the generic fallback: each non-local step wrapped and followed by its test step; a local step at the end returns. */
function splitFn(f: KFn): KFn {
  const steps: KStep[] = [];
  f.steps.forEach((s, i) => {
    if (s.local) return void steps.push(s);
    steps.push(wrap(s, f.steps[i + 1]?.label ?? END), testStep(s));
  });
  steps.push({ label: END, src: { file: f.steps[0]?.src.file ?? '', fn: f.steps[0]?.src.fn ?? '', code: '}' }, local: true, run: (c) => c.ret(null) } as KStep);
  return { steps } as KFn;
}

/**
 * Each function split once: the same definition object for every build of a
 * version, so that what the engine learns of a function (its dead locals,
 * kept per definition) carries over from one build to the next.
 */
const splitCache = new WeakMap<KFn, KFn>();

/** Every function of `fns` on the generic unlock_page() (unlockPage's PG_waiters test as a step of its own). */
export function splitUnlock(fns: Readonly<Fns>): Fns {
  const out: Fns = {};
  for (const [name, f] of Object.entries(fns)) {
    let split = splitCache.get(f);
    if (!split) splitCache.set(f, (split = splitFn(f)));
    out[name] = split;
  }
  return out;
}
