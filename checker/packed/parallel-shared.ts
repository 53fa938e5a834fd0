/**
 * What the coordinator of a parallel search (parallel.ts) and its workers
 * (parallel-worker.ts) share: where a worker gets its model, the knowledge
 * that makes every worker pack a state the same way (layout, interned codes,
 * dead-local facts), the control words in shared memory, and the messages.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.ts';
import type { Bound, CheckKind } from '../result.ts';
import type { Model } from '../model.ts';
import type { Codes, LayoutHints } from './compile.ts';
import { exportFacts, importFacts, type FactsByName } from './liveness.ts';

/**
 * How a worker thread builds the model the search runs on: `module`'s export
 * `export` called with `arg` (structured-cloneable) returns it (or a promise
 * of it). The model must be the one the coordinator searches, built the same way.
 */
export interface ModelSource {
  readonly module: string;
  readonly export: string;
  readonly arg: unknown;
}

/** Builds the model a source names. */
export async function loadModel(source: ModelSource): Promise<Model<unknown>> {
  const mod = (await import(source.module)) as Record<string, unknown>;
  const make = mod[source.export];
  if (typeof make !== 'function') throw new Error(`parallel search: ${source.module} has no function ${source.export}`);
  return (await (make as (arg: unknown) => Model<unknown> | Promise<Model<unknown>>)(source.arg)) as Model<unknown>;
}

/** What every worker must know alike: the layout, the interned values in code order, what is known of dead locals. */
export interface Knowledge {
  readonly hints: LayoutHints;
  readonly intern: readonly unknown[];
  readonly faults: readonly unknown[];
  readonly names: readonly unknown[];
  readonly facts: FactsByName;
}

/** The functions of a program model (by name), whose dead-local facts are shared. */
function fnsOf(model: Model<unknown>): Readonly<Record<string, object>> {
  return ((model as { spec?: { fns?: Record<string, object> } }).spec?.fns ?? {}) as Readonly<Record<string, object>>;
}

/** Only values that cross to another thread as themselves can be shared (an object would arrive as a copy, another key). */
function shareable(vals: readonly unknown[], what: string): readonly unknown[] {
  for (const v of vals) {
    if (v !== null && typeof v === 'object') throw new Error(`parallel search: a ${what} holds an object (${JSON.stringify(v)?.slice(0, 60)}); workers cannot agree on its code; search without --workers`);
    if (typeof v === 'function' || typeof v === 'symbol') throw new Error(`parallel search: a ${what} holds a ${typeof v}; search without --workers`);
  }
  return vals.slice();
}

/** The knowledge of a model compiled with `codes` at layout `hints`. */
export function knowledgeOf(model: Model<unknown>, codes: Codes, hints: LayoutHints): Knowledge {
  return {
    hints,
    intern: shareable(codes.intern.vals, 'local'),
    faults: codes.faults.vals.slice(),
    names: shareable(codes.names.vals, 'name'),
    facts: exportFacts(fnsOf(model)),
  };
}

/** Makes `model` know `k`'s dead-local facts (before compiling it). */
export function learnKnowledge(model: Model<unknown>, k: Knowledge): void {
  importFacts(fnsOf(model), k.facts);
}

/** Seeds fresh codes with k's values, and makes any further value a CodeGrowth (a worker's). */
export function seedCodes(codes: Codes, k: Knowledge, limit = true): void {
  codes.intern.seed(k.intern);
  codes.faults.seed(k.faults);
  codes.names.seed(k.names);
  if (limit) {
    codes.intern.limit = k.intern.length;
    codes.faults.limit = k.faults.length;
    codes.names.limit = k.names.length;
  }
}

/** Values of `b` past those of `a` (both lists in code order, `b` extending a common prefix with a's values or others). */
function extra(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  // A fault is an object, the same fault a copy in each worker: told apart by its fields.
  const key = (v: unknown) => (typeof v === 'object' && v !== null ? `\u0000${JSON.stringify(v)}` : v);
  const have = new Set(a.map(key));
  return b.filter((v) => !have.has(key(v)));
}

