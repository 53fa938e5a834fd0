/**
 * The search over packed states: states to expand wait in a chunked queue (a
 * FIFO for bfs, a LIFO for dfs: queue.ts), the visited set keeps 64-bit
 * fingerprints (or whole vectors with `exact`), and each state keeps only its
 * parent's number and the action that reached it. A counterexample is
 * rebuilt by replaying that path on the object model, which also
 * cross-checks the two engines.
 * When a step needs a wider layout (a local or a stack depth the first guess
 * missed), the stored states move to the new layout and the search goes on:
 * fingerprints do not depend on the layout.
 * Same order, counts and verdicts as the object search in ../explore.ts
 * (without --symmetry or --por, which keep fewer states).
 */
import { NO_HANG, type Action, type Model } from '../model.ts';
import type { Bound, CheckKind, Result, Stats } from '../result.ts';
import type { ProgressSink } from '../progress.ts';
import type { StrategyName } from '../strategies/frontier.ts';
import { traceOfChosen } from '../trace.ts';
import { actChoice, actThread, LayoutGrowth, newCodes, transcode, type Codes, type LayoutHints, type PackedModel } from './compile.ts';
import { factsLearnt, LivenessGrowth } from './liveness.ts';
import { collisionBound, exactSet, hashedSet, type VisitedSet } from './visited.ts';
import type { Canon } from './symmetry.ts';
import { StateQueue } from './queue.ts';

/** How a model offers its packed form: a first layout guess, and a compiler for a layout. */
export interface PackedFactory {
  hints(): LayoutHints;
  compile(hints: LayoutHints, codes: Codes): PackedModel;
}

/** Options of a packed search (the explorer's, resolved). */
export interface PackedOptions {
  readonly strategy: StrategyName;
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly timeLimit: number;
  /** MiB the search's tables may hold. */
  readonly maxMemory: number;
  readonly exact: boolean;
  /** Reset dead locals (default true). */
  readonly deadLocals: boolean;
  /** Report stuck states as no-hang (else they are leaves). */
  readonly checkHang: boolean;
  /** Keep one state per class of states equal up to renaming interchangeable threads (when the model declares them). */
  readonly symmetry?: boolean;
  /** Partial-order reduction (see por.ts); used only when every invariant reads only the world. */
  readonly por?: boolean;
  readonly progress: ProgressSink | undefined;
}

/** Grows a typed array to at least `n` elements (doubling). */
function ensure<T extends Int32Array | Int16Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  let len = a.length * 2;
  while (len < n) len *= 2;
  const b = new (a.constructor as new (len: number) => T)(len);
  b.set(a);
  return b;
}

/** True when every check of `model` reads only the world (or is a recorded fault): dead locals may then be reset, and POR may reduce. */
export function readsWorldOnly<S>(model: Model<S>): boolean {
  return [...model.stateInvariants, ...model.stepInvariants, ...model.endChecks].every(
    (i) => (i as { worldOnly?: boolean }).worldOnly === true || (i as { kind?: string }).kind === 'assert',
  );
}

/** Searches `model` through its packed form. */
export function explorePacked<S>(model: Model<S>, factory: PackedFactory, opts: PackedOptions): Result {
  const t0 = performance.now();
  // Resetting a dead local is safe only when no invariant can read locals: every one must be worldOnly (or a recorded fault).
  const worldOnly = readsWorldOnly(model);
  const deadLocals = opts.deadLocals && worldOnly;
  // The reduction keeps every world a path can reach (por.ts): sound for invariants of the world only.
  if (opts.por === true && !worldOnly) opts = { ...opts, por: false };
  const sym = opts.symmetry === true;
  const codes = newCodes(opts.exact, deadLocals, sym);
  let warm: Warm = { hints: factory.hints(), pm: null };
  if (deadLocals || sym) warm = warmUp(factory, codes, warm.hints, deadLocals, sym ? model : null);
  let thorough = false;
  for (let restarts = 0; ; restarts++) {
    const run = { hints: warm.hints, restarts, pm: warm.pm, reached: 0 };
    try {
      return searchOnce(model, factory, opts, codes, t0, run);
    } catch (e) {
      // A read or a jump the dead-local analysis had not seen: start again knowing it (see liveness.ts).
      if (!LivenessGrowth.is(e)) throw e;
      if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(`movcheck: search starts again after ${run.reached} states: ${e.message}\n`);
      warm = { hints: run.hints, pm: null };
      // The search met a path the warm-up missed, so the model has rare paths: a thorough warm-up pays, once, when
      // the search had gone far (a small model's search costs less than the thorough warm-up).
      if (!thorough && deadLocals && run.reached >= THOROUGH_AFTER) {
        thorough = true;
        warm = warmUp(factory, codes, run.hints, deadLocals, null, true);
      }
    }
  }
}

