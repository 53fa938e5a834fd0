/**
 * Depth-first order: a LIFO stack. Uses memory proportional to the frontier of
 * one branch rather than one level; its counterexamples are not the shortest.
 */
import type { Entry, Frontier } from './frontier.ts';

/** LIFO frontier. */
export function dfsFrontier<S>(): Frontier<S> {
  const items: Entry<S>[] = [];
  return {
    push(e) {
      items.push(e);
    },
    pop() {
      return items.pop();
    },
    get size() {
      return items.length;
    },
  };
}
