/**
 * Small helpers to write kernel functions as step programs: a function is
 * named by its kernel file and name, each step by the statement it stands for.
 *
 * Names are typed: a step's `goto` and a call's `then` must name a label of
 * the function being built (`fn` infers the labels from its steps), a `call`
 * must name a function of the model (FnNames), and a local must be one of
 * LocalNames.
 */
import type { Ctx, FnDef, Footprint, Locals, StepDef } from '../checker/index.ts';
import type { Page, World } from './world.ts';

/**
 * Every function a kernel-model step may call, by name (the keys a version's
 * Fns may have). A new function adds its name here; a file outside model/
 * (a scenario's own actor, a test) may add names by augmenting this
 * interface (`declare module '.../model/dsl.ts' { interface FnNames { my_fn: true } }`).
 */
export interface FnNames {
  // Primitives.
  lock_page: true;
  unlock_page: true;
  __SetPageLocked: true;
  spin_lock_lru: true;
  // PG_isolated, movability.
  __SetPageIsolated: true;
  __ClearPageIsolated: true;
  SetPageIsolated: true;
  ClearPageIsolated: true;
  __SetPageMovable: true;
  __ClearPageMovable: true;
  '__SetPageMovable:bit': true;
  '__ClearPageMovable:bit': true;
  PageMovable: true;
  // Compaction and migration.
  compact: true;
  compact_pages: true;
  compact_migrate: true;
  compact_putback: true;
  isolate_migratepages_block: true;
  isolate_movable_page: true;
  migrate_pages: true;
  unmap_and_move: true;
  __unmap_and_move: true;
  move_to_new_page: true;
  move_to_new_folio: true;
  migrate_folio_unmap: true;
  migrate_folio_move: true;
  migrate_movable_ops_page: true;
  putback_movable_page: true;
  putback_movable_ops_page: true;
  putback_movable_pages: true;
  putback_lru_page: true;
  file_migratepage: true;
  // The driver.
  drv_alloc: true;
  drv_free: true;
  drv_free_objects: true;
  drv_isolate_page: true;
  drv_migratepage: true;
  drv_putback_page: true;
  drv_lru: true;
  drv_private_flag: true;
  // Other actors.
  lru_owner: true;
  other_owner: true;
  readahead_owner: true;
  user_map: true;
}

/** The name of a kernel-model function. */
export type FnName = keyof FnNames & string;

/**
 * Every local a kernel-model step may use (its function's parameters
 * included), by name: `c.l.x`, `num(c.l, 'x')`, a call's arguments and
 * `into`. Extensible as FnNames is.
 */
export interface LocalNames {
  /** The page (an index into world.pages), and the migration target. */
  p: true;
  np: true;
  /** PageMovable's `page_locked` parameter, and its result. */
  locked: true;
  mv: true;
  /** compact_zone: isolated?, migrate_pages' result, the pass and the number of pages. */
  iso: true;
  err: true;
  i: true;
  n: true;
  /** A driver object, a flag bit. */
  o: true;
  bit: true;
  /** Return codes and results. */
  rc: true;
  ret: true;
  ok: true;
  /** move_to_new_page. */
  is_lru: true;
  m: true;
  /** unmap_and_move: the new page was put already; 6.1's migrate_folio_move: dst still locked. */
  newput: true;
  dst_locked: true;
  /** A value read before a store (a split atomic operation). */
  old: true;
  /** The mutation tool's own (model/mutation/hook.ts, inserted.ts). */
  mut_held: true;
  mut_early: true;
  mut_old: true;
  mut_page: true;
  mut_bit: true;
  mut_set: true;
  mut_k: true;
}

/**
 * The name of a kernel-model local. (The mutation tool, model/mutation/, also
 * handles locals it finds at run time, through the engine's untyped Locals.)
 */
export type LocalName = keyof LocalNames & string;