/**
 * States a search must have stored when it has to start again for a thorough
 * warm-up to run: its 300 runs cost about as much as searching this many
 * states again (the catalog's small pairs restarted at a few dozen states
 * and paid 10-50 ms each for it).
 */
export const THOROUGH_AFTER = 5000;

/** What a warm-up leaves: the layout it grew to, and its compiled model when the search may go on with it (else null). */
interface Warm {
  readonly hints: LayoutHints;
  readonly pm: PackedModel | null;
}

/**
 * Random runs that teach the dead-local analysis what the steps read and where
 * they jump, resetting nothing, so the search itself rarely has to start again
 * (a restart after tens of thousands of states costs more than the whole
 * warm-up). Runs are scheduled as PCT does, so that paths where one thread
 * acts inside another's short window are met. Up to 600 runs of at most 2000
 * steps; a run cut short by a layout growth does not count. It stops when 20
 * runs in a row taught nothing (5 when every function was built before),
 * times the threads past two and the runs' length in 64 steps. `thorough`
 * (after a search of THOROUGH_AFTER states or more had to start again: the
 * model has paths the runs rarely meet) goes on to at least 300 runs, and until the later half of
 * the runs taught nothing (measured on three threads: the last fact came at
 * run 83-120). Cut at 1 s of this process's CPU time (JIT threads included),
 * so that a loaded machine does not cut it short. With symmetry on, every
 * fourth run also checks that its steps commute with renaming. Returns the
 * layout it grew to and its compiled model, which the search goes on with
 * (compiling a model costs more than a small model's whole search); not when
 * a run stopped on a model error, which the search itself must meet afresh.
 */
