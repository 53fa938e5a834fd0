/**
 * Helpers for the kernel model's unit tests: run one kernel function alone on
 * one thread from a chosen page state (taking named branches at
 * nondeterministic steps), build small custom systems for primitive tests,
 * enumerate every complete interleaving of a model (no visited set, so counts
 * are exact), and walk a model along a schedule.
 */
import {
  NO_HANG,
  matchToken,
  parseSchedule,
  tokenOf,
  type BuildOptions,
  type CheckKind,
  type Fault,
  type Locals,
  type Model,
  type SysState,
  type TraceStep,
  type Value,
} from '../../checker/index.ts';
import { bit, PG, type Layout } from '../../model/flags.ts';
import { fields, fn, local, num, paths, type FnName, type Fns, type KCtx, type KFn, type StepSpec, type LocalName } from '../../model/dsl.ts';
import { atomicBit, nonAtomicBitFn } from '../../model/prim/flagword.ts';
import { lockFields, tryLock } from '../../model/prim/pagelock.ts';
import { spinUnlockLru } from '../../model/prim/spinlock.ts';
import { getPage, getPageUnlessZero, putPage, refFields } from '../../model/prim/refcount.ts';
import { unlockStep } from '../../model/versions/common.ts';
import { buildSystem, free, type PageInit, type ThreadInit } from '../../model/system.ts';
import type { Protocol } from '../../model/protocol.ts';
import { freePage, Kind, List, ownerSlot, type Page, type World } from '../../model/world.ts';

/** The state type of every kernel-model system. */
export type KState = SysState<World>;
/** A kernel-model system. */
export type KModel = Model<KState>;

/** Name of the wrapper function runAlone starts its thread in (it captures the return value). */
export const ENTRY = 'test:entry';

/** Entry functions buildSystem treats as transient by default (mirrors model/system.ts). */
const DEFAULT_TRANSIENT = new Set(['compact', 'compact_migrate', 'compact_putback', 'isolate_movable_page', 'drv_free']);

/** The thread runAlone starts. */
export interface AloneThread {
  /** Display name (default `C0`). */
  readonly name?: string;
  /** Kernel function to run. */
  readonly fn: string;
  readonly args?: Locals;
  /** Default: as buildSystem would decide for `fn` started directly. */
  readonly transient?: boolean;
}

/** Options of runAlone. */
export interface RunOpts {
  /** Branch names to take at the nondeterministic steps met, in order. All must be used. */
  readonly branches?: readonly string[];
  /** Functions replacing or added to the protocol's (see SystemInit.overrides). */
  readonly overrides?: Fns | ((p: Protocol) => Fns);
  /** The page holding the driver's object (default: buildSystem's choice). */
  readonly obj?: number;
  readonly build?: BuildOptions;
}

/** An invariant broken during a run. */
export interface Broken {
  readonly id: string;
  readonly kind: CheckKind;
  readonly msg: string;
}

/** What runAlone produced. */
export interface RunResult {
  readonly model: KModel;
  readonly init: KState;
  readonly final: KState;
  /** The final world. */
  readonly world: World;
  /** Every transition, explained (the wrapper's own steps included). */
  readonly trace: readonly TraceStep[];
  /** `fn:label` of each transition's first step, without the wrapper's steps. */
  readonly steps: readonly string[];
  /** Summary lines of every transition, flattened. */
  readonly summary: readonly string[];
  /** The fault recorded by a step (ctx.fail), or null. */
  readonly fault: Fault | null;
  /** What the function returned (undefined if it never returned). */
  readonly ret: Value | undefined;
  /** Every state/step invariant broken along the way, end checks if the thread finished, `no-hang` if it got stuck. */
  readonly broken: readonly Broken[];
  /** True when the thread finished. */
  readonly done: boolean;
}

/** The wrapper entry: call `target` with `args`, keep its return value in local `ret` for one more (empty) step. */
function entryFn(target: string, args: Locals): KFn {
  return fn('test/model/harness.ts', ENTRY, [
    // `target` may be a test's own function, outside FnNames: the build checks it exists.
    { ...local('call', `ret = ${target}(...)`), run: (c) => c.call(target as FnName, args, 'hold', 'ret') },
    { label: 'hold', code: 'return ret', run: (c) => c.ret(c.l.ret ?? null) },
  ]);
}

/**
 * Builds a one-thread system of `pages` under `protocol` whose thread runs
 * `thread.fn(args)`, and runs it to the end: whenever several actions are
 * enabled (a nondeterministic step), takes the next name of `opts.branches`.
 * Checks state and step invariants along the way, end checks (or no-hang) at
 * the end, and returns everything a test wants to look at.
 */
