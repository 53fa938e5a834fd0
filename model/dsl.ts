/**
 * Small helpers to write kernel functions as step programs: a function is
 * named by its kernel file and name, each step by the statement it stands for.
 */
import type { Ctx, FnDef, Footprint, Locals, StepDef } from '../checker/index.ts';
import type { Page, World } from './world.ts';

/** A step of the kernel model. */
export type KStep = StepDef<World>;
/** A function of the kernel model. */
export type KFn = FnDef<World>;
/** The context a kernel step runs in. */
export type KCtx = Ctx<World>;
/** A named set of kernel functions (a version, an actor, an override). */
export type Fns = Record<string, KFn>;

/** A step before its source reference is filled in: `code` is the statement. */
export type StepSpec = Omit<KStep, 'src'> & { readonly code: string };

/** A function of `file` named `name`, whose steps cite their statements. */
export function fn(file: string, name: string, steps: readonly StepSpec[]): KFn {
  return { steps: steps.map(({ code, ...rest }) => ({ ...rest, src: { file, fn: name, code } })) };
}

/** A local step: control flow on locals only, merged into the step before it. */
export function local(label: string, code: string, run: (c: KCtx) => void): StepSpec {
  return { label, code, local: true, run };
}

/** The number in local `name` (a page index, a return code). */
export function num(l: Locals, name: string): number {
  const v = l[name];
  if (typeof v !== 'number') throw new Error(`local ${name} is ${String(v)}, expected a number`);
  return v;
}

/** The page whose index is in local `v` (default `p`), as a draft. */
export function pg(c: KCtx, v = 'p'): Page {
  const page = c.w.pages[num(c.l, v)];
  if (!page) throw new Error(`no page ${String(c.l[v])}`);
  return page;
}

/** Footprint: fields of the page whose index is in local `v`. */
export function fields(v: string, ...names: string[]): Footprint<World> {
  return (l) => names.map((n) => `pages/${String(l[v])}/${n}`);
}

/** Footprint: the union of several footprints. */
export function both(...fps: Footprint<World>[]): Footprint<World> {
  return (l, w) => fps.flatMap((f) => f(l, w));
}

/** Footprint: fixed world paths. */
export function paths(...ps: string[]): Footprint<World> {
  return () => ps;
}

/** Kernel return codes used by migration. */
export const RC = { SUCCESS: 0, EAGAIN: -11, ENOMEM: -12, EBUSY: -16 } as const;
