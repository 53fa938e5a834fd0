/**
 * Parallel breadth-first search (`--workers N`): N worker threads share the
 * state space by fingerprint (Stern and Dill's partitioned search: each owns
 * the states whose fingerprint says so, keeps them in its own visited set
 * and queue, and sends the successors it finds for another worker to that
 * one). The workers go level by level in step: a level ends when every
 * worker has expanded its states of that depth and taken in what the others
 * sent, so a counterexample found is still a shortest one (which shortest
 * one may vary from run to run: the workers race within a level).
 *
 * Every worker must pack a state the same way, so before the workers start
 * the coordinator runs the warm-up (packed/explore.ts) and hands them what it
 * learnt: the layout, the interned values in code order, the dead-local
 * facts. A worker that meets something new (a wider layout, a value, a read
 * of a local thought dead) stops the search; the coordinator merges what it
 * met and starts the search again with fresh workers.
 *
 * Same verdicts and state counts as the one-thread search (bfs; not dfs).
 * With `--por` (por.ts), the same verdicts; the states kept may differ a
 * little, as the cycle proviso depends on what was visited first. A worker
 * takes a thread's branches alone only when each successor is shown new in
 * its own visited set, that is, when it owns the successor. An ample step
 * leaves the world as it was, so its successor has the parent's owner (but
 * for a renaming that moved it, when the state is expanded in full). The
 * proviso still holds: on a cycle of the reduced graph take the state
 * expanded last; if its edge on the cycle is an ample step, the successor
 * had been expanded, so was stored before, by this same worker, which then
 * refused the ample set; if not, the state was expanded in full.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Model } from '../model.ts';
import type { Bound, Result, Stats } from '../result.ts';
import { newCodes, type PackedModel } from './compile.ts';
import { collisionBound } from './visited.ts';
import { readsWorldOnly, SymmetryBroken, THOROUGH_AFTER, violationOf, warmUp, type PackedFactory, type PackedOptions } from './explore.ts';
import {
  CTRL,
  ctrlViews,
  knowledgeOf,
  learnKnowledge,
  mergeKnowledge,
  newCtrl,
  seedCodes,
  startWorker,
  type Knowledge,
  type ModelSource,
  type ToCoordinator,
} from './parallel-shared.ts';
import type { WorkerSetup } from './parallel-worker.ts';

/** Options of a parallel search: the packed search's, the number of workers, and where they get the model. */
export interface ParallelOptions extends PackedOptions {
  readonly workers: number;
  readonly source: ModelSource;
}

/** Restarts after which a search that keeps meeting new things gives up. */
const MAX_RESTARTS = 100;

/** Seconds a worker may go without counting (ALIVE) before the search takes it for dead. */
const SILENT_S = 60;

/**
 * Searches `model` with `opts.workers` worker threads, each building the
 * model from `opts.source`. Synchronous: the calling thread waits on shared
 * memory and reads the workers' ports without an event loop, so every caller
 * of `explore` can use it.
 */