/** a widened by what b knows: the wider layout, the values b met after a's (appended in b's order), the facts of both. */
export function mergeKnowledge(a: Knowledge, b: Knowledge): Knowledge {
  const names = new Map(a.hints.names);
  for (const [fn, ns] of b.hints.names) names.set(fn, [...new Set([...(names.get(fn) ?? []), ...ns])]);
  const facts: Record<string, FactsByName[string]> = { ...a.facts };
  for (const [fn, f] of Object.entries(b.facts)) {
    const g = facts[fn];
    facts[fn] = g
      ? {
          names: [...new Set([...g.names, ...f.names])],
          reads: g.reads.map((r, pc) => [...new Set([...r, ...(f.reads[pc] ?? [])])]),
          jumps: g.jumps.map((j, pc) => [...new Set([...j, ...(f.jumps[pc] ?? [])])]),
        }
      : f;
  }
  return {
    hints: { names, stackWords: Math.max(a.hints.stackWords, b.hints.stackWords), ...(a.hints.seen ? { seen: true } : {}) },
    intern: [...a.intern, ...extra(a.intern, b.intern)],
    faults: [...a.faults, ...extra(a.faults, b.faults)],
    names: [...a.names, ...extra(a.names, b.names)],
    facts,
  };
}

/**
 * The worker that owns a state among n, from a word of its world's
 * fingerprint: a step that leaves the world as it was (half of them, measured
 * on three threads over two pages) keeps its successor with the worker that
 * expanded it, so only the others cross to another worker.
 */
export function owner(world: number, n: number): number {
  return (world >>> 0) % n;
}

/** Slots of the shared control words (Int32): STOP and GO, then per worker its counters. */
export const CTRL = {
  STOP: 0,
  /** Levels the workers may run: a worker at level d waits until GO > d. */
  GO: 1,
  /** Rung by a worker when it posted to the coordinator. */
  COORD: 2,
  STATES: 0,
  DEPTH: 1,
  FRONTIER: 2,
  /** KiB its tables hold. */
  KIB: 3,
  /** Rung (incremented, notified) when something was sent to the worker. */
  BELL: 4,
  /** Counts up while the worker runs (a worker that stopped counting has died). */
  ALIVE: 5,
  /** Milliseconds the worker has waited at the ends of levels (for the others, then for the coordinator). */
  IDLE: 6,
  /** States expanded through one thread (partial-order reduction). */
  REDUCED: 7,
  /** First slot of worker w's counters: a cache line (64 bytes) each, so that one worker's writes do not evict another's line. */
  worker: (w: number) => 16 + 16 * w,
} as const;

/** A fresh control buffer for n workers: the Int32 words, then one Float64 a worker (its transitions). */
export function newCtrl(n: number): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * (16 + 16 * n) + 8 * n);
}

/** Views of a control buffer. */
export function ctrlViews(ctrl: SharedArrayBuffer, n: number): { i32: Int32Array; f64: Float64Array } {
  const words = 16 + 16 * n;
  return { i32: new Int32Array(ctrl, 0, words), f64: new Float64Array(ctrl, 4 * words, n) };
}

/** A worker's search options (the explorer's, resolved; the clock as a deadline in epoch milliseconds). */
export interface WorkerOptions {
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly deadline: number;
  readonly maxMemory: number;
  readonly exact: boolean;
  readonly deadLocals: boolean;
  readonly checkHang: boolean;
  readonly symmetry: boolean;
  /** Partial-order reduction (resolved: only when every invariant reads the world). */
  readonly por: boolean;
}

/** What a worker tells the coordinator. */
export type ToCoordinator =
  | { readonly t: 'level'; readonly level: number; readonly queued: number; readonly depthCut: boolean }
  /** `gid`: the state (or, for a step, the state the step left); `last`: the step's action, or -1. Message null: a hang. */
  | { readonly t: 'violation'; readonly invariant: string; readonly kind: CheckKind; readonly message: string | null; readonly gid: number; readonly last: number }
  | { readonly t: 'incomplete'; readonly bound: Bound }
  | { readonly t: 'grow'; readonly knowledge: Knowledge; readonly why: string }
  | { readonly t: 'error'; readonly message: string; readonly symmetry: boolean }
  | { readonly t: 'tables'; readonly n: number; readonly parent: Int32Array; readonly via: Int32Array; readonly visitedBytes: number };

/** A worker thread running `entry`, a module of this directory. */
export function startWorker(entry: string, data: unknown, transfer: readonly unknown[]): Worker {
  return startModuleWorker(import.meta.url, entry, { workerData: data, transferList: transfer as never[], stdout: false, stderr: false });
}
