/**
 * Instrumented versions: every step of a version (but the lock primitives
 * themselves) wrapped so that the hooks of hook.ts know which step runs. In
 * discovery the wrapper also records the sites the wrapper sees itself (calls
 * of lock functions, reads of boolean locals) and the control flow between the
 * steps of a function (for "move an unlock one step earlier"); in a mutant it
 * makes the one change of the mutation:
 *
 * - a dropped `lock_page()`/`spin_lock()` call continues as if it returned;
 * - a forced check answers its forced value to the step that reads it;
 * - a split atomic flag operation defers the step's control flow to a store
 *   step inserted right after it (the load is the step, the store the next
 *   step of the thread, as the non-atomic helpers are modelled);
 * - an unlock moved one step earlier is a step of its own inserted before the
 *   step that leads (always) to the unlock's step: that step then runs
 *   without the lock, and the unlock's step skips it.
 */
import type { Locals, StepDef, Value } from '../../checker/index.ts';
import type { Fns, KCtx, KStep, LocalName } from '../dsl.ts';
import type { Protocol } from '../protocol.ts';
import type { World } from '../world.ts';
import { meetSite, setRunning, skipRelease, dropAcquire, type Mutation, type Running, type Site } from './hook.ts';
import { earlyUnlockStep, pageKey, replay, SPLIT_CONTROL, storeStep, target, type Control } from './inserted.ts';

/** What discovery learns of a version: its sites, the control flow between steps, and the steps that ran. */
export interface Discovery {
  /** Sites by key (siteKey). */
  readonly sites: Map<string, Site>;
  /** Values seen at check sites, by site key. */
  readonly seen: Map<string, Set<boolean>>;
  /** For `fn\u0000label`: the labels of the same function the step continued at. */
  readonly edges: Map<string, Set<string>>;
  /** `fn\u0000label` of every step that ran. */
  readonly ran: Set<string>;
}

/** A fresh, empty discovery record. */
export function newDiscovery(): Discovery {
  return { sites: new Map(), seen: new Map(), edges: new Map(), ran: new Set() };
}

/** Stable key of a site. */
export function siteKey(s: Site): string {
  return `${s.fn}/${s.label}/${s.op}/${s.what}#${s.nth}`;
}

/** Functions that are the lock primitives: calls to them are lock or unlock sites, their own steps are not mutated. */
export function lockRole(fn: string): 'lock' | 'unlock' | null {
  if (fn === 'lock_page' || /^spin_lock/.test(fn)) return 'lock';
  if (fn === 'unlock_page' || /^spin_unlock/.test(fn)) return 'unlock';
  return null;
}

/** True for functions whose steps are never instrumented (the lock primitives, the non-atomic lock of a new page's owner). */
export function isPrimitive(fn: string): boolean {
  return lockRole(fn) !== null || fn === '__SetPageLocked';
}

/** The local of `l` (among the usual page locals) holding page `p`, for an unlock done by call. */
function pageVar(l: Locals, p: unknown): string | undefined {
  for (const v of ['p', 'np']) if (l[v] === p) return v;
  return undefined;
}

/** How one step is wrapped. */
interface StepPlan {
  readonly fn: string;
  readonly step: KStep;
  readonly next: string | null;
  readonly record: Discovery | null;
  readonly mutation: Mutation | null;
  /** Proxy the context (observe control, intercept lock calls, read locals through the check hook). */
  readonly proxy: boolean;
  /** This step holds the split atomic site: defer control to the store step. */
  readonly split: boolean;
}

/** The context a proxied step sees. */
function proxyCtx(c: KCtx<string>, plan: StepPlan, trace: Control[]): KCtx<string> {
  const m = plan.mutation;
  const forced = m?.change.kind === 'force' ? m.change.value : null;
  const l = new Proxy(c.l as Locals, {
    get(t, k) {
      const v = t[k as string];
      if (typeof v !== 'boolean' || typeof k !== 'string' || k.startsWith('mut_')) return v;
      const hit = meetSite('check', `local:${k}`, undefined, v);
      return hit && forced !== null ? forced : v;
    },
    set(t, k, v) {
      t[k as string] = v as Value;
      return true;
    },
  });
  const act = (x: Control) => {
    trace.push(x);
    if (!plan.split) replay(c, [x]);
  };
  /** A lock-function call not made: continue where it would have returned to. */
  const skip = (then: string | undefined, into: string | undefined) => {
    if (into !== undefined) l[into] = null;
    if (then !== undefined) act({ k: 'goto', label: then });
  };
  return {
    get w() {
      return c.w;
    },
    l,
    tid: c.tid,
    choice: c.choice,
    fail: (inv, msg) => c.fail(inv, msg),
    goto: (label) => act({ k: 'goto', label }),
    call(fn, args, then, into) {
      const role = lockRole(fn);
      const key = /^spin/.test(fn) ? 'lru' : pageKey(args.p);
      if (role === 'lock' && dropAcquire('lock', fn, key)) return skip(then, into);
      if (role === 'unlock' && skipRelease('unlock', fn, key, key === 'lru' ? 'lru' : (pageVar(c.l, args.p) ?? 'p'))) return skip(then, into);
      act(then === undefined ? (into === undefined ? { k: 'call', fn, args } : { k: 'call', fn, args, into }) : into === undefined ? { k: 'call', fn, args, then } : { k: 'call', fn, args, then, into });
    },
    ret: (v = null) => act({ k: 'ret', v }),
  };
}

