/** Toy model: two threads take two locks in opposite orders (ABBA), which must hang. */
import type { FnDef, ProgramSpec, StepDef } from '../../checker/index.ts';

/** World of the lock-order toy: the holder (thread number) of each lock, or null. */
export interface LocksWorld {
  locks: Record<'A' | 'B', number | null>;
}

export type LockName = keyof LocksWorld['locks'];

/** Display names of the two threads. */
export const LOCK_THREADS = ['alpha', 'beta'] as const;

const src = (fn: string, code: string) => ({ file: 'toy/locks.c', fn, code });

/** `mutex_lock(&x)`: enabled only while x is free; when asleep, names the holder. */
function acquire(fn: string, x: LockName): StepDef<LocksWorld> {
  return {
    label: `lock-${x}`,
    src: src(fn, `mutex_lock(&${x})`),
    reads: () => [`locks/${x}`],
    writes: () => [`locks/${x}`],
    when: (w) => w.locks[x] === null,
    waitsFor: (w) => `lock ${x} held by ${LOCK_THREADS[w.locks[x] ?? -1] ?? 'nobody'}`,
    run: (c) => void (c.w.locks[x] = c.tid),
  };
}

/** `mutex_unlock(&x)`. */
function release(fn: string, x: LockName): StepDef<LocksWorld> {
  return {
    label: `unlock-${x}`,
    src: src(fn, `mutex_unlock(&${x})`),
    writes: () => [`locks/${x}`],
    run: (c) => void (c.w.locks[x] = null),
  };
}

/** Takes `first` then `second`, releases in reverse order. */
export function lockPair(fn: string, first: LockName, second: LockName): FnDef<LocksWorld> {
  return { steps: [acquire(fn, first), acquire(fn, second), release(fn, second), release(fn, first)] };
}

/** alpha takes A then B; beta takes B then A (or A then B too when `sameOrder`, which cannot hang). */
export function locksSpec(opts: { sameOrder?: boolean } = {}): ProgramSpec<LocksWorld> {
  return {
    name: opts.sameOrder ? 'locks-same-order' : 'locks-abba',
    world: { locks: { A: null, B: null } },
    fns: {
      ab: lockPair('ab', 'A', 'B'),
      ba: lockPair('ba', 'B', 'A'),
    },
    threads: [
      { name: LOCK_THREADS[0], fn: 'ab', args: {} },
      { name: LOCK_THREADS[1], fn: opts.sameOrder ? 'ab' : 'ba', args: {} },
    ],
  };
}