export function warmUp<S>(factory: PackedFactory, codes: Codes, first: LayoutHints, deadLocals: boolean, symmetry: Model<S> | null, thorough = false): Warm {
  const was = codes.deadLocals;
  if (deadLocals) codes.deadLocals = 'observe';
  let hints = first;
  let pm = factory.compile(hints, codes);
  const acts = new Int32Array(4096);
  // A thorough warm-up follows a first one: other schedules.
  let seed = thorough ? 0x6b43a9b5 : 0x2545f491;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpuMs = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  // process.cpuUsage is a system call (microseconds; a small model's runs take less): asked only when 10 ms of wall
  // time have passed since it was last asked, in which time this thread used at most 10 ms of CPU.
  let asked = t0;
  const spent = () => {
    const now = performance.now();
    if (now - asked < 10) return false;
    asked = now;
    return cpuMs() >= 1000;
  };
  let walk = 0;
  let length = 64;
  let reusable = true;
  try {
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    // Stop once 20 runs in a row taught nothing (5 when every function was built before; small models stop within
    // milliseconds), times T - 2 past three threads and times the runs' length in 64 steps: more threads and longer
    // runs, more windows to be met (five threads stopped after 50 runs and met a read 37,368 states into the search;
    // three threads over two pages, runs of 128 steps, after 63 runs and 60,145 states).
    let quiet = 0;
    const T = pm.layout.threads;
    const base = (first.seen && !thorough ? 5 : 20) * Math.max(1, T - 2);
    let enough = base;
    const prio = new Int32Array(T);
    const change = new Int32Array(4);
    // Runs are scheduled as PCT does (Burckhardt et al., ASPLOS 2010): random thread priorities, the highest-priority
    // enabled thread runs, and at up to three random points the running thread drops to the lowest priority. A path
    // where one thread must act inside another's window of a few steps is met in a few percent of the runs.
    for (; walk < 600 && (quiet < enough || (thorough && (walk < 300 || quiet < walk - quiet))) && !spent(); walk++) {
      const before = factsLearnt();
      if (walk > 0) quiet++;
      try {
        pm.init();
        for (let t = 0; t < T; t++) prio[t] = T + rand(1 << 20) * T + t;
        const d = rand(4);
        for (let k = 0; k < 4; k++) change[k] = k < d ? rand(length) : -1;
        let low = T;
        let i = 0;
        for (; i < 2000; i++) {
          pm.src.set(pm.dst);
          pm.loaded();
          const n = pm.actions(0, acts);
          if (n === 0) break;
          let pick = rand(n);
          if (rand(16) !== 0) {
            let best = -1;
            for (let k = 0; k < n; k++) if (best < 0 || (prio[actThread(acts[k] as number)] as number) > (prio[actThread(acts[best] as number)] as number)) best = k;
            const t = actThread(acts[best] as number);
            for (let k = 0; k < 4; k++) if (change[k] === i) prio[t] = --low;
            let same = 0;
            for (let k = 0; k < n; k++) if (actThread(acts[k] as number) === t) same++;
            pick = best + rand(same);
          }
          if (symmetry && pm.symmetry && walk % 4 === 0 && (i & 3) === 0) checkSwap(pm, pm.symmetry, acts[pick] as number, rand, symmetry);
          pm.apply(acts[pick] as number);
        }
        length = Math.max(8, (length * 7 + Math.min(i, 2000)) >> 3);
        enough = base * Math.max(1, Math.round(length / 64));
        if (factsLearnt() !== before) quiet = 0;
      } catch (e) {
        if (SymmetryBroken.is(e)) throw e;
        if (!LayoutGrowth.is(e)) {
          // A model error shows in the search itself.
          if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(`warm-up stops: ${String(e)}\n`);
          reusable = false;
          break;
        }
        // A run cut short by a growth does not count: another takes its place on the grown layout.
        hints = e.hints;
        pm = factory.compile(hints, codes);
        quiet = 0;
        walk--;
      }
    }
  } finally {
    codes.deadLocals = was;
    if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(`movcheck: warm-up ${((performance.now() - t0) / 1000).toFixed(2)}s ${walk} walks of ${length} steps on average\n`);
  }
  return { hints: pm.hints, pm: reusable ? pm : null };
}

const SYMMETRY_BROKEN = Symbol.for('movcheck.SymmetryBroken');

/** The model declared interchangeable threads that are not: a step does not commute with renaming them. */
export class SymmetryBroken extends Error {
  readonly [SYMMETRY_BROKEN] = true;
  static is(e: unknown): e is SymmetryBroken {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[SYMMETRY_BROKEN] === true;
  }
}

/**
 * Checks, on the transition of `src` under `a`, that renaming by a random
 * swap of interchangeable threads commutes with the step:
 * swap(apply(s, a)) = apply(swap(s), swap(a)). Leaves src as it was; throws
 * SymmetryBroken naming the step when the two differ.
 */
const swapActs = new Int32Array(4096);
function checkSwap<S>(pm: PackedModel, canon: Canon, a: number, rand: (n: number) => number, model: Model<S>): void {
  const swap = canon.swaps[rand(canon.swaps.length)] as Int32Array;
  const s = pm.src.slice();
  pm.apply(a);
  const x = pm.dst.slice();
  pm.dst.set(s);
  canon.permute(swap);
  pm.src.set(pm.dst);
  pm.loaded();
  const t = actThread(a);
  const u = swap[t] as number;
  const broken = (why: string) => {
    const th = pm.decode(s).t[t];
    const top = th?.frames[th.frames.length - 1];
    pm.src.set(s);
    pm.loaded();
    return new SymmetryBroken(`symmetry: threads ${t} and ${u} are declared interchangeable, but ${why} (thread ${t} in ${top?.fn ?? '?'} at step ${top?.pc ?? '?'}); a world field or local naming a thread or an entity is not renamed`);
  };
  const pa = (u << 8) | actChoice(a);
  const n = pm.actions(0, swapActs);
  if (!swapActs.subarray(0, n).includes(pa)) throw broken('the renamed thread cannot take the step');
  pm.apply(pa);
  const y = pm.dst.slice();
  pm.dst.set(x);
  canon.permute(swap);
  // A recorded fault names its thread and is not renamed (the fault slot is copied): the same fault of the renamed
  // thread commutes (its message may name renamed pages; a violation's message is taken from the real trace).
  const sameFault = () => {
    const f = (pm.decode(pm.dst) as unknown as { fault: { inv: string; msg: string; thread: number } | null }).fault;
    const g = (pm.decode(y) as unknown as { fault: { inv: string; msg: string; thread: number } | null }).fault;
    return f !== null && g !== null && f.inv === g.inv && g.thread === swap[f.thread];
  };
  const faultSlot = pm.layout.threadBase - 1;
  for (let i = 0; i < y.length; i++) if (pm.dst[i] !== y[i] && !(i === faultSlot && sameFault())) throw broken(`the step and the renaming do not commute (slot ${i})`);
  // The invariants must not tell renamed states apart either.
  const failing = (b: Int16Array) => {
    const st = pm.decode(b) as unknown as S;
    return model.stateInvariants.filter((i) => i.kind !== 'assert' && i.check(st) !== null).map((i) => i.id).join(',');
  };
  const fx = failing(x);
  const fy = failing(y);
  if (fx !== fy) throw broken(`invariant ${fx || fy} holds on one of two renamed states and not on the other`);
  pm.src.set(s);
  pm.loaded();
}

