/** Toy model: two threads, each running two independent steps that write only their own variables. */
import type { FnDef, ProgramSpec } from '../../checker/index.ts';

/** World of the independent-steps toy: each thread owns one slot of `a` and one of `b`. */
export interface IndependentWorld {
  a: [boolean, boolean];
  b: [boolean, boolean];
}

const src = (code: string) => ({ file: 'toy/independent.c', fn: 'work', code });
const me = (l: { me?: unknown }) => l.me as number;

/** Two steps: set own a, then own b. Nothing is shared, so every interleaving ends in the same state. */
export const work: FnDef<IndependentWorld> = {
  steps: [
    { label: 'set-a', src: src('a[me] = 1'), writes: (l) => [`a/${me(l)}`], run: (c) => void (c.w.a[me(c.l)] = true) },
    { label: 'set-b', src: src('b[me] = 1'), writes: (l) => [`b/${me(l)}`], run: (c) => void (c.w.b[me(c.l)] = true) },
  ],
};

/**
 * Two threads of two steps each. The reachable states are the pairs of
 * program counters (0, 1, finished) of the two threads: 3 x 3 = 9.
 */
export function independentSpec(): ProgramSpec<IndependentWorld> {
  return {
    name: 'independent-2x2',
    world: { a: [false, false], b: [false, false] },
    fns: { work },
    threads: [
      { name: 'T0', fn: 'work', args: { me: 0 } },
      { name: 'T1', fn: 'work', args: { me: 1 } },
    ],
  };
}
