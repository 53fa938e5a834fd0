/**
 * The engine's view of a model (stateright's split): an initial state, the
 * actions enabled in a state, a pure `apply`, and named invariants. The
 * explorer and the strategies import only these types, never a scenario.
 */

/** Where a step stands in the modelled source, so a trace can cite it. */
export interface SourceRef {
  /** Source file, e.g. `mm/migrate.c`. */
  readonly file: string;
  /** Function the statement belongs to, e.g. `isolate_movable_page`. */
  readonly fn: string;
  /** The statement text as written in the source. */
  readonly code: string;
}

/**
 * One choice the explorer can take in a state: which thread moves and, when the
 * thread's next step is a nondeterministic branch, which branch. `choices` is
 * the number of branches of that step (1 for an ordinary step).
 */
export interface Action {
  readonly thread: number;
  readonly choice: number;
  readonly choices: number;
}

/** A change to the state made by a step, as an immer patch (path into the state). */
export interface Change {
  readonly op: 'replace' | 'add' | 'remove';
  readonly path: readonly (string | number)[];
  readonly value?: unknown;
}

/** What a trace shows of one step: who moved, which statement, what changed. */
export interface StepInfo {
  readonly thread: number;
  readonly threadName: string;
  readonly label: string;
  /** Name of the branch taken, for nondeterministic steps. */
  readonly branch?: string;
  readonly src: SourceRef;
}

/** A predicate on one state. Returns null when it holds, else a one-sentence message. */
export interface StateInvariant<S> {
  readonly id: string;
  readonly description: string;
  /** `assert` when the predicate reports an assertion a step made (see ctx.fail); default `state`. */
  readonly kind?: 'assert' | 'state';
  /**
   * True when the predicate reads only the shared world (and a recorded fault),
   * never a thread's pc or locals: the packed search then skips it on a state
   * whose world its parent already had.
   */
  readonly worldOnly?: boolean;
  check(s: S): string | null;
}

/** A predicate on one transition (before, after, the action taken). */
export interface StepInvariant<S> {
  readonly id: string;
  readonly description: string;
  /** True when the predicate holds whenever the world is unchanged: the packed search skips it on such steps. */
  readonly worldOnly?: boolean;
  check(before: S, after: S, action: Action, model: Model<S>): string | null;
}

/**
 * A finite transition system the explorer can search. `apply` must be pure
 * and deterministic: the same state and action always give the same result,
 * which is what makes schedules replayable.
 */
export interface Model<S> {
  readonly name: string;
  /** Display names of the threads, indexed by thread number. */
  readonly threadNames: readonly string[];
  init(): S;
  /** Actions enabled in `s`, in a fixed order (thread, then choice). */
  actions(s: S): Action[];
  apply(s: S, a: Action): S;
  /**
   * Like `apply`, also returning which step ran and what it changed in the
   * shared state: raw changes, and a human-readable summary (one line each).
   */
  explain(s: S, a: Action): { next: S; changes: Change[]; summary: string[]; step: StepInfo };
  /** Canonical key of a state: equal states give equal keys. */
  fingerprint(s: S): string;
  /** True when every thread has finished. */
  isDone(s: S): boolean;
  /** For a state with no enabled action and not done: who sleeps on what. */
  describeStuck(s: S): string;
  readonly stateInvariants: readonly StateInvariant<S>[];
  readonly stepInvariants: readonly StepInvariant<S>[];
  /** Checked on states where every thread has finished. */
  readonly endChecks: readonly StateInvariant<S>[];
}

/** The invariant id reported for a state where nothing can move but not all threads are done. */
export const NO_HANG = 'no-hang';