export function runAlone(protocol: Protocol, pages: readonly PageInit[], thread: AloneThread, opts: RunOpts = {}): RunResult {
  const base = typeof opts.overrides === 'function' ? opts.overrides(protocol) : (opts.overrides ?? {});
  const th: ThreadInit = {
    name: thread.name ?? 'C0',
    fn: ENTRY,
    args: {},
    transient: thread.transient ?? DEFAULT_TRANSIENT.has(thread.fn),
  };
  const model = buildSystem(
    protocol,
    {
      pages,
      threads: [th],
      ...(opts.obj === undefined ? {} : { obj: opts.obj }),
      overrides: { ...base, [ENTRY]: entryFn(thread.fn, thread.args ?? {}) },
    },
    opts.build,
  );
  const branches = [...(opts.branches ?? [])];
  const broken: Broken[] = [];
  const note = (b: Broken) => {
    if (!broken.some((x) => x.id === b.id && x.kind === b.kind)) broken.push(b);
  };
  const checkState = (s: KState) => {
    for (const inv of model.stateInvariants) {
      const m = inv.check(s);
      if (m !== null) note({ id: inv.id, kind: inv.kind ?? 'state', msg: m });
    }
  };
  const init = model.init();
  checkState(init);
  let s = init;
  let ret: Value | undefined;
  const trace: TraceStep[] = [];
  for (let n = 0; ; n++) {
    if (n > 10000) throw new Error('runAlone: more than 10000 steps');
    const acts = model.actions(s);
    if (acts.length === 0) break;
    if (acts.some((a) => a.thread !== 0)) throw new Error('runAlone: more than one thread enabled');
    let a = acts[0]!;
    if (acts.length > 1) {
      const want = branches.shift();
      const names = acts.map((x) => model.explain(s, x).step.branch ?? '?');
      const i = names.indexOf(want ?? '');
      if (i < 0) throw new Error(`runAlone: at a step with branches [${names.join(', ')}], asked for ${want ?? 'nothing'}`);
      a = acts[i]!;
    }
    const { next, changes, summary, step } = model.explain(s, a);
    trace.push({ ...step, index: trace.length + 1, token: tokenOf(a), changes, summary });
    for (const inv of model.stepInvariants) {
      const m = inv.check(s, next, a, model);
      if (m !== null) note({ id: inv.id, kind: 'step', msg: m });
    }
    s = next;
    checkState(s);
    const top = s.t[0]?.frames[0];
    if (top && top.fn === ENTRY && Object.hasOwn(top.l, 'ret')) ret = top.l.ret;
  }
  if (branches.length) throw new Error(`runAlone: branches left unused: ${branches.join(', ')}`);
  const done = model.isDone(s);
  if (s.fault === null) {
    if (done) {
      for (const inv of model.endChecks) {
        const m = inv.check(s);
        if (m !== null) note({ id: inv.id, kind: 'end', msg: m });
      }
    } else {
      note({ id: NO_HANG, kind: 'hang', msg: model.describeStuck(s) });
    }
  }
  return {
    model,
    init,
    final: s,
    world: s.w,
    trace,
    steps: trace.filter((x) => x.src.fn !== ENTRY).map((x) => `${x.src.fn}:${x.label}`),
    summary: trace.flatMap((x) => x.summary),
    fault: s.fault,
    ret,
    broken,
    done,
  };
}

/** Ids of the broken invariants of a run, in the order met. */
export function brokenIds(r: RunResult): string[] {
  return r.broken.map((b) => b.id);
}

/** A page as `base` builds it, then changed by `patch` (for states no constructor makes). */
export function pageWith(base: PageInit, patch: (p: Page, protocol: Protocol) => void): PageInit {
  return (protocol, n) => {
    const p = base(protocol, n);
    patch(p, protocol);
    return p;
  };
}

/** `base` built as if the system had at least `n` threads (so thread `n-1` has an owner slot in `holds`). */
export function withSlots(base: PageInit, n: number): PageInit {
  return (protocol, threads) => base(protocol, Math.max(threads, n));
}

/** `base` with PG_locked held by thread `tid` (which may be a thread outside the system). */
export function lockedBy(base: PageInit, tid: number): PageInit {
  return pageWith(base, (p) => {
    p.flags |= bit(PG.locked);
    p.lockers = bit(tid);
  });
}

/** The page a free page of a `threads`-thread world would be, with `fields` changed: an exact expected value. */
export function page(threads: number, fields: Partial<Page>): Page {
  return { ...freePage(threads), ...fields };
}

/** A one-step kernel function (for custom threads of primitive tests). */
export function oneStep<const L extends string>(name: string, step: StepSpec<L, NoInfer<L>>): KFn {
  return steps(name, [step]);
}

