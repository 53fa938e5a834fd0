/**
 * Where automatic mutants reach into the model: the step that runs (set by
 * the instrumented steps of instrument.ts), and the calls the primitives
 * make at each operation they perform (take or drop a lock or a reference, an
 * atomic or non-atomic flag operation, a flag test). Outside an instrumented
 * step (plain versions, guards, invariants, reports) nothing is running and
 * every hook answers "do as usual" at the cost of one null test.
 *
 * A site is one operation of one step: its function, step label, kind, what it
 * is (e.g. `trylock_page(p)`), and its occurrence among equal operations of
 * that step's run. In discovery every site met is recorded; in a mutant one
 * site behaves differently, as its `Change` says.
 */
import type { KCtx } from '../dsl.ts';

/** Kind of operation a site performs. */
export type Op = 'lock' | 'unlock' | 'get' | 'put' | 'atomic-bit' | 'nonatomic-bit' | 'check';

/** One operation of one step of a version. */
export interface Site {
  /** Function (key in the version's fns) and step label. */
  readonly fn: string;
  readonly label: string;
  readonly op: Op;
  /** What the operation is, e.g. `trylock_page(p)`, `test(PG_reclaim)`, `local mv`. */
  readonly what: string;
  /** Occurrence among the operations of equal `op` and `what` in one run of the step (0 first). */
  readonly nth: number;
  /** For an unlock: the lock it releases, as a local name of the page (`p`, `np`) or `lru`. */
  readonly v?: string;
}

/** How the mutated site behaves. */
export type Change =
  /** lock or get: not done (and the matching unlock or put of the same frame is not done either); put: not done. */
  | { readonly kind: 'drop' }
  /** check: always this value. */
  | { readonly kind: 'force'; readonly value: boolean }
  /** atomic-bit: a load now and a store in a step of its own right after. */
  | { readonly kind: 'split' }
  /** nonatomic-bit: the load does the whole operation atomically. */
  | { readonly kind: 'fuse' }
  /** unlock: moved in front of the step before it (see instrument.ts). */
  | { readonly kind: 'early' };

/** One mutation: a site and how it changes. */
export interface Mutation {
  readonly site: Site;
  readonly change: Change;
}

/** The step being run by an instrumented step. */
export interface Running {
  readonly fn: string;
  readonly label: string;
  readonly c: KCtx;
  /** The mutation of the version being run, or null (discovery). */
  readonly mutation: Mutation | null;
  /** Records each site met (discovery), with the value a check gave, or null. */
  readonly record: ((s: Site, value?: boolean) => void) | null;
  /** Occurrences so far in this run, by `op|what`. */
  readonly counts: Map<string, number>;
  /** Nesting of primitives whose own flag tests are not the step's checks. */
  quiet: number;
  /** Set when the mutated site ran in this step. */
  fired: boolean;
}

let running: Running | null = null;

/** True while an instrumented step runs (primitives test this before naming their operation). */
export function mutating(): boolean {
  return running !== null;
}

/** Sets (or clears, with null) the running step; returns the previous one. */
export function setRunning(r: Running | null): Running | null {
  const prev = running;
  running = r;
  return prev;
}

/** Local of a frame: the acquisition a mutant dropped (`page:N`, `lru`, `ref:N`), whose release in the same frame is dropped too. */
export const HELD = 'mut_held';
/** Local of a frame: the lock a mutant released one step early (`page:N`, `lru`), whose unlock is then skipped. */
export const EARLY = 'mut_early';

/**
 * Meets a site: records it, and tells whether it is the mutated one (then
 * `fired` is set). Null when nothing is running or the site is quiet.
 */
function meet(op: Op, what: string, v?: string, value?: boolean): Running | null {
  const r = running;
  if (r === null || (op === 'check' && r.quiet > 0)) return null;
  const key = `${op}|${what}`;
  const nth = r.counts.get(key) ?? 0;
  r.counts.set(key, nth + 1);
  if (r.record) r.record(v === undefined ? { fn: r.fn, label: r.label, op, what, nth } : { fn: r.fn, label: r.label, op, what, nth, v }, value);
  const m = r.mutation;
  if (m === null) return null;
  const s = m.site;
  if (s.op !== op || s.nth !== nth || s.what !== what || s.label !== r.label || s.fn !== r.fn) return null;
  r.fired = true;
  return r;
}

/** Runs `f` with the flag tests inside it not counted as the step's checks (a primitive's own tests). */
export function quietly<T>(f: () => T): T {
  const r = running;
  if (r === null) return f();
  r.quiet++;
  try {
    return f();
  } finally {
    r.quiet--;
  }
}

/** An acquisition (`lock` or `get`) of `key`: true when the mutant drops it (the caller then acts as if it succeeded). */
export function dropAcquire(op: 'lock' | 'get', what: string, key: string): boolean {
  const r = meet(op, what);
  if (r === null || r.mutation?.change.kind !== 'drop') return false;
  r.c.l[HELD] = key;
  return true;
}

/**
 * A release (`unlock` or `put`) of `key` (`v`: the local naming its page):
 * true when it is not to be done, because the mutant dropped its acquisition
 * in this frame, released it early, or drops this put.
 */
export function skipRelease(op: 'unlock' | 'put', what: string, key: string, v: string): boolean {
  const r = running;
  if (r === null) return false;
  const l = r.c.l;
  const hit = meet(op, what, op === 'unlock' ? v : undefined);
  const kind = r.mutation?.change.kind;
  if (kind === 'drop' && l[HELD] === key) {
    l[HELD] = null;
    return true;
  }
  if (kind === 'early' && op === 'unlock' && l[EARLY] === key) {
    l[EARLY] = null;
    return true;
  }
  return hit !== null && op === 'put' && kind === 'drop';
}

/** A flag test's result `value`: the forced value when the mutant forces this check. */
export function check(value: boolean, what: string): boolean {
  const r = meet('check', what, undefined, value);
  if (r === null) return value;
  const ch = r.mutation?.change;
  return ch?.kind === 'force' ? ch.value : value;
}

/** Locals of a split atomic flag operation (load done, store pending). */
export const SPLIT = { old: 'mut_old', page: 'mut_page', bit: 'mut_bit', set: 'mut_set' } as const;

/**
 * An atomic set_bit/clear_bit of bit `b` on the page in local `v`: true when
 * the mutant splits it (the load is recorded in the frame's locals; the store
 * is a step of its own, see instrument.ts).
 */
export function splitAtomic(what: string, flags: number, page: number, b: number, set: boolean): boolean {
  const r = meet('atomic-bit', what);
  if (r === null || r.mutation?.change.kind !== 'split') return false;
  const l = r.c.l;
  l[SPLIT.old] = flags;
  l[SPLIT.page] = page;
  l[SPLIT.bit] = b;
  l[SPLIT.set] = set;
  return true;
}

/** The load of a non-atomic flag operation: true when the mutant makes it atomic (the load does it all). */
export function fuseNonAtomic(what: string): boolean {
  const r = meet('nonatomic-bit', what);
  return r !== null && r.mutation?.change.kind === 'fuse';
}

/** Meets a site the instrumented step handles itself (calls of lock functions, reads of boolean locals); true when it is the mutated one. */
export function meetSite(op: Op, what: string, v?: string, value?: boolean): boolean {
  return meet(op, what, v, value) !== null;
}