/** Renamings a symmetric search checks on every state first (24,000 states of three threads, 5,217 of four); then one renaming of one state in 32. */
export const ORBIT_RENAMINGS = 120000;

/** Every permutation (but the identity) of the group the swaps generate: t goes to perm[t]. At most 720. */
export function groupOf(swaps: readonly Int32Array[], threads: number): Int32Array[] {
  const id = Int32Array.from({ length: threads }, (_, t) => t);
  const seen = new Map<string, Int32Array>([[id.join(','), id]]);
  const todo = [id];
  while (todo.length > 0 && seen.size < 720) {
    const p = todo.pop() as Int32Array;
    for (const sw of swaps) {
      const q = p.map((x) => sw[x] as number);
      const k = q.join(',');
      if (!seen.has(k)) {
        seen.set(k, q);
        todo.push(q);
      }
    }
  }
  seen.delete(id.join(','));
  return [...seen.values()];
}

/** Throws SymmetryBroken unless `dst` (the initial state) is unchanged by every swap of interchangeable threads. */
export function initSymmetric(pm: PackedModel): void {
  const canon = pm.symmetry as Canon;
  const s = pm.dst.slice();
  for (const swap of canon.swaps) {
    pm.dst.set(s);
    canon.permute(swap);
    for (let i = 0; i < s.length; i++) {
      if (pm.dst[i] !== s[i]) {
        const ts = [...swap.keys()].filter((t) => swap[t] !== t);
        pm.dst.set(s);
        throw new SymmetryBroken(`symmetry: threads ${ts.join(' and ')} are declared interchangeable, but swapping them changes the initial state (slot ${i})`);
      }
    }
  }
  pm.dst.set(s);
}

/**
 * The actions a symmetric search's path stands for from the real initial
 * state: each stored state is a renamed one, so a thread number in the path
 * is mapped back through the renamings met on the way.
 */
function realPath(pm: PackedModel, path: readonly number[]): number[] {
  const canon = pm.symmetry as Canon;
  const T = pm.layout.threads;
  const tperm = new Int32Array(T);
  // sigma: thread number in the stored state -> thread number in the real one.
  const sigma = new Int32Array(T);
  pm.init();
  canon.canon(tperm);
  for (let t = 0; t < T; t++) sigma[tperm[t] as number] = t;
  const out: number[] = [];
  const next = new Int32Array(T);
  for (const a of path) {
    out.push(((sigma[actThread(a)] as number) << 8) | actChoice(a));
    pm.src.set(pm.dst);
    pm.loaded();
    pm.apply(a);
    canon.canon(tperm);
    for (let t = 0; t < T; t++) next[tperm[t] as number] = sigma[t] as number;
    sigma.set(next);
  }
  return out;
}