/** The names kernel steps may use: functions of FnNames, locals of LocalNames. */
export interface KNames {
  readonly fn: FnName;
  readonly local: LocalName;
}

/** A kernel frame's locals. */
export type KLocals = Locals<LocalName>;

/** A step of the kernel model. */
export type KStep = StepDef<World, string, KNames>;
/** A function of the kernel model. */
export type KFn = FnDef<World, KNames>;
/**
 * The context a kernel step runs in, which may jump to the labels `L` (by
 * default none: a helper taking a `KCtx` changes the world or calls, but
 * does not jump; one that jumps takes `KCtx<L>` and a `then: L`).
 */
export type KCtx<L extends string = never> = Ctx<World, L, KNames>;
/**
 * A named set of kernel functions (a version, an actor, an override), by
 * name. Keys stay open (a test's or scenario's own entry point, which no step
 * calls, needs no entry in FnNames): it is `call` that is checked against FnNames.
 */
export type Fns = Record<string, KFn>;

/**
 * A step before its source reference is filled in: `code` is the statement.
 * `Lb` is its label, `J` the labels it may jump to (by default its function's
 * labels: `fn` gives an inline step the labels of all its steps).
 */
export type StepSpec<Lb extends string = string, J extends string = Lb> = Omit<KStep, 'src' | 'label' | 'run'> & {
  readonly label: Lb;
  readonly code: string;
  readonly run: (c: KCtx<J>) => void;
};

/** Rejects a function whose labels are not literals (a label of type string would let any `goto` through). */
type LiteralLabels<L extends string> = string extends L
  ? { readonly 'a step label has type string: give it a literal type (a literal, `as const`, or a generic helper)': never }
  : unknown;

/**
 * A function of `file` named `name`, whose steps cite their statements. The
 * labels are inferred from the steps: an inline step's `goto` and `then`
 * must name one of them, and a helper's steps (StepSpec<Lb, J>) must jump
 * only to labels the function has.
 */
export function fn<const L extends string>(file: string, name: string, steps: readonly StepSpec<L, NoInfer<L>>[] & LiteralLabels<L>): KFn {
  return { steps: steps.map(({ code, ...rest }) => ({ ...rest, src: { file, fn: name, code } })) };
}

/**
 * A local step's label and statement: control flow on locals only, merged
 * into the step before it. Written `{ ...local(label, code), run: (c) => ... }`
 * (the `run` in the object literal, so that it gets the function's labels).
 */
export function local<const L extends string>(label: L, code: string): { readonly label: L; readonly code: string; readonly local: true } {
  return { label, code, local: true };
}

/** A kernel step's footprint (see Footprint), over its typed locals. */
export type KFootprint = Footprint<World, LocalName>;

/** The number in local `name` (a page index, a return code). */
export function num(l: KLocals, name: LocalName): number {
  const v = l[name];
  if (typeof v !== 'number') throw new Error(`local ${name} is ${String(v)}, expected a number`);
  return v;
}

/** The page whose index is in local `v` (default `p`), as a draft. */
export function pg(c: KCtx, v: LocalName = 'p'): Page {
  const page = c.w.pages[num(c.l, v)];
  if (!page) throw new Error(`no page ${String(c.l[v])}`);
  return page;
}

/** Footprint: fields of the page whose index is in local `v`. */
export function fields(v: LocalName, ...names: string[]): KFootprint {
  return (l) => names.map((n) => `pages/${String(l[v])}/${n}`);
}

/** Footprint: the union of several footprints. */
export function both(...fps: KFootprint[]): KFootprint {
  return (l, w) => fps.flatMap((f) => f(l, w));
}

/** Footprint: fixed world paths. */
export function paths(...ps: string[]): KFootprint {
  return () => ps;
}

/** Kernel return codes used by migration. */
export const RC = { SUCCESS: 0, EAGAIN: -11, ENOMEM: -12, EBUSY: -16 } as const;
