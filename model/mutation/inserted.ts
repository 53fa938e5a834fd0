/**
 * What a mutant adds to a function besides changed steps: the store step of a
 * split atomic flag operation, the unlock step moved in front of the step
 * before it, and the control flow a step took (recorded, and replayed later
 * by a store step).
 */
import type { Locals, Value } from '../../checker/index.ts';
import { bit, flagNames } from '../flags.ts';
import type { FnName, KCtx, KStep, LocalName } from '../dsl.ts';
import { EARLY, setRunning, SPLIT, type Mutation, type Running } from './hook.ts';

/** A control action a step took. */
export type Control =
  | { readonly k: 'goto'; readonly label: string }
  | { readonly k: 'call'; readonly fn: FnName; readonly args: Locals; readonly then?: string; readonly into?: LocalName }
  | { readonly k: 'ret'; readonly v: Value };

export function replay(c: KCtx<string>, cs: readonly Control[]): void {
  for (const x of cs) {
    if (x.k === 'goto') c.goto(x.label);
    else if (x.k === 'call') c.call(x.fn, x.args, x.then, x.into);
    else c.ret(x.v);
  }
}

/** The label a step continued at within its function, or null (it returned). */
export function target(cs: readonly Control[], next: string | null): string | null {
  const last = cs[cs.length - 1];
  if (last === undefined) return next;
  if (last.k === 'goto') return last.label;
  if (last.k === 'call') return last.then ?? next;
  return null;
}

/** Lock key of a page index. */
export const pageKey = (p: unknown) => `page:${String(p)}`;

/**
 * The step inserted, under `before`'s label, in front of the step `before`
 * that always leads to the mutated unlock: it releases what that unlock
 * would (when this thread holds it) and marks it done, so `before` runs
 * without the lock.
 */
export function earlyUnlockStep(fn: string, before: KStep, mutation: Mutation, unlockPage: (c: KCtx, v: LocalName) => void): KStep {
  const site = mutation.site;
  const v = site.v ?? 'p';
  const foot = (l: Locals) => (v === 'lru' ? ['lruLock'] : ['flags', 'lockers', 'waitq'].map((f) => `pages/${String(l[v])}/${f}`));
  return {
    label: before.label,
    src: { ...before.src, code: `${site.what} /* MUTANT: moved here from the step after */ ${before.src.code}` },
    // unlock_page() also reads which page lock the kernel has (World.bitWaitqueue).
    reads: (l) => [...foot(l), 'bitWaitqueue'],
    writes: foot,
    run: (c: KCtx) => {
      const r: Running = { fn, label: before.label, c, mutation, record: null, counts: new Map(), quiet: 0, fired: false };
      const prev = setRunning(r);
      try {
        if (v === 'lru') {
          if (c.w.lruLock !== c.tid) return;
          c.w.lruLock = -1;
          c.l[EARLY] = 'lru';
          return;
        }
        const p = (c.l as Locals)[v];
        const page = typeof p === 'number' ? c.w.pages[p] : undefined;
        if (!page || !(page.lockers & bit(c.tid))) return;
        unlockPage(c, v as LocalName);
        c.l[EARLY] = pageKey(p);
      } finally {
        setRunning(prev);
      }
    },
  };
}

/** Local holding the deferred control flow of a split atomic step. */
export const SPLIT_CONTROL = 'mut_k';

/** The store step inserted after a split atomic step: store the loaded word with the bit changed (reporting a lost update, as the non-atomic helpers do), then the step's own control flow. */
export function storeStep(fn: string, step: KStep, mutation: Mutation): KStep {
  const flagsOf = (l: Locals) => [`pages/${String(l[SPLIT.page])}/flags`];
  return {
    label: `${step.label}~store`,
    src: { ...step.src, code: `${step.src.code} [MUTANT: non-atomic, the store of page->flags]` },
    reads: flagsOf,
    writes: flagsOf,
    run: (c: KCtx) => {
      const r: Running = { fn, label: `${step.label}~store`, c, mutation, record: null, counts: new Map(), quiet: 0, fired: false };
      const prev = setRunning(r);
      try {
        const l = c.l;
        const p = l[SPLIT.page];
        const page = typeof p === 'number' ? c.w.pages[p] : undefined;
        if (page) {
          const b = l[SPLIT.bit] as number;
          const old = l[SPLIT.old] as number;
          const next = l[SPLIT.set] ? old | bit(b) : old & ~bit(b);
          const undone = (page.flags ^ next) & ~bit(b);
          if (undone) {
            c.fail('no-lost-flag-update', `${step.src.fn} (made non-atomic) stored a stale page->flags: ${flagNames(undone)}, changed by another thread after the load, is undone`);
          }
          page.flags = next;
        }
        const cs = typeof l[SPLIT_CONTROL] === 'string' ? (JSON.parse(l[SPLIT_CONTROL] as string) as Control[]) : [];
        for (const k of [SPLIT.page, SPLIT.bit, SPLIT.old, SPLIT.set, SPLIT_CONTROL] as const) l[k] = null;
        replay(c, cs);
      } finally {
        setRunning(prev);
      }
    },
  };
}

