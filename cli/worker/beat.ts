/**
 * The heartbeat of a search running in a worker thread (see isolate.ts): every
 * step of the protocol being checked is wrapped to mark, in memory shared with
 * the main thread, which step runs and that it runs; each pair's search start
 * is posted. The main thread's watchdog reads them to stop a step that never
 * returns, and a search that overruns --time-limit inside one step. Outside a
 * worker nothing is wrapped.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Fns, KStep } from '../../model/dsl.ts';
import type { Protocol } from '../../model/protocol.ts';

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
const wrapped = new WeakMap<Protocol, Protocol>();

/** Starts beating into `shared`, posting to `p` (called once, in the worker). */
export function startBeat(shared: Int32Array, p: MessagePort): void {
  beat = shared;
  port = p;
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

/** `p` with every step marking the heartbeat (unchanged outside a worker); the same object for the same protocol. */
export function beating(p: Protocol): Protocol {
  const b = beat;
  if (b === null || typeof p !== 'object' || p === null || typeof p.fns !== 'object' || p.fns === null) return p;
  const done = wrapped.get(p);
  if (done) return done;
  const from = nextId;
  const names: string[] = [];
  const fns: Fns = {};
  for (const [name, def] of Object.entries(p.fns)) {
    if (!def || !Array.isArray(def.steps)) {
      fns[name] = def;
      continue;
    }
    fns[name] = {
      ...def,
      steps: def.steps.map((step: KStep): KStep => {
        if (!step || typeof step.run !== 'function') return step;
        const id = nextId++;
        names.push(`${name}:${String(step.label)} (${String(step.src?.file)}: ${String(step.src?.code)})`);
        const run = step.run;
        return {
          ...step,
          run: (c) => {
            b[BEAT.step] = id;
            Atomics.add(b, BEAT.seq, 1);
            Atomics.store(b, BEAT.inStep, 1);
            try {
              run(c);
            } finally {
              Atomics.store(b, BEAT.inStep, 0);
            }
          },
        };
      }),
    };
  }
  port?.postMessage({ t: 'steps', from, names } satisfies WorkerMessage);
  const out = { ...p, fns };
  wrapped.set(p, out);
  return out;
}
