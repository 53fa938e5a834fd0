/**
 * The one thing a search strategy decides: which discovered state to expand
 * next. The explorer owns the visited set, bounds and invariants.
 */
import type { Action } from '../model.ts';

/** A discovered state waiting to be expanded. */
export interface Entry<S> {
  readonly id: number;
  readonly state: S;
  readonly depth: number;
  /** The actions enabled in `state`, computed once when it was discovered. */
  readonly acts: readonly Action[];
}

/** Order in which discovered states are expanded. */
export interface Frontier<S> {
  push(e: Entry<S>): void;
  pop(): Entry<S> | undefined;
  readonly size: number;
}

/** Names of the built-in strategies. */
export type StrategyName = 'bfs' | 'dfs';
