/**
 * Exploration results as a discriminated union (fast-check style):
 * `pass | violation | incomplete`. Formatters read this data; they never run
 * the explorer themselves.
 */
import type { Change, StepInfo } from './model.ts';

/** Counters of one exploration. `seconds` is the only non-deterministic field. */
export interface Stats {
  /** Distinct states visited. */
  readonly states: number;
  /** Transitions (action applications) computed. */
  readonly transitions: number;
  /** Greatest depth (steps from the initial state) reached. */
  readonly depth: number;
  readonly seconds: number;
  /** How the packed search stored states (absent for the object search). */
  readonly fingerprint?: FingerprintStats;
}

/** The visited set of a packed search: what a "pass" rests on. */
export interface FingerprintStats {
  /** `hash64`: 64-bit fingerprints (SPIN's hash compaction); `exact`: whole states. */
  readonly kind: 'hash64' | 'exact';
  /** Upper bound on the probability that two distinct states shared a fingerprint (0 when exact). */
  readonly collisionProbability: number;
  /** Bytes held by the visited set at the end. */
  readonly visitedBytes: number;
  /** Times the search started again with a larger state layout. */
  readonly restarts: number;
  /** With `symmetry`: how many threads the search treated as interchangeable (0: none declared, nothing reduced). */
  readonly symmetricThreads?: number;
  /** With `por`: states expanded through one thread's branches only (partial-order reduction). */
  readonly porReduced?: number;
  /**
   * A violation the reduced breadth-first search found first, at this many
   * states and steps; the result is the search run again without the
   * reduction, for the shortest counterexample (see ../shortest.ts).
   */
  readonly porFirst?: { readonly states: number; readonly steps: number };
  /** With more than one worker: how many searched (packed/parallel.ts). */
  readonly workers?: number;
}

/** One step of a counterexample: the step that ran and what it changed. */
export interface TraceStep extends StepInfo {
  /** 1-based position in the trace. */
  readonly index: number;
  /** The schedule token of this step. */
  readonly token: string;
  /** Changes to the shared state (paths relative to it). */
  readonly changes: readonly Change[];
  /** The same, as human-readable lines (flags by name, refcount, ...). */
  readonly summary: readonly string[];
}

/** Kinds of checks: an assertion made by a step, a state predicate, a transition predicate, an end check, a hang. */
export type CheckKind = 'assert' | 'state' | 'step' | 'end' | 'hang';

/** The bound that stopped a search before it was exhaustive. */
export type Bound = 'max-states' | 'max-depth' | 'time-limit' | 'max-memory';

export interface Pass {
  readonly verdict: 'pass';
  readonly stats: Stats;
}

export interface Violation {
  readonly verdict: 'violation';
  readonly invariant: string;
  readonly kind: CheckKind;
  readonly message: string;
  readonly trace: readonly TraceStep[];
  /** Replayable schedule string: one token per step choice. */
  readonly schedule: string;
  readonly stats: Stats;
}

export interface Incomplete {
  readonly verdict: 'incomplete';
  readonly bound: Bound;
  /** The value of the bound that was hit. */
  readonly limit: number;
  readonly stats: Stats;
}

/** What one exploration concluded. Never `pass` when a bound cut the search. */
export type Result = Pass | Violation | Incomplete;