/** The message of check `id` on the last state (or step) of `actions`, replayed on the object model. */
function messageOn<S>(model: Model<S>, actions: readonly Action[], id: string, kind: CheckKind): string {
  let before = model.init();
  let s = before;
  let lastAction: Action | undefined;
  for (const a of actions) {
    before = s;
    s = model.apply(s, a);
    lastAction = a;
  }
  // Several checks may share an id: the first that fails speaks.
  let msg: string | null = null;
  if (kind === 'step') {
    for (const inv of model.stepInvariants) if (msg === null && inv.id === id && lastAction) msg = inv.check(before, s, lastAction, model);
  } else {
    for (const inv of kind === 'end' ? model.endChecks : model.stateInvariants) if (msg === null && inv.id === id) msg = inv.check(s);
  }
  if (msg === null) {
    throw new SymmetryBroken(
      `symmetry: invariant ${id} fails on a stored (renamed) state but not on the real trace it stands for: it tells interchangeable threads apart, so --symmetry cannot be used with it (check it with --only on the others, or without --symmetry)`,
    );
  }
  return msg;
}

/**
 * Partial-order reduction: the actions of src to expand, as g0 | g1 << 16
 * for acts[g0..g1): those of the first thread (in number order) whose
 * branches form an ample set (por.ts: its next step statically independent,
 * every branch invisible and leading to a state not visited yet), or all n
 * when none does (a thread that alone can move is not a reduction). With symmetry
 * (`tperm` given), successors are looked up by class, the raw table first.
 * `here` (a parallel worker's): whether the successor in dst is one this
 * `visited` would hold; when not, the branch cannot be shown new, and the
 * state is expanded in full. A top-level function, so that the search
 * loop's variables stay its own.
 */
export function ampleGroup(pm: PackedModel, acts: Int32Array, n: number, visited: VisitedSet, h: Int32Array, tperm: Int32Array | null, raw: Int32Array | null, rawMask: number, here: (() => boolean) | null = null): number {
  for (let g0 = 0; g0 < n; ) {
    const t = actThread(acts[g0] as number);
    let g1 = g0 + 1;
    while (g1 < n && actThread(acts[g1] as number) === t) g1++;
    if (g1 - g0 < n && pm.independentNext(t) && ampleBranches(pm, acts, g0, g1, visited, h, tperm, raw, rawMask, here)) return g0 | (g1 << 16);
    g0 = g1;
  }
  return n << 16;
}

/**
 * With symmetry, dst (a successor whose fingerprint `pm.hash` just put in h)
 * to its class: dst in canonical form and h its fingerprint; false when
 * `raw` (a table that forgets: successors' fingerprints as they were) has met
 * dst before as it is, so its class is stored already and it needs no
 * renaming nor lookup. `record`: note dst in raw (not when only looking, as
 * POR's check does). Consulting raw only for successors that need renaming
 * (most keep their order) measured 5-7 % slower: raw is probed first.
 */
export function toClass(pm: PackedModel, h: Int32Array, tperm: Int32Array, raw: Int32Array | null, rawMask: number, record: boolean): boolean {
  if (raw !== null) {
    const at = 2 * ((h[0] as number) & rawMask);
    if (raw[at] === h[0] && raw[at + 1] === h[1]) return false;
    if (record) {
      raw[at] = h[0] as number;
      raw[at + 1] = h[1] as number;
    }
  }
  if ((pm.symmetry as Canon).canon(tperm)) pm.hash(h);
  return true;
}

/** True when every branch acts[g0..g1) is invisible and leads to a state not visited yet (the cycle proviso); stores nothing. */
function ampleBranches(pm: PackedModel, acts: Int32Array, g0: number, g1: number, visited: VisitedSet, h: Int32Array, tperm: Int32Array | null, raw: Int32Array | null, rawMask: number, here: (() => boolean) | null): boolean {
  for (let i = g0; i < g1; i++) {
    try {
      pm.apply(acts[i] as number);
    } catch (e) {
      // The expansion proper grows the layout.
      if (LayoutGrowth.is(e)) return false;
      throw e;
    }
    if (!pm.lastInvisible()) return false;
    pm.hash(h);
    if (tperm !== null && !toClass(pm, h, tperm, raw, rawMask, false)) return false;
    if (here !== null && !here()) return false;
    if (visited.contains(pm.dst, h[0] as number, h[1] as number)) return false;
  }
  return true;
}

/**
 * The violation result for a path of packed actions from the initial state
 * (`canonical`: as stored, renamed when `sym` is the symmetric search's
 * model), replayed once on the object model for its trace; `message` null
 * for a hang (the model describes the stuck state).
 */
