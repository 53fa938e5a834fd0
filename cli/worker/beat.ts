/**
 * The heartbeat of a search running in a worker thread (see isolate.ts): the
 * steps, guards and invariants of a pair's model, and a hand-written model's
 * own functions, are wrapped (watch.ts) to mark, in memory shared with the
 * main thread, which of them runs and that it runs; each pair's build and
 * search start are marked too. The main thread's watchdog reads them to stop
 * one that never returns, and a search that overruns --time-limit inside one.
 * Outside a worker nothing is wrapped.
 */
import type { MessagePort } from 'node:worker_threads';
import type { StepDef } from '../../checker/index.ts';

/** Slots of the shared heartbeat. */
export const BEAT = { inStep: 0, step: 1, seq: 2, phase: 3 } as const;

/** What the worker is doing: loading files (until the first build), building a pair's model, or searching it. */
export const PHASE = { load: 0, build: 1, search: 2 } as const;

function phase(ph: number): void {
  if (beat === null) return;
  Atomics.store(beat, BEAT.phase, ph);
  Atomics.add(beat, BEAT.seq, 1);
}

/** Messages a worker posts to the main thread. */
export type WorkerMessage =
  | { readonly t: 'out' | 'err'; readonly s: string }
  | { readonly t: 'done'; readonly code: number }
  | { readonly t: 'steps'; readonly from: number; readonly names: readonly string[] }
  | { readonly t: 'pair'; readonly scenario: string; readonly protocol: string };

let beat: Int32Array | null = null;
let port: MessagePort | null = null;
let nextId = 0;

/** True in a worker whose heartbeat runs. */
export function beatOn(): boolean {
  return beat !== null;
}

/** Starts beating into `shared`, posting to `p` (called once, in the worker). */
export function startBeat(shared: Int32Array, p: MessagePort): void {
  beat = shared;
  port = p;
}

/** Tells the watchdog the search goes on though no step runs in this thread (a parallel search's steps run in its workers). */
export function heartbeat(): void {
  if (beat !== null) Atomics.add(beat, BEAT.seq, 1);
}

/** Posts that the search of a pair starts (its time limit counts from here). */
export function pairStarted(scenario: string, protocol: string): void {
  port?.postMessage({ t: 'pair', scenario, protocol } satisfies WorkerMessage);
  phase(PHASE.build);
}

/** Marks that the pair's model is built: its search runs from here. */
export function pairBuilt(): void {
  phase(PHASE.search);
}

/**
 * `f` marking the heartbeat while it runs, as `what` (e.g. `step fn:label
 * (file: code)`, `invariant no-hang`); unchanged outside a worker. Calls may
 * nest (a model's apply runs a step): the depth is counted.
 */
export function beatingFn<A extends unknown[], R>(what: string, f: (...a: A) => R): (...a: A) => R {
  const b = beat;
  if (b === null) return f;
  const id = mark(what);
  return (...a: A): R => {
    enter(b, id);
    try {
      return f(...a);
    } finally {
      leave(b);
    }
  };
}

/**
 * Marks that function `id` runs. Plain writes, not Atomics: this thread is the
 * slots' only writer and the watchdog only needs to see them within its 50 ms
 * poll (Atomics' read-modify-writes made a search a quarter slower).
 */
function enter(b: Int32Array, id: number): void {
  b[BEAT.step] = id;
  b[BEAT.seq] = ((b[BEAT.seq] as number) + 1) | 0;
  b[BEAT.inStep] = (b[BEAT.inStep] as number) + 1;
}

/** Marks that the innermost running function returned. */
function leave(b: Int32Array): void {
  b[BEAT.inStep] = (b[BEAT.inStep] as number) - 1;
}

/** Numbers `what` for the main thread (which learns the names by message). */
function mark(what: string): number {
  const id = nextId++;
  port?.postMessage({ t: 'steps', from: id, names: [what] } satisfies WorkerMessage);
  return id;
}

/**
 * `step` (its run and its guard) marking the heartbeat while it runs
 * (unchanged outside a worker); `fn` is its function's name. The wrappers
 * have the step's own arity (beatingFn's rest parameters cost an array per
 * call).
 */
export function beatingStep<W>(fn: string, step: StepDef<W>): StepDef<W> {
  const b = beat;
  if (b === null) return step;
  const name = `${fn}:${String(step.label)} (${String(step.src?.file)}: ${String(step.src?.code)})`;
  const runId = mark(`step ${name}`);
  const run = step.run;
  const out: StepDef<W> = {
    ...step,
    run: (c) => {
      enter(b, runId);
      try {
        run(c);
      } finally {
        leave(b);
      }
    },
  };
  const when = step.when;
  if (typeof when !== 'function') return out;
  const whenId = mark(`the guard of step ${name}`);
  return {
    ...out,
    when: (w, l, tid) => {
      enter(b, whenId);
      try {
        return when(w, l, tid);
      } finally {
        leave(b);
      }
    },
  };
}