export function exploreParallel<S>(model: Model<S>, factory: PackedFactory, opts: ParallelOptions): Result {
  const t0 = performance.now();
  const epoch0 = performance.timeOrigin + t0;
  if (opts.strategy !== 'bfs') throw new Error('parallel search: only bfs runs on several workers');
  const N = opts.workers;
  const m = model as Model<unknown>;
  const worldOnly = readsWorldOnly(model);
  const deadLocals = opts.deadLocals && worldOnly;
  // As one thread's search: the reduction keeps every world a path can reach, so only for invariants of the world.
  if (opts.por === true && !worldOnly) opts = { ...opts, por: false };
  const sym = opts.symmetry === true;
  const codes = newCodes(opts.exact, deadLocals, sym);
  // The integers most locals hold get their codes now: a value met first in a worker costs a start again.
  for (let v = -64; v < 192; v++) codes.intern.code(v);
  const warm = deadLocals || sym ? warmUp(factory, codes, factory.hints(), deadLocals, sym ? model : null) : { hints: factory.hints(), pm: null };
  let k: Knowledge = knowledgeOf(m, codes, warm.hints);
  // Threads in a group of interchangeable ones (the stats' symmetricThreads).
  const symThreads = sym ? ((warm.pm ?? factory.compile(warm.hints, codes)).symmetry?.threads ?? 0) : 0;
  const seconds = () => (performance.now() - t0) / 1000;
  let restarts = 0;
  let thorough = false;
  for (;;) {
    const run = runWorkers(m, factory, opts, k, N, epoch0, seconds, restarts, deadLocals, symThreads);
    if (run.t === 'result') return run.result;
    if (++restarts > MAX_RESTARTS) throw new Error(`parallel search: the workers met something new ${MAX_RESTARTS} times (last: ${run.why}); search without --workers`);
    if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(`movcheck: parallel search starts again after ${run.states} states: ${run.why}\n`);
    // What the workers met, then a warm-up on it (layout growths come in ones: the runs meet the rest before the
    // workers start again); as the one-thread search does, a thorough one once when the search had gone far.
    const deep: boolean = !thorough && deadLocals && run.states >= THOROUGH_AFTER;
    thorough ||= deep;
    learnKnowledge(m, run.knowledge);
    const more = newCodes(opts.exact, deadLocals, sym);
    seedCodes(more, run.knowledge, false);
    k = knowledgeOf(m, more, warmUp(factory, more, run.knowledge.hints, deadLocals, null, deep).hints);
  }
}

type Outcome = { t: 'result'; result: Result } | { t: 'again'; knowledge: Knowledge; why: string; states: number };

