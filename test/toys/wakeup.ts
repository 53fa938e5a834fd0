/**
 * Toy model: a sleeper and a waker. The sleeper waits for `cond`; the waker
 * sets `cond` and wakes the sleeper if it has announced itself (`waiting`).
 * Correct: the sleeper announces itself before it tests `cond`. Broken: it
 * tests first, so the waker can set `cond` and find nobody waiting in between
 * (a lost wake-up), and the sleeper then sleeps for ever (`no-hang`).
 */
import type { FnDef, ProgramSpec, StepDef } from '../../checker/index.ts';

/** World of the wake-up toy. `woken` is set by the wake-up and is all that tells a stuck sleeper from a woken one. */
export interface WakeupWorld {
  cond: boolean;
  waiting: boolean;
  woken: boolean;
}

/** Display names of the two threads. */
export const WAKEUP_THREADS = ['sleeper', 'waker'] as const;

const src = (fn: string, code: string) => ({ file: 'toy/wakeup.c', fn, code });

const prepare: StepDef<WakeupWorld> = {
  label: 'prepare',
  src: src('wait_for_cond', 'prepare_to_wait(&wq); /* waiting = true */'),
  writes: () => ['waiting'],
  run: (c) => void (c.w.waiting = true),
};

const check: StepDef<WakeupWorld> = {
  label: 'check',
  src: src('wait_for_cond', 'if (cond) return;'),
  reads: () => ['cond'],
  run: (c) => {
    if (c.w.cond) c.ret(null);
  },
};

const sleep: StepDef<WakeupWorld> = {
  label: 'sleep',
  src: src('wait_for_cond', 'schedule(); /* until woken */'),
  reads: () => ['woken'],
  when: (w) => w.woken,
  waitsFor: () => 'a wake-up',
  run: () => {},
};

/** The sleeper: prepare, check, sleep (correct) or check, prepare, sleep (broken). */
export function sleeperFn(broken: boolean): FnDef<WakeupWorld> {
  return { steps: broken ? [check, prepare, sleep] : [prepare, check, sleep] };
}

/** The waker: set cond, then wake the sleeper if it is waiting. */
export const wakerFn: FnDef<WakeupWorld> = {
  steps: [
    { label: 'set', src: src('wake_up_cond', 'cond = true;'), writes: () => ['cond'], run: (c) => void (c.w.cond = true) },
    {
      label: 'wake',
      src: src('wake_up_cond', 'if (waiting) wake_up(&wq); /* woken = true */'),
      reads: () => ['waiting'],
      writes: () => ['woken'],
      run: (c) => {
        if (c.w.waiting) c.w.woken = true;
      },
    },
  ],
};

/** The sleeper (thread 0) and the waker (thread 1). */
export function wakeupSpec(opts: { broken?: boolean } = {}): ProgramSpec<WakeupWorld> {
  const broken = opts.broken ?? false;
  return {
    name: broken ? 'wakeup-lost' : 'wakeup',
    world: { cond: false, waiting: false, woken: false },
    fns: { wait_for_cond: sleeperFn(broken), wake_up_cond: wakerFn },
    threads: [
      { name: WAKEUP_THREADS[0], fn: 'wait_for_cond', args: {} },
      { name: WAKEUP_THREADS[1], fn: 'wake_up_cond', args: {} },
    ],
  };
}