export function violationOf<S>(model: Model<S>, sym: PackedModel | null, invariant: string, kind: CheckKind, message: string | null, canonical: readonly number[], stats: Stats): Result {
  const path = sym ? realPath(sym, canonical) : canonical;
  // One replay on the object model gives the trace, checking that each packed action is enabled there.
  const { trace, schedule, last, actions } = traceOfChosen(model, path.length, (s, i) => {
    const t = actThread(path[i] as number);
    const c = actChoice(path[i] as number);
    const act = model.actions(s).find((x) => x.thread === t && x.choice === c);
    if (!act) throw new Error(`internal error: the packed search took thread ${t} branch ${c} at step ${i + 1}, which the object model does not enable`);
    return act;
  });
  // A symmetric search found the violation on a renamed state: the message is the real trace's own.
  const msg = sym && message !== null ? messageOn(model, actions, invariant, kind) : (message ?? model.describeStuck(last));
  return { verdict: 'violation', invariant, kind, message: msg, trace, schedule, stats };
}

const HANG = { id: NO_HANG, kind: 'hang', message: null } as const;

/**
 * What dst, just discovered, fails: a state invariant or recorded fault
 * (`fresh`: dst was not made by apply), no-hang when nothing can move and not
 * every thread finished (with `checkHang`; else such a state is a leaf), or
 * an end check when every thread finished; null when it passes. Message
 * null: a hang (the model describes the stuck state).
 */
export function discoveredFailure(pm: PackedModel, fresh: boolean, checkHang: boolean): { readonly id: string; readonly kind: CheckKind; readonly message: string | null } | null {
  const f = pm.checkState(fresh);
  if (f) return f;
  if (pm.canMove()) return null;
  if (!pm.isDone()) return checkHang ? HANG : null;
  return pm.checkEnd();
}

/**
 * The check that no invariant tells renamed states apart (symmetry is sound
 * only then): every renaming of a stored state (dst, which passed) must pass
 * too, end checks included for a final state. Checked under every renaming
 * on the first ORBIT_RENAMINGS renamings' worth of states (at least 2,000),
 * then on one state in 32 under one renaming, the next in turn (under all of
 * them, four threads spent a tenth of the search here). The warm-up's samples
 * miss small models. `id`: the state's number; dst passed `discoveredFailure`.
 */
export function orbitCheck(pm: PackedModel): (id: number) => void {
  const group = groupOf((pm.symmetry as Canon).swaps, pm.layout.threads);
  const identity = Int32Array.from({ length: pm.layout.threads }, (_, t) => t);
  const ORBIT_ALL = Math.max(2000, Math.floor(ORBIT_RENAMINGS / Math.max(1, group.length)));
  return (id) => {
    const all = id < ORBIT_ALL;
    if (!all && (id & 31) !== 0) return;
    // A state where nothing can move is checked as a final one; one where some thread has not finished is a leaf
    // (a hang, when checked, was reported before) and is not checked.
    const end = !pm.canMove();
    if (end && !pm.isDone()) return;
    const dst = pm.dst;
    const keep = dst.slice();
    const from = all ? 0 : (id >>> 5) % Math.max(1, group.length);
    const to = all ? group.length : Math.min(group.length, from + 1);
    for (let k = from; k < to; k++) {
      const perm = group[k] as Int32Array;
      (pm.symmetry as Canon).permute(perm);
      const f = pm.checkState(true) ?? (end ? pm.checkEnd() : null);
      dst.set(keep);
      if (f) {
        const moved = [...perm.keys()].filter((t) => perm[t] !== t).map((t) => `${t}->${perm[t]}`);
        throw new SymmetryBroken(
          `symmetry: invariant ${f.id} holds on a reachable state and fails on the same state with interchangeable threads renamed (${moved.join(', ')}): it tells them apart, so --symmetry cannot be used with it (check it with --only on the others, or without --symmetry)`,
        );
      }
    }
    // Through the identity renaming, so the compiled model forgets the renamed world it last saw.
    if (group.length > 0) (pm.symmetry as Canon).permute(identity);
  };
}