/** A kernel function of several steps (for custom threads of primitive tests). */
export function steps<const L extends string>(name: string, list: readonly StepSpec<L, NoInfer<L>>[]): KFn {
  // As fn() does, for labels only known to be strings here.
  return { steps: list.map(({ code, ...rest }) => ({ ...rest, src: { file: 'test/model', fn: name, code } })) };
}

/** A small custom system: `pages` under `protocol`, `threads`, with extra functions `fns` (added to or replacing the protocol's). */
export function customSystem(
  protocol: Protocol,
  pages: readonly PageInit[],
  threads: readonly ThreadInit[],
  fns: Fns = {},
  opts: BuildOptions = {},
): KModel {
  return buildSystem(protocol, { pages, threads, overrides: fns }, opts);
}

/** One complete path of a model: its schedule and the state it ends in (done, faulted, or stuck). */
export interface Path {
  readonly schedule: string;
  readonly last: KState;
}

/** Every complete path from the initial state: a plain DFS over model.actions without a visited set, so the count is the number of interleavings. */
export function allPaths(model: KModel, limit = 100000): Path[] {
  const out: Path[] = [];
  const walk = (s: KState, prefix: string): void => {
    const acts = model.actions(s);
    if (acts.length === 0) {
      out.push({ schedule: prefix, last: s });
      if (out.length > limit) throw new Error(`allPaths: more than ${limit} paths`);
      return;
    }
    for (const a of acts) walk(model.apply(s, a), prefix + tokenOf(a));
  };
  walk(model.init(), '');
  return out;
}

/** The states along `schedule` (initial state first). Throws when a token is not enabled. */
export function walk(model: KModel, schedule: string): KState[] {
  const states = [model.init()];
  for (const tok of parseSchedule(schedule)) {
    const s = states[states.length - 1]!;
    const a = matchToken(tok, model.actions(s));
    if (!a) throw new Error(`walk: '${tok.text}' is not enabled after ${states.length - 1} steps`);
    states.push(model.apply(s, a));
  }
  return states;
}

/** The last state along `schedule`. */
export function after(model: KModel, schedule: string): KState {
  const states = walk(model, schedule);
  return states[states.length - 1]!;
}

/** Page `i` of a world (throws when absent, so tests read it without `!`). */
export function pageOf(w: World, i: number): Page {
  const p = w.pages[i];
  if (!p) throw new Error(`no page ${i}`);
  return p;
}

/** Name of the next step of thread `tid` (`fn:label`), or null when it has finished. */
export function nextLabel(model: KModel, s: KState, tid: number): string | null {
  const frames = s.t[tid]?.frames;
  const top = frames?.[frames.length - 1];
  if (!top) return null;
  const spec = (model as KModel & { spec?: { fns: Fns } }).spec;
  const label = spec?.fns[top.fn]?.steps[top.pc]?.label;
  return `${top.fn}:${label ?? top.pc}`;
}

/** A page of another owner (not the driver's, so no protocol-mark invariant applies): ref 1 held outside the threads, `flags` set. */
export function otherPage(flags = 0): PageInit {
  return pageWith(free, (p) => {
    p.kind = Kind.OTHER;
    p.ref = 1;
    p.holds[0] = 1;
    p.flags = flags;
  });
}

/** A page of another owner whose one reference is thread 0's, then changed by `patch`. */
export function ownedBy0Page(patch: (p: Page) => void = () => undefined): PageInit {
  return pageWith(free, (p) => {
    p.kind = Kind.OTHER;
    p.ref = 1;
    p.holds[1] = 1;
    patch(p);
  });
}

declare module '../../model/dsl.ts' {
  interface LocalNames {
    /** lock_two's second page (a test's own local: FnNames and LocalNames are open to augmentation). */
    q: true;
  }
}

/**
 * Small thread functions for primitive and invariant tests (page in local `p`,
 * a second page in `q` where there is one). Add them to a system as overrides.
 */
