/** Toy model: a shared counter incremented by N threads, with load/store as separate steps or one atomic step. */
import type { FnDef, ProgramSpec, StateInvariant, SysState } from '../../checker/index.ts';

/** World of the counter toy. */
export interface CounterWorld {
  count: number;
}

const src = (code: string) => ({ file: 'toy/counter.c', fn: 'inc', code });

/** Load and store as two steps: a lost update is possible. */
export const racyInc: FnDef<CounterWorld> = {
  steps: [
    { label: 'load', src: src('tmp = count'), reads: () => ['count'], run: (c) => void (c.l.tmp = c.w.count) },
    { label: 'store', src: src('count = tmp + 1'), writes: () => ['count'], run: (c) => void (c.w.count = (c.l.tmp as number) + 1) },
  ],
};

/** One atomic read-modify-write step. */
export const atomicInc: FnDef<CounterWorld> = {
  steps: [{ label: 'inc', src: src('atomic_inc(&count)'), writes: () => ['count'], run: (c) => void (c.w.count += 1) }],
};

/** Counter spec with `n` threads; end check: count equals n. */
export function counterSpec(n: number, atomic: boolean): ProgramSpec<CounterWorld> {
  const end: StateInvariant<SysState<CounterWorld>> = {
    id: 'no-lost-update',
    description: 'after all increments, count equals the number of threads',
    check: (s) => (s.w.count === n ? null : `count is ${s.w.count}, expected ${n}`),
  };
  return {
    name: `counter-${atomic ? 'atomic' : 'racy'}-${n}`,
    world: { count: 0 },
    fns: { inc: atomic ? atomicInc : racyInc },
    threads: Array.from({ length: n }, (_, i) => ({ name: `T${i}`, fn: 'inc', args: {} })),
    endChecks: [end],
  };
}