/** One start of the workers: a result, or what they learnt that asks for another start. */
function runWorkers(
  model: Model<unknown>,
  factory: PackedFactory,
  opts: ParallelOptions,
  k: Knowledge,
  N: number,
  epoch0: number,
  seconds: () => number,
  restarts: number,
  deadLocals: boolean,
  symThreads: number,
): Outcome {
  const ctrl = newCtrl(N);
  const { i32, f64 } = ctrlViews(ctrl, N);
  const ports: (MessagePort | null)[][] = Array.from({ length: N }, () => new Array<MessagePort | null>(N).fill(null));
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      const ch = new MessageChannel();
      (ports[i] as (MessagePort | null)[])[j] = ch.port1;
      (ports[j] as (MessagePort | null)[])[i] = ch.port2;
    }
  }
  const deadline = opts.timeLimit === Infinity ? Infinity : epoch0 + opts.timeLimit * 1000;
  const workerOpts = { maxStates: opts.maxStates, maxDepth: opts.maxDepth, deadline, maxMemory: opts.maxMemory, exact: opts.exact, deadLocals, checkHang: opts.checkHang, symmetry: opts.symmetry === true, por: opts.por === true };
  const workers: Worker[] = [];
  const inbox: MessagePort[] = [];
  for (let w = 0; w < N; w++) {
    const own = ports[w] as (MessagePort | null)[];
    const ch = new MessageChannel();
    inbox.push(ch.port1);
    const setup: WorkerSetup = { index: w, workers: N, source: opts.source, knowledge: k, opts: workerOpts, ctrl, ports: own, coord: ch.port2, parallelSearch: true };
    workers.push(startWorker('parallel-worker', setup, [...own.filter((p) => p !== null), ch.port2]));
  }
  const stopAll = () => {
    Atomics.store(i32, CTRL.STOP, 1);
    Atomics.add(i32, CTRL.GO, 1 << 20);
    Atomics.notify(i32, CTRL.GO);
    for (let w = 0; w < N; w++) {
      Atomics.add(i32, CTRL.worker(w) + CTRL.BELL, 1);
      Atomics.notify(i32, CTRL.worker(w) + CTRL.BELL);
    }
  };
  try {
    return coordinate();
  } finally {
    if (process.env.MOVCHECK_DEBUG_LAYOUT) {
      const idle = Array.from({ length: N }, (_, w) => ((i32[CTRL.worker(w) + CTRL.IDLE] as number) / 1000).toFixed(1));
      process.stderr.write(`movcheck: the workers waited at the ends of levels ${idle.join(', ')} s of ${seconds().toFixed(1)} s\n`);
    }
    stopAll();
    for (const w of workers) void w.terminate();
    for (const p of inbox) p.close();
  }

  function coordinate(): Outcome {
    const sum = (slot: number) => {
      let n = 0;
      for (let w = 0; w < N; w++) n += i32[CTRL.worker(w) + slot] as number;
      return n;
    };
    const tables: ({ n: number; parent: Int32Array; via: Int32Array; visitedBytes: number } | null)[] = new Array(N).fill(null);
    const stats = (states = sum(CTRL.STATES)): Stats => {
      let transitions = 0;
      let depth = 0;
      for (let w = 0; w < N; w++) {
        transitions += f64[w] as number;
        depth = Math.max(depth, i32[CTRL.worker(w) + CTRL.DEPTH] as number);
      }
      return {
        states,
        transitions,
        depth,
        seconds: seconds(),
        fingerprint: {
          kind: opts.exact ? 'exact' : 'hash64',
          collisionProbability: opts.exact ? 0 : collisionBound(states),
          visitedBytes: tables.reduce((b, t) => b + (t?.visitedBytes ?? 0), 0),
          restarts,
          ...(opts.symmetry ? { symmetricThreads: symThreads } : {}),
          ...(opts.por ? { porReduced: sum(CTRL.REDUCED) } : {}),
          workers: N,
        },
      };
    };
    const incomplete = (bound: Bound, limit: number, states?: number): Outcome => ({ t: 'result', result: { verdict: 'incomplete', bound, limit, stats: stats(states) } });
    /** Every worker's state count and visited bytes, once the search stopped, with its parent tables when `paths` (false: a worker did not answer in time). */
    const collect = (paths: boolean): boolean => {
      stopAll();
      for (const p of inbox) p.postMessage({ t: 'tables', paths });
      const until = performance.now() + SILENT_S * 1000;
      while (tables.some((t) => t === null) && performance.now() < until) {
        const bell = Atomics.load(i32, CTRL.COORD);
        for (let w = 0; w < N; w++) {
          for (let r = receiveMessageOnPort(inbox[w] as MessagePort); r !== undefined; r = receiveMessageOnPort(inbox[w] as MessagePort)) {
            const msg = r.message as ToCoordinator;
            if (msg.t === 'tables') tables[w] = msg;
          }
        }
        if (tables.some((t) => t === null)) Atomics.wait(i32, CTRL.COORD, bell, 50);
      }
      return tables.every((t) => t !== null);
    };
    const levels = new Map<number, { n: number; queued: number }>();
    let cut = false;
    let grown: Knowledge | null = null;
    let why = '';
    let grownAt: number | null = null;
    let lastProgress = performance.now();
    const alive = new Int32Array(N);
    const aliveAt = new Float64Array(N).fill(performance.now());
    for (;;) {
      const bell = Atomics.load(i32, CTRL.COORD);
      for (let w = 0; w < N; w++) {
        for (let r = receiveMessageOnPort(inbox[w] as MessagePort); r !== undefined; r = receiveMessageOnPort(inbox[w] as MessagePort)) {
          const msg = r.message as ToCoordinator;
          switch (msg.t) {
            case 'tables':
              break;
            case 'level': {
              const l = levels.get(msg.level) ?? { n: 0, queued: 0 };
              l.n++;
              l.queued += msg.queued;
              cut ||= msg.depthCut;
              levels.set(msg.level, l);
              if (l.n < N || grown) break;
              levels.delete(msg.level);
              if (l.queued === 0) {
                if (!collect(false)) throw new Error('parallel search: a worker did not hand over its tables');
                const states = tables.reduce((n, t) => n + (t?.n ?? 0), 0);
                return { t: 'result', result: cut ? { verdict: 'incomplete', bound: 'max-depth', limit: opts.maxDepth, stats: stats(states) } : { verdict: 'pass', stats: stats(states) } };
              }
              Atomics.store(i32, CTRL.GO, msg.level + 1);
              Atomics.notify(i32, CTRL.GO);
              break;
            }
            case 'incomplete':
              if (grown) break;
              if (msg.bound === 'max-states') return incomplete('max-states', opts.maxStates, opts.maxStates);
              if (msg.bound === 'time-limit') return incomplete('time-limit', opts.timeLimit);
              return incomplete('max-memory', opts.maxMemory);
            case 'violation': {
              if (grown) break;
              if (!collect(true)) throw new Error('parallel search: a worker did not hand over its tables');
              const st = stats(tables.reduce((n, t) => n + (t?.n ?? 0), 0));
              const path = pathTo(tables as { parent: Int32Array; via: Int32Array }[], N, msg.gid, msg.last);
              const pm = opts.symmetry ? coordinatorModel(model, factory, k, opts, deadLocals) : null;
              return { t: 'result', result: violationOf(model, pm !== null && pm.symmetry !== null ? pm : null, msg.invariant, msg.kind, msg.message, path, st) };
            }
            case 'grow':
              // Every worker that met something says what it knows; the next start knows all of it.
              grown = mergeKnowledge(grown ?? k, msg.knowledge);
              why = msg.why;
              grownAt ??= performance.now();
              stopAll();
              break;
            case 'error':
              throw msg.symmetry ? new SymmetryBroken(firstLine(msg.message)) : new Error(`parallel search: worker ${w}: ${msg.message}`);
          }
        }
      }
      const now = performance.now();
      if (grown) {
        // Give the other workers a moment to say what they met too.
        if (now - (grownAt ?? now) > 100) return { t: 'again', knowledge: grown, why, states: sum(CTRL.STATES) };
      } else {
        if (performance.timeOrigin + now > deadline + 200) return incomplete('time-limit', opts.timeLimit);
        if (opts.progress && now - lastProgress >= 250) {
          lastProgress = now;
          const s = stats();
          opts.progress({ states: s.states, transitions: s.transitions, depth: s.depth, frontier: sum(CTRL.FRONTIER), seconds: s.seconds });
        }
        for (let w = 0; w < N; w++) {
          const a = i32[CTRL.worker(w) + CTRL.ALIVE] as number;
          if (a !== alive[w]) {
            alive[w] = a;
            aliveAt[w] = now;
          } else if (now - (aliveAt[w] as number) > SILENT_S * 1000) {
            throw new Error(`parallel search: worker ${w} has not answered for ${SILENT_S} s (it died, or a step runs that long)`);
          }
        }
      }
      Atomics.wait(i32, CTRL.COORD, bell, 50);
    }
  }
}
/** The first line of an error's stack (its message). */
function firstLine(s: string): string {
  return s.replace(/^\w*Error: /, '').split('\n')[0] ?? s;
}

/** The path of actions (as stored) to global state `gid`, then `last` when not -1. */
function pathTo(tables: readonly { parent: Int32Array; via: Int32Array }[], N: number, gid: number, last: number): number[] {
  const path: number[] = last === -1 ? [] : [last];
  for (let g = gid; ; ) {
    const t = tables[g % N] as { parent: Int32Array; via: Int32Array };
    const n = Math.floor(g / N);
    const p = t.parent[n] as number;
    if (p === -1) break;
    path.push(t.via[n] as number);
    g = p;
  }
  return path.reverse();
}

/** The model compiled as the workers compiled it (for the renamings a symmetric counterexample went through). */
function coordinatorModel(model: Model<unknown>, factory: PackedFactory, k: Knowledge, opts: ParallelOptions, deadLocals: boolean): PackedModel {
  learnKnowledge(model, k);
  const codes = newCodes(opts.exact, deadLocals, opts.symmetry === true);
  seedCodes(codes, k, false);
  return factory.compile(k.hints, codes);
}
