/**
 * Breadth-first order: a FIFO queue. The first violation found is at the
 * smallest depth, so its trace is a shortest counterexample.
 */
import type { Entry, Frontier } from './frontier.ts';

/** FIFO frontier (array with a moving head, compacted when half is consumed). */
export function bfsFrontier<S>(): Frontier<S> {
  let items: Entry<S>[] = [];
  let head = 0;
  return {
    push(e) {
      items.push(e);
    },
    pop() {
      if (head >= items.length) return undefined;
      const e = items[head++];
      if (head > 4096 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return e;
    },
    get size() {
      return items.length - head;
    },
  };
}