/** One search from the initial state; `run.hints` is left at the layout it ended with. */
function searchOnce<S>(
  model: Model<S>,
  factory: PackedFactory,
  opts: PackedOptions,
  codes: Codes,
  t0: number,
  run: { hints: LayoutHints; readonly restarts: number; readonly pm: PackedModel | null; reached: number },
): Result {
  let pm = run.pm ?? factory.compile(run.hints, codes);
  // A warm-up's model observed; now it resets (when codes say so).
  if (run.pm && codes.deadLocals === true) pm.startResetting();
  let regrowths = run.restarts;
  const W = pm.width;
  if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(`movcheck: layout ${W} slots: world and fault ${pm.layout.threadBase}, ${pm.layout.threads} threads of ${pm.layout.stackWords}\n`);
  const dfs = opts.strategy === 'dfs';
  const visited = opts.exact ? exactSet(W) : hashedSet();
  const h = new Int32Array(2);
  let src = pm.src;
  let dst = pm.dst;
  let parent = new Int32Array(1 << 12);
  let via = new Int32Array(1 << 12);
  // Beside each queued state, its fingerprint parts: expanding it need not hash its world and threads again.
  const queue = new StateQueue(W, pm.partsWords, dfs);
  const acts = new Int32Array(4096);
  const symOn = opts.symmetry === true && pm.symmetry !== null;
  /**
   * With symmetry: fingerprints of successors as they were before renaming
   * (their class is stored), in a table that forgets (one entry per slot, the
   * newest kept; it grows with the visited set, up to 2^22 entries). A third
   * of the successors were met before as they are (measured on three and four
   * threads); renaming one to find its class costs more than the step. Not
   * with `exact`, which must not rest on fingerprints.
   */
  let raw: Int32Array | null = symOn && !opts.exact ? new Int32Array(2 << 12) : null;
  let rawMask = (1 << 12) - 1;
  let rawHits = 0;
  const tperm = new Int32Array(pm.layout.threads);
  let transitions = 0;
  let reduced = 0;
  const porOn = opts.por === true;
  let maxSeen = 0;
  let depthCut = false;
  let expanded = 0;

  /** Moves every stored state (and src) to the layout `e` asks for, widening the stacks until every state fits. */
  const regrow = (e: LayoutGrowth, keepSrc: boolean) => {
    const old = pm;
    regrowths++;
    if (process.env.MOVCHECK_DEBUG_LAYOUT) process.stderr.write(`movcheck: layout grows (${e.message}) after ${visited.size} states\n`);
    let hints = e.hints;
    for (;;) {
      const next = factory.compile(hints, codes);
      run.hints = next.hints;
      const W2 = next.width;
      const move = (from: Int16Array, fo: number, to: Int16Array, to0: number) => {
        if (!transcode(old.layout, next.layout, from, fo, to, to0, W2)) throw new LayoutGrowth(hints, 'stack');
      };
      try {
        const commit = queue.relayout(W2, move);
        if (keepSrc) move(old.src, 0, next.src, 0);
        next.loaded();
        visited.relayout(W2, move);
        commit();
        pm = next;
        src = pm.src;
        dst = pm.dst;
        if (symOn) checkOrbit = orbitCheck(pm);
        return;
      } catch (g) {
        if (!LayoutGrowth.is(g)) throw g;
        hints = { names: hints.names, stackWords: Math.ceil(hints.stackWords * 1.5) };
      }
    }
  };

  const seconds = () => (performance.now() - t0) / 1000;
  const stats = (states = visited.size): Stats => ({
    states,
    transitions,
    depth: maxSeen,
    seconds: seconds(),
    fingerprint: {
      kind: opts.exact ? 'exact' : 'hash64',
      collisionProbability: opts.exact ? 0 : collisionBound(states),
      visitedBytes: visited.bytes,
      restarts: regrowths,
      ...(opts.symmetry ? { symmetricThreads: symOn ? (pm.symmetry?.threads ?? 0) : 0 } : {}),
      ...(porOn ? { porReduced: reduced } : {}),
    },
  });
  const pathTo = (id: number, last?: number): number[] => {
    const path: number[] = last === undefined ? [] : [last];
    for (let n = id; parent[n] !== -1; n = parent[n] as number) path.push(via[n] as number);
    return path.reverse();
  };
  const violation = (invariant: string, kind: CheckKind, message: string | null, canonical: number[]): Result =>
    violationOf(model, symOn ? pm : null, invariant, kind, message, canonical, stats());
  const incomplete = (bound: Bound, limit: number, states?: number): Result => ({ verdict: 'incomplete', bound, limit, stats: stats(states) });

  let checkOrbit = symOn ? orbitCheck(pm) : () => undefined;
  /** Checks dst, just discovered as state `id`; a violation or null. */
  const checkNew = (id: number): Result | null => {
    const f = discoveredFailure(pm, id === 0, opts.checkHang);
    if (f) return violation(f.id, f.kind, f.message, pathTo(id));
    if (symOn) checkOrbit(id);
    return null;
  };
  const pushDst = (id: number, depth: number) => queue.push(dst, id, depth, pm.hashParts);

  try {
    for (;;) {
      try {
        pm.init();
        break;
      } catch (e) {
        if (!LayoutGrowth.is(e)) throw e;
        regrow(e, false);
      }
    }
    if (symOn) {
      initSymmetric(pm);
      pm.symmetry?.canon(tperm);
    }
    pm.hash(h);
    visited.add(dst, h[0] as number, h[1] as number);
    parent[0] = -1;
    via[0] = -1;
    const bad = checkNew(0);
    if (bad) return bad;
    pushDst(0, 0);

    while (queue.take(src)) {
      const id = queue.id;
      const depth = queue.depth;
      pm.loadedWith(queue.parts, queue.partsAt);
      if ((++expanded & 255) === 0) {
        const sec = seconds();
        if (sec > opts.timeLimit) return incomplete('time-limit', opts.timeLimit);
        const bytes = visited.bytes + queue.bytes + parent.byteLength + via.byteLength;
        if (bytes > opts.maxMemory * 2 ** 20) return incomplete('max-memory', opts.maxMemory);
        opts.progress?.({ states: visited.size, transitions, depth: maxSeen, frontier: queue.size, seconds: sec });
      }
      const n = pm.actions(0, acts);
      if (n === 0) continue;
      if (depth >= opts.maxDepth) {
        depthCut = true;
        continue;
      }
      const g = porOn ? ampleGroup(pm, acts, n, visited, h, symOn ? tperm : null, raw, rawMask) : n << 16;
      const lo = g & 0xffff;
      const hi = g >>> 16;
      if (hi - lo < n) reduced++;
      for (let i = lo; i < hi; i++) {
        const a = acts[i] as number;
        try {
          pm.apply(a);
        } catch (e) {
          if (!LayoutGrowth.is(e)) throw e;
          regrow(e, true);
          i--;
          continue;
        }
        transitions++;
        const sf = pm.checkStep(a);
        if (sf) return violation(sf.id, 'step', sf.message, pathTo(id, a));
        pm.hash(h);
        if (symOn && !toClass(pm, h, tperm, raw, rawMask, true)) {
          rawHits++;
          continue;
        }
        if (visited.size >= opts.maxStates) {
          if (visited.add(dst, h[0] as number, h[1] as number)) return incomplete('max-states', opts.maxStates, opts.maxStates);
          continue;
        }
        if (!visited.add(dst, h[0] as number, h[1] as number)) continue;
        const nid = visited.size - 1;
        if (nid >= parent.length) {
          parent = ensure(parent, nid + 1);
          via = ensure(via, nid + 1);
        }
        parent[nid] = id;
        via[nid] = a;
        if (raw !== null && nid > rawMask && rawMask < (1 << 22) - 1) {
          rawMask = rawMask * 4 + 3;
          raw = new Int32Array(2 * (rawMask + 1));
        }
        if (depth + 1 > maxSeen) maxSeen = depth + 1;
        const bad2 = checkNew(nid);
        if (bad2) return bad2;
        pushDst(nid, depth + 1);
      }
    }
  } catch (e) {
    if (LivenessGrowth.is(e)) run.reached = visited.size;
    if (e instanceof RangeError && /allocation|Array buffer|Invalid typed array length/i.test(e.message)) {
      // The machine refused a table before the bound was reached: report the bound, never a crash.
      return incomplete('max-memory', opts.maxMemory);
    }
    throw e;
  }
  if (process.env.MOVCHECK_DEBUG_LAYOUT && raw !== null) process.stderr.write(`movcheck: ${rawHits} of ${transitions} successors met before as they were\n`);
  if (depthCut) return incomplete('max-depth', opts.maxDepth);
  return { verdict: 'pass', stats: stats() };
}