export function primFns(layout: Layout): Fns {
  const p = (c: KCtx, v: LocalName = 'p') => ({ p: num(c.l, v) });
  return {
    set_owner_priv: oneStep('set_owner_priv', {
      label: 'set',
      code: 'set_bit(PG_owner_priv_1, &page->flags)',
      reads: fields('p', 'flags'),
      writes: fields('p', 'flags'),
      run: (c) => atomicBit(c, PG.owner_priv_1, true),
    }),
    __SetPageChecked: nonAtomicBitFn('test/model', '__SetPageChecked', PG.owner_priv_1, true, layout),
    lock_unlock: steps('lock_unlock', [
      { ...local('lock', 'lock_page(page)'), run: (c) => c.call('lock_page', p(c), 'unlock') },
      unlockStep('unlock', 'unlock_page(page)'),
    ]),
    /** lock_page(p); lock_page(q); unlock both: two of them in opposite orders deadlock. */
    lock_two: steps('lock_two', [
      { ...local('lock_p', 'lock_page(page)'), run: (c) => c.call('lock_page', p(c), 'lock_q') },
      { ...local('lock_q', 'lock_page(page2)'), run: (c) => c.call('lock_page', p(c, 'q'), 'unlock_q') },
      unlockStep('unlock_q', 'unlock_page(page2)', 'q'),
      unlockStep('unlock_p', 'unlock_page(page)'),
    ]),
    lock_clear_unlock: steps('lock_clear_unlock', [
      { ...local('lock', 'lock_page(page)'), run: (c) => c.call('lock_page', p(c), 'clear') },
      { ...local('clear', '__ClearPageIsolated(page)'), run: (c) => c.call('__ClearPageIsolated', p(c), 'unlock') },
      unlockStep('unlock', 'unlock_page(page)'),
    ]),
    lru_then_lock: steps('lru_then_lock', [
      { ...local('spin', 'spin_lock_irqsave(&zone->lru_lock, flags)'), run: (c) => c.call('spin_lock_lru', {}, 'lock') },
      { ...local('lock', 'lock_page(page)'), run: (c) => c.call('lock_page', p(c), 'unlock') },
      unlockStep('unlock', 'unlock_page(page)'),
      { label: 'unspin', code: 'spin_unlock_irqrestore(&zone->lru_lock, flags)', writes: paths('lruLock'), run: (c) => spinUnlockLru(c.w) },
    ]),
    lru_unlock_then_lock: steps('lru_unlock_then_lock', [
      { ...local('spin', 'spin_lock_irqsave(&zone->lru_lock, flags)'), run: (c) => c.call('spin_lock_lru', {}, 'unspin') },
      { label: 'unspin', code: 'spin_unlock_irqrestore(&zone->lru_lock, flags)', writes: paths('lruLock'), run: (c) => spinUnlockLru(c.w) },
      { ...local('lock', 'lock_page(page)'), run: (c) => c.call('lock_page', p(c), 'unlock') },
      unlockStep('unlock', 'unlock_page(page)'),
    ]),
    lru_section: steps('lru_section', [
      { ...local('spin', 'spin_lock_irqsave(&zone->lru_lock, flags)'), run: (c) => c.call('spin_lock_lru', {}, 'unspin') },
      { label: 'unspin', code: 'spin_unlock_irqrestore(&zone->lru_lock, flags)', writes: paths('lruLock'), run: (c) => spinUnlockLru(c.w) },
    ]),
    lru_forget: steps('lru_forget', [
      { ...local('spin', 'spin_lock_irqsave(&zone->lru_lock, flags)'), run: (c) => c.call('spin_lock_lru', {}, 'done') },
      { ...local('done', 'return; /* BUG: lru_lock never released */'), run: (c) => c.ret(null) },
    ]),
    try_unlock: steps('try_unlock', [
      { label: 'try', code: 'if (!trylock_page(page)) return false;', reads: lockFields(), writes: lockFields(), run: (c) => void (tryLock(c) || c.ret(false)) },
      unlockStep('unlock', 'unlock_page(page)'),
    ]),
    gpuz: oneStep('gpuz', {
      label: 'get',
      code: 'return get_page_unless_zero(page)',
      writes: refFields(),
      run: (c) => c.ret(getPageUnlessZero(c, ownerSlot(c.tid))),
    }),
    get: oneStep('get', { label: 'get', code: 'get_page(page)', writes: refFields(), run: (c) => getPage(c, ownerSlot(c.tid)) }),
    put: oneStep('put', { label: 'put', code: 'put_page(page)', writes: refFields(), run: (c) => putPage(c, ownerSlot(c.tid), layout) }),
    put_twice: steps('put_twice', [
      { label: 'put', code: 'put_page(page)', writes: refFields(), run: (c) => putPage(c, ownerSlot(c.tid), layout) },
      { label: 'put_again', code: 'put_page(page) /* BUG: one put too many */', writes: refFields(), run: (c) => putPage(c, ownerSlot(c.tid), layout) },
    ]),
    /** A rule-breaking driver taking page->lru of its page off whatever list it is on, without looking (R1). */
    drv_list_del: oneStep('drv_list_del', {
      label: 'del',
      code: 'list_del_init(&page->lru) /* RULE-BREAKING: also while the VM has the page isolated */',
      writes: fields('p', 'lru'),
      run: (c) => {
        const page = c.w.pages[num(c.l, 'p')];
        if (page) page.lru = List.NONE;
      },
    }),
  };
}
