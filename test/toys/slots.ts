/**
 * Toy model for symmetry: threads that each take a shared lock, bump their own
 * slot and give the lock back. Every thread runs the same code on its own
 * slot (its entity), so any two are interchangeable; slotsRenaming says how to rename.
 */
import type { FnDef, ProgramSpec, WorldRenaming } from '../../checker/index.ts';

/** The lock's holder (-1: free) and one counter slot per thread. */
export interface SlotsWorld {
  owner: number;
  c: number[];
}

const src = (code: string) => ({ file: 'toy/slots.c', fn: 'bump', code });

/** take (spin until free), inc, give. */
export const bump: FnDef<SlotsWorld> = {
  steps: [
    {
      label: 'take',
      src: src('spin_lock(&lock)'),
      when: (w) => w.owner === -1,
      run: (c) => void (c.w.owner = c.tid),
    },
    { label: 'inc', src: src('c[i]++'), run: (c) => void (c.w.c[c.l.i as number] = (c.w.c[c.l.i as number] as number) + 1) },
    { label: 'give', src: src('spin_unlock(&lock)'), run: (c) => void (c.w.owner = -1) },
  ],
};

/** Where a slots world names threads and slots; `forgetOwner` leaves the lock holder out (a broken renaming, for tests). */
export function slotsRenaming(forgetOwner = false): WorldRenaming {
  return forgetOwner ? { entities: 'c' } : { entities: 'c', threadIds: [{ path: 'owner' }] };
}

/** `n` threads bumping slots 0..n-1, all interchangeable unless `symmetric` is false; `start` gives the slots' first values. */
export function slotsSpec(n: number, opts: { symmetric?: boolean; forgetOwner?: boolean; start?: number[] } = {}): ProgramSpec<SlotsWorld> {
  const threads = Array.from({ length: n }, (_, t) => ({ name: `T${t}`, fn: 'bump', args: { i: t } }));
  const spec: ProgramSpec<SlotsWorld> = {
    name: 'slots',
    world: { owner: -1, c: opts.start ?? new Array<number>(n).fill(0) },
    fns: { bump },
    threads,
  };
  if (opts.symmetric === false) return spec;
  return {
    ...spec,
    symmetry: {
      groups: [{ threads: threads.map((_, t) => t), blocks: threads.map((_, t) => [t]) }],
      entityLocals: ['i'],
      world: slotsRenaming(opts.forgetOwner),
    },
  };
}
