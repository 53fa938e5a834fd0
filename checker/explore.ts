/**
 * The exhaustive explorer: searches every interleaving of a model over a
 * visited set keyed by the state's canonical fingerprint, checks state
 * invariants on each new state, step invariants on each transition, end checks
 * on final states and `no-hang` on stuck ones, and stops at the first
 * violation or at a bound (then the verdict is `incomplete`, never `pass`).
 */
import { totalmem } from 'node:os';
import { NO_HANG, type Action, type Model } from './model.ts';
import type { Bound, CheckKind, Result, Stats } from './result.ts';
import type { Frontier, StrategyName } from './strategies/frontier.ts';
import { bfsFrontier } from './strategies/bfs.ts';
import { dfsFrontier } from './strategies/dfs.ts';
import { processProgress, type ProgressSink } from './progress.ts';
import { traceOf } from './trace.ts';
import { shortestAfterReduction } from './shortest.ts';
import { explorePacked, type PackedFactory } from './packed/explore.ts';
import { exploreParallel } from './packed/parallel.ts';
import type { ModelSource } from './packed/parallel-shared.ts';

/** Search options. Every bound is optional; an absent bound is unlimited. */
export interface ExploreOptions {
  /** `bfs` (default; shortest counterexamples) or `dfs`. */
  readonly strategy?: StrategyName;
  /** Stop after this many distinct states. */
  readonly maxStates?: number;
  /** Do not expand states this many steps from the initial state. */
  readonly maxDepth?: number;
  /** Stop after this many seconds. */
  readonly timeLimit?: number;
  /**
   * Stop (incomplete, bound `max-memory`) when the search's own tables pass this
   * many MiB (packed search: visited set, queue of states, parents; object search:
   * the JS heap). Default: half the machine's memory, at most 16 GiB.
   */
  readonly maxMemory?: number;
  /** Progress sink; defaults to a once-a-second line on a TTY stderr. Pass `null` for none. */
  readonly progress?: ProgressSink | null;
  /** Store whole states instead of 64-bit fingerprints (packed search; collision-free, more memory). */
  readonly exact?: boolean;
  /**
   * `packed` (default when the model offers it): states as Int16 vectors, 64-bit fingerprints.
   * `object`: states as objects keyed by canonical strings; the reference the packed search is tested against.
   */
  readonly engine?: 'packed' | 'object';
  /**
   * Packed search: reset a local no later step reads, so states that differ
   * only in dead values are one (SPIN's default; see packed/liveness.ts).
   * Default true; the object search never does.
   */
  readonly deadLocals?: boolean;
  /**
   * Report a state where nothing can move but not every thread has finished as
   * `no-hang` (default true). When false such a state is a leaf: neither a hang
   * nor an end (its end checks are not run), as `--only` without no-hang wants.
   */
  readonly checkHang?: boolean;
  /**
   * Packed search: keep one state per class of states equal up to swapping
   * interchangeable threads (with the entities each owns), when the model
   * declares them (see packed/symmetry.ts). Default false. A model whose
   * declared threads turn out not interchangeable is an error.
   */
  readonly symmetry?: boolean;
  /**
   * Packed search: partial-order reduction (see packed/por.ts), on programs
   * that declare complete footprints, when every invariant reads only the
   * world. Default false here; the command line turns it on. A
   * breadth-first violation found while reducing is searched again without
   * it, so the counterexample is still a shortest, the one a search without
   * it gives (see shortest.ts).
   */
  readonly por?: boolean;
  /**
   * Packed search: worker threads (default 1: the search runs in the calling
   * thread). With more, each worker builds the model from `source` and they
   * share the states (see packed/parallel.ts); bfs only.
   */
  readonly workers?: number;
  /** Where a worker thread gets the model (needed with `workers` above 1). */
  readonly source?: ModelSource;
  /**
   * With `workers` above 1: states searched in the calling thread first
   * (default WIDEN_AFTER, or the environment's MOVCHECK_WIDEN_AFTER); a search
   * that ends by then never starts the workers, and one that does not starts
   * them afresh. 0: start them at once.
   */
  readonly widenAfter?: number;
}

/**
 * States a search asked to run on workers first searches in the calling
 * thread. Starting the workers costs about a second, more than a search of
 * this size takes on one thread here, so such a search (every catalog pair
 * `gate` checks) never starts them. Past it the calling thread's work,
 * under a second, is given up and the workers start from the initial state:
 * (3 threads, 2 pages, driver) `--symmetry` on two workers took 21.8 s with
 * it and 21.9 s without; at 500,000 it took 26.0 s.
 */
export const WIDEN_AFTER = 100_000;

let machineHalf: number | undefined;

/** The default memory bound in MiB: half the machine's memory, at most 16 GiB. */
export function defaultMaxMemory(): number {
  // Read once per process: os.totalmem() parses /proc/meminfo, about 1 % of the catalog's time when asked per search.
  machineHalf ??= Math.min(16384, Math.floor(totalmem() / 2 ** 21));
  return machineHalf;
}

/** Builds the frontier of a named strategy. */
export function frontierFor<S>(name: StrategyName): Frontier<S> {
  switch (name) {
    case 'bfs':
      return bfsFrontier<S>();
    case 'dfs':
      return dfsFrontier<S>();
  }
}

