/**
 * Thread programs: a thread runs functions made of labelled atomic steps, with
 * a program counter, locals and a call stack (so a kernel function can call
 * another, or a driver callback, and get a value back). Steps change the world
 * through an immer draft and declare the shared objects they read and write.
 */
import type { SourceRef } from '../model.ts';

/** A value a thread can keep in its locals. */
export type Value = number | string | boolean | null;

/**
 * A frame's local variables (including the function's parameters). A program
 * may name its locals (`K`, a union of names): then only those keys exist.
 */
export type Locals<K extends string = string> = string extends K ? Record<string, Value> : { [k in K]?: Value };

/**
 * The names a program's steps may use, for type checking: the functions they
 * call and their locals. The default allows any string; a program that lists
 * its names (a union each) gets a `call` to a missing function or a use of
 * an unknown local rejected by the compiler.
 */
export interface Names {
  readonly fn: string;
  readonly local: string;
}

/** One activation of a function on a thread's stack. */
export interface Frame {
  /** Function name (key in ProgramSpec.fns). */
  readonly fn: string;
  /** Index of the next step in the function's `steps`. */
  readonly pc: number;
  readonly l: Locals;
  /** Local of the caller that receives the return value, or null. */
  readonly ret: string | null;
}

/** A thread: its call stack. An empty stack means the thread has finished. */
export interface ThreadState {
  readonly frames: readonly Frame[];
}

/** A failed assertion recorded by a step (`ctx.fail`), reported as a violation of `inv`. */
export interface Fault {
  readonly inv: string;
  readonly msg: string;
  readonly thread: number;
}

/** The whole system: the shared world, every thread, and a recorded fault. */
export interface SysState<W> {
  readonly w: W;
  readonly t: readonly ThreadState[];
  readonly fault: Fault | null;
}

/**
 * Names of the shared objects a step touches, as paths into the world joined
 * by `/` (for example `pages/0/flags`, `lruLock`). A declared path covers every
 * path below it. Computed from the step's locals and the world before the step.
 */
export type Footprint<W, K extends string = string> = (l: Locals<K>, w: W) => readonly string[];

/**
 * What a step's `run` can do besides changing the world. `L` is the labels of
 * the current function it may jump to (`goto`, a call's `then`), `N` the
 * names it may call and use as locals; both default to any string.
 */
export interface Ctx<W, L extends string = string, N extends Names = Names> {
  /** The world, as a mutable immer draft. */
  readonly w: W;
  /** The current frame's locals, mutable. */
  readonly l: Locals<N['local']>;
  /** Number of the thread that runs the step. */
  readonly tid: number;
  /** The branch taken, for a step with `choices`; else null. */
  readonly choice: string | null;
  /** Records a failed assertion: the resulting state violates invariant `inv`. */
  fail(inv: string, msg: string): void;
  /** Continue at the step labelled `label` of the current function. */
  goto(label: L): void;
  /**
   * Call function `fn` with `args`; when it returns, continue at `then` (default:
   * the next step) with the return value stored in local `into` (if given).
   */
  call(fn: N['fn'], args: Locals<N['local']>, then?: L, into?: N['local']): void;
  /** Return from the current function with `value`. */
  ret(value?: Value): void;
}

/** One atomic step; `L` and `N` as in Ctx. */
export interface StepDef<W, L extends string = string, N extends Names = Names> {
  /** Label, unique within its function. */
  readonly label: L;
  readonly src: SourceRef;
  readonly reads?: Footprint<W, N['local']>;
  readonly writes?: Footprint<W, N['local']>;
  /**
   * A step that changes no shared object (control flow on locals, a call, a
   * return): it runs at once after the step before it, in the same
   * transition. It must have no `when`, `choices` or `writes`; what it reads
   * of the world (a ghost check, a callback through a field) it declares in
   * `reads`, which belong to that transition's footprint.
   */
  readonly local?: boolean;
  /** Names of the branches of a nondeterministic step; the explorer takes each. */
  readonly choices?: readonly string[];
  /** Enabled only when this holds (a sleeping or spinning thread is not enabled). */
  readonly when?: (w: W, l: Locals<N['local']>, tid: number) => boolean;
  /** When not enabled: what the thread waits for (for `no-hang` reports); `names` are the thread names. */
  readonly waitsFor?: (w: W, l: Locals<N['local']>, tid: number, names: readonly string[]) => string;
  /** The step's effect. Without goto/call/ret the thread continues with the next step; after the last step it returns null. */
  run(ctx: Ctx<W, L, N>): void;
}

/** A function: an ordered list of steps (its labels no longer part of the type). */
export interface FnDef<W, N extends Names = Names> {
  readonly steps: readonly StepDef<W, string, N>[];
}

/** A thread to start: its display name and entry call. */
export interface ThreadSpec {
  readonly name: string;
  readonly fn: string;
  readonly args: Locals;
}

/** An assertion id that steps may report through `ctx.fail`, with what it means. */
export interface AssertSpec {
  readonly id: string;
  readonly description: string;
}

/**
 * Which world fields name threads or entities, so that a state can be renamed
 * (symmetry reduction). Paths are `/`-joined segments, a segment `*`
 * standing for any array index. Leaves not named here are copied as they are.
 */
export interface WorldRenaming {
  /** The array whose elements are the entities (a kernel model's pages): an element moves whole to its entity's new number. */
  readonly entities: string;
  /** Leaves holding one bit per thread. */
  readonly threadMasks?: readonly string[];
  /** Leaves holding a thread number (negative: none), or `base` + a thread number when at least `base`. */
  readonly threadIds?: readonly { readonly path: string; readonly base?: number }[];
  /** Arrays indexed by `offset` + a thread number. */
  readonly threadArrays?: readonly { readonly path: string; readonly offset: number }[];
  /** Leaves holding an entity number (negative: none). */
  readonly entityIds?: readonly string[];
}

/**
 * Interchangeable threads (symmetry reduction, `--symmetry`): threads of a
 * group run the same code from equivalent starts, each with its own block of
 * entities (a kernel model's pages), so a state and the state with two of them
 * swapped (their blocks swapped too) have the same futures up to that
 * renaming. The search keeps one state per class. The engine checks what it
 * can: the initial state must be invariant under every swap, and the warm-up
 * checks that steps commute with renaming and that invariants do not tell
 * renamed states apart (see packed/symmetry.ts).
 */
export interface SymmetrySpec {
  /** Groups of interchangeable threads: `threads[i]` owns the entities `blocks[i]` (all blocks of a group equally long). */
  readonly groups: readonly { readonly threads: readonly number[]; readonly blocks: readonly (readonly number[])[] }[];
  /** Locals (in every function) whose values are entity numbers, renamed with their entities. */
  readonly entityLocals: readonly string[];
  /** Where the world names threads and entities. */
  readonly world: WorldRenaming;
}