/** The wrapped step. */
function wrap(plan: StepPlan): KStep {
  const { fn, step } = plan;
  const record = plan.record;
  const recordSite = record
    ? (s: Site, value?: boolean) => {
        const k = siteKey(s);
        record.sites.set(k, s);
        if (value === undefined) return;
        let seen = record.seen.get(k);
        if (!seen) record.seen.set(k, (seen = new Set()));
        seen.add(value);
      }
    : null;
  const run = (c: KCtx<string>) => {
    const r: Running = { fn, label: step.label, c, mutation: plan.mutation, record: recordSite, counts: new Map(), quiet: 0, fired: false };
    const prev = setRunning(r);
    try {
      if (record) record.ran.add(`${fn}\u0000${step.label}`);
      if (!plan.proxy) return step.run(c);
      const trace: Control[] = [];
      step.run(proxyCtx(c, plan, trace));
      const to = target(trace, plan.next);
      if (record && to !== null) {
        const k = `${fn}\u0000${step.label}`;
        let set = record.edges.get(k);
        if (!set) record.edges.set(k, (set = new Set()));
        set.add(to);
      }
      if (plan.split) {
        if (r.fired) c.l[SPLIT_CONTROL] = JSON.stringify(trace);
        else if (trace.length) replay(c, trace);
        else if (plan.next !== null) c.goto(plan.next);
        else c.ret(null);
      }
    } finally {
      setRunning(prev);
    }
  };
  return { ...step, run };
}

/** The labels a step was seen to continue at (within its function). */
export function successors(d: Discovery, fn: string, label: string): ReadonlySet<string> {
  return d.edges.get(`${fn}\u0000${label}`) ?? new Set();
}

/** Which steps lead to a step: from discovery's edges. */
export function predecessors(d: Discovery, fn: string, label: string): Set<string> {
  const out = new Set<string>();
  for (const [k, tos] of d.edges) {
    const [f, from] = k.split('\u0000') as [string, string];
    if (f === fn && from !== label && tos.has(label)) out.add(from);
  }
  return out;
}

/**
 * `protocol` instrumented: for discovery (`record`), or as the mutant of
 * `mutation` (with `before`, for an unlock moved earlier: the step it moves
 * in front of).
 * `unlockPage` is the page-lock primitive (passed in to keep this module free
 * of the primitives it hooks).
 */
export function instrument(
  protocol: Protocol,
  how: { readonly record: Discovery } | { readonly mutation: Mutation; readonly before?: string },
  unlockPage: (c: KCtx, v: LocalName) => void,
): Fns {
  const record = 'record' in how ? how.record : null;
  const mutation = 'mutation' in how ? how.mutation : null;
  const site = mutation?.site;
  const out: Fns = {};
  for (const [fn, def] of Object.entries(protocol.fns)) {
    // A mutant changes one function: the others stay the version's own (so the engine's layout learnt for them is reused).
    if (isPrimitive(fn) || (site !== undefined && site.fn !== fn)) {
      out[fn] = def;
      continue;
    }
    const steps: StepDef<World>[] = [];
    def.steps.forEach((step, i) => {
      const next = def.steps[i + 1]?.label ?? null;
      const here = site !== undefined && site.fn === fn;
      const at = here && site.label === step.label;
      const split = at && mutation?.change.kind === 'split';
      const early = here && mutation?.change.kind === 'early' && 'before' in how && how.before === step.label;
      const proxy = record !== null || here;
      if (early && mutation) {
        steps.push(earlyUnlockStep(fn, step, mutation, unlockPage));
        steps.push(wrap({ fn, step: { ...step, label: `${step.label}~body` }, next, record, mutation, proxy, split }));
        return;
      }
      steps.push(wrap({ fn, step, next, record, mutation, proxy, split }));
      if (split && mutation) steps.push(storeStep(fn, step, mutation));
    });
    out[fn] = { steps };
  }
  return out;
}