/** Explores `model` and returns its verdict. Pure apart from the clock and the progress sink. */
export function explore<S>(model: Model<S>, opts: ExploreOptions = {}): Result {
  const t0 = performance.now();
  const maxStates = opts.maxStates ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const timeLimit = opts.timeLimit ?? Infinity;
  const maxMemory = opts.maxMemory ?? defaultMaxMemory();
  const checkHang = opts.checkHang ?? true;
  const progress = opts.progress === undefined ? processProgress() : (opts.progress ?? undefined);
  const packed = (model as { packed?: PackedFactory }).packed;
  if (packed && opts.engine !== 'object') {
    const strategy = opts.strategy ?? 'bfs';
    const workers = opts.workers ?? 1;
    const po = { strategy, maxStates, maxDepth, timeLimit, maxMemory, progress, exact: opts.exact ?? false, deadLocals: opts.deadLocals ?? true, checkHang, symmetry: opts.symmetry ?? false, por: opts.por ?? false };
    const source = opts.source;
    if (workers > 1 && !source) throw new Error('explore: workers above 1 need a source (where each worker gets the model)');
    const widen = opts.widenAfter ?? Number(process.env.MOVCHECK_WIDEN_AFTER ?? WIDEN_AFTER);
    /** One search with these options: in this thread, or on the workers (after `widen` states here). */
    const search = (o: typeof po): Result => {
      const t1 = performance.now();
      if (workers <= 1 || !source) return explorePacked(model, packed, o);
      if (widen > 0 && strategy === 'bfs') {
        const first = explorePacked(model, packed, { ...o, maxStates: Math.min(o.maxStates, widen) });
        if (first.verdict !== 'incomplete' || first.bound !== 'max-states' || widen >= o.maxStates) return first;
        const spent = (performance.now() - t1) / 1000;
        const rest = exploreParallel(model, packed, { ...o, timeLimit: o.timeLimit - spent, workers, source });
        return { ...rest, stats: { ...rest.stats, seconds: rest.stats.seconds + spent } };
      }
      return exploreParallel(model, packed, { ...o, workers, source });
    };
    const first = search(po);
    if (!po.por || strategy !== 'bfs') return first;
    return shortestAfterReduction(first, timeLimit, (a) => search({ ...po, por: false, maxDepth: Math.min(maxDepth, a.maxDepth), timeLimit: a.timeLimit }));
  }
  const frontier = frontierFor<S>(opts.strategy ?? 'bfs');

  const visited = new Map<string, number>();
  const parent: number[] = [];
  const via: Action[] = [];
  let transitions = 0;
  let maxSeen = 0;
  let depthCut = false;
  let expanded = 0;

  const seconds = () => (performance.now() - t0) / 1000;
  const stats = (): Stats => ({ states: visited.size, transitions, depth: maxSeen, seconds: seconds() });
  const pathTo = (id: number, last?: Action): Action[] => {
    const path: Action[] = last ? [last] : [];
    for (let n = id; parent[n] !== -1; n = parent[n] as number) path.push(via[n] as Action);
    return path.reverse();
  };
  const violation = (invariant: string, kind: CheckKind, message: string, path: Action[]): Result => {
    const { trace, schedule } = traceOf(model, path);
    return { verdict: 'violation', invariant, kind, message, trace, schedule, stats: stats() };
  };
  const incomplete = (bound: Bound, limit: number): Result => ({ verdict: 'incomplete', bound, limit, stats: stats() });

  /** Checks a newly discovered state; returns a violation result or null. */
  const checkState = (s: S, id: number, acts: readonly Action[]): Result | null => {
    for (const inv of model.stateInvariants) {
      const msg = inv.check(s);
      if (msg !== null) return violation(inv.id, inv.kind ?? 'state', msg, pathTo(id));
    }
    if (acts.length === 0) {
      if (model.isDone(s)) {
        for (const inv of model.endChecks) {
          const msg = inv.check(s);
          if (msg !== null) return violation(inv.id, 'end', msg, pathTo(id));
        }
      } else if (checkHang) {
        return violation(NO_HANG, 'hang', model.describeStuck(s), pathTo(id));
      }
    }
    return null;
  };

  const init = model.init();
  visited.set(model.fingerprint(init), 0);
  parent.push(-1);
  via.push({ thread: -1, choice: 0, choices: 1 });
  const initActs = model.actions(init);
  const bad = checkState(init, 0, initActs);
  if (bad) return bad;
  frontier.push({ id: 0, state: init, depth: 0, acts: initActs });

  for (let e = frontier.pop(); e !== undefined; e = frontier.pop()) {
    if ((++expanded & 255) === 0) {
      const sec = seconds();
      if (sec > timeLimit) return incomplete('time-limit', timeLimit);
      if ((expanded & 4095) === 0 && process.memoryUsage().heapUsed > maxMemory * 2 ** 20) return incomplete('max-memory', maxMemory);
      progress?.({ states: visited.size, transitions, depth: maxSeen, frontier: frontier.size, seconds: sec });
    }
    const acts = e.acts;
    if (acts.length === 0) continue;
    if (e.depth >= maxDepth) {
      depthCut = true;
      continue;
    }
    for (const a of acts) {
      const next = model.apply(e.state, a);
      transitions++;
      for (const inv of model.stepInvariants) {
        const msg = inv.check(e.state, next, a, model);
        if (msg !== null) return violation(inv.id, 'step', msg, pathTo(e.id, a));
      }
      const fp = model.fingerprint(next);
      if (visited.has(fp)) continue;
      if (visited.size >= maxStates) return incomplete('max-states', maxStates);
      const id = visited.size;
      visited.set(fp, id);
      parent.push(e.id);
      via.push(a);
      const depth = e.depth + 1;
      if (depth > maxSeen) maxSeen = depth;
      const nextActs = model.actions(next);
      const bad2 = checkState(next, id, nextActs);
      if (bad2) return bad2;
      frontier.push({ id, state: next, depth, acts: nextActs });
    }
  }
  if (depthCut) return incomplete('max-depth', maxDepth);
  return { verdict: 'pass', stats: stats() };
}
