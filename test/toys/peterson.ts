/**
 * Toy model: Peterson's mutual exclusion for two threads, correct and a broken
 * variant that omits the `turn` handoff, with the state invariant `mutual-exclusion`.
 */
import type { FnDef, ProgramSpec, StateInvariant, StepDef, SysState } from '../../checker/index.ts';

/** World of Peterson's algorithm. `inCs[i]` marks thread i inside its critical section. */
export interface PetersonWorld {
  flag: [boolean, boolean];
  turn: number;
  inCs: [boolean, boolean];
}

const src = (code: string) => ({ file: 'toy/peterson.c', fn: 'lock', code });
const me = (l: { me?: unknown }) => l.me as number;
const other = (l: { me?: unknown }) => 1 - me(l);

/** The state invariant: never both threads in the critical section. */
export const mutualExclusion: StateInvariant<SysState<PetersonWorld>> = {
  id: 'mutual-exclusion',
  description: 'at most one thread is in its critical section',
  check: (s) => (s.w.inCs[0] && s.w.inCs[1] ? 'both threads are in the critical section' : null),
};

/**
 * One thread's program: `rounds` passes of lock / critical section / unlock.
 * `broken` drops the `turn = other` step, so a thread that finds the turn
 * already its own walks straight in.
 */
export function petersonFn(broken: boolean): FnDef<PetersonWorld> {
  const steps: StepDef<PetersonWorld>[] = [
    {
      label: 'flag',
      src: src('flag[me] = true'),
      writes: (l) => [`flag/${me(l)}`],
      run: (c) => void (c.w.flag[me(c.l)] = true),
    },
  ];
  if (!broken) {
    steps.push({
      label: 'turn',
      src: src('turn = other'),
      writes: () => ['turn'],
      run: (c) => void (c.w.turn = other(c.l)),
    });
  }
  steps.push(
    {
      label: 'await',
      src: src('while (flag[other] && turn == other) ;'),
      reads: (l) => [`flag/${other(l)}`, 'turn'],
      when: (w, l) => !(w.flag[other(l)] && w.turn === other(l)),
      waitsFor: (_w, l) => `flag[${other(l)}] && turn == ${other(l)}`,
      run: () => {},
    },
    {
      label: 'enter',
      src: src('/* critical section */'),
      writes: (l) => [`inCs/${me(l)}`],
      run: (c) => void (c.w.inCs[me(c.l)] = true),
    },
    {
      label: 'leave',
      src: src('/* end of critical section */'),
      writes: (l) => [`inCs/${me(l)}`],
      run: (c) => void (c.w.inCs[me(c.l)] = false),
    },
    {
      label: 'unflag',
      src: src('flag[me] = false'),
      writes: (l) => [`flag/${me(l)}`],
      run: (c) => {
        c.w.flag[me(c.l)] = false;
        c.l.round = (c.l.round as number) + 1;
        if ((c.l.round as number) < (c.l.rounds as number)) c.goto('flag');
      },
    },
  );
  return { steps };
}

/** Peterson's lock for two threads, each taking the lock `rounds` times (default 1). */
export function petersonSpec(opts: { broken?: boolean; rounds?: number } = {}): ProgramSpec<PetersonWorld> {
  const broken = opts.broken ?? false;
  const rounds = opts.rounds ?? 1;
  return {
    name: `peterson${broken ? '-broken' : ''}-${rounds}`,
    world: { flag: [false, false], turn: 0, inCs: [false, false] },
    fns: { lock: petersonFn(broken) },
    threads: [0, 1].map((i) => ({ name: `P${i}`, fn: 'lock', args: { me: i, round: 0, rounds } })),
    stateInvariants: [mutualExclusion],
  };
}
