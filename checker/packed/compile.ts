/**
 * Thread programs compiled to a packed state: the world's leaves, a fault slot
 * and each thread's call stack laid out as one Int16 vector. A step runs on the
 * vector through views bound once per build (the world's accessor tree, one
 * locals object per function), so a transition is one copy of the vector and
 * no allocation. The object model of build.ts stays the reference: traces,
 * `explain` and tests use it, and a packed run must visit the same states.
 *
 * Thread region (from `base(t)`): [sp, frame 0, frame 1, ...], a frame being
 * [function id + 1, pc, return-into name code, locals...] with one slot per
 * local name of its function. Slots past the top frame are 0, so a state has
 * one encoding. The local names of each function and the stack room are found
 * by short random walks first; a run that meets a new name or a deeper stack
 * throws LayoutGrowth and the explorer starts again with the larger layout.
 */
import type { Action, Model, StateInvariant, StepInvariant } from '../model.ts';
import type { Ctx, Fault, FnDef, Locals, ProgramSpec, StepDef, SysState, ThreadState, Value } from '../program/index.ts';
import { Interner } from './codec.ts';
import { load, markSlots, shapeOf, store, worldView, type WorldView } from './world-view.ts';
import { hashedSet, hashWords, type VisitedSet } from './visited.ts';
import { Liveness } from './liveness.ts';
import { makeCanon, type Canon } from './symmetry.ts';
import { slotPlan } from './renaming.ts';
import { independentTable } from './por.ts';

/** What the layout must make room for: each function's local names and each thread's stack words. */
export interface LayoutHints {
  readonly names: ReadonlyMap<string, readonly string[]>;
  readonly stackWords: number;
  /** Every function was built before (its locals learnt): a short warm-up will do. */
  readonly seen?: boolean;
}

const LAYOUT_GROWTH = Symbol.for('movcheck.LayoutGrowth');

/**
 * Thrown during a packed run when the layout is too small; carries the larger
 * hints to start again with. Recognised by a registered symbol, not by
 * `instanceof`: a user file may load its own copy of the engine.
 */
export class LayoutGrowth extends Error {
  readonly [LAYOUT_GROWTH] = true;
  constructor(
    readonly hints: LayoutHints,
    why: string,
  ) {
    super(why);
  }

  static is(e: unknown): e is LayoutGrowth {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[LAYOUT_GROWTH] === true;
  }
}

/** A check that failed on a packed state. */
export interface PackedFailure {
  readonly id: string;
  readonly kind: 'assert' | 'state' | 'step' | 'end';
  readonly message: string;
}

/** The parts of a layout that a grown layout keeps or widens. */
export interface PackedLayout {
  /** First slot of the thread regions (world slots and the fault slot come before). */
  readonly threadBase: number;
  /** Slots per thread region. */
  readonly stackWords: number;
  readonly threads: number;
  /** Slots of a frame of function id f (3 + its locals). */
  readonly frameSize: Int32Array;
}

/** Interning tables shared by every layout of one search, so codes keep their meaning when it grows. */
export interface Codes {
  readonly intern: Interner;
  readonly faults: Interner;
  readonly names: Interner;
  /**
   * Worlds (and world transitions, with the moving thread) whose worldOnly
   * invariants held, by 64-bit fingerprint: an invariant of the world is
   * checked once per distinct world, not once per state. Null: check always
   * (the exact search, which must not rest on fingerprints).
   */
  readonly checked: { readonly worlds: VisitedSet; readonly steps: VisitedSet } | null;
  /** Reset dead locals (see liveness.ts); `observe`: learn what steps read and where they jump, reset nothing. */
  deadLocals: boolean | 'observe';
  /**
   * The world's two views (src's and dst's), kept from one layout to the next
   * of the same world: a compile binds them to its own vectors, so only the
   * model compiled last with these codes may be used.
   */
  views?: { readonly world: unknown; readonly A: WorldView; readonly B: WorldView };
  /** Build the program's canonicaliser (when it declares interchangeable threads); a search without `--symmetry` saves none of its signatures. */
  readonly symmetry: boolean;
}

/** Fresh interning tables (and invariant caches unless `exact`); dead locals reset unless `deadLocals` is false; a canonicaliser unless `symmetry` is false. */
export function newCodes(exact = false, deadLocals = true, symmetry = true): Codes {
  const checked = exact ? null : { worlds: hashedSet(10), steps: hashedSet(10) };
  return { intern: new Interner(), faults: new Interner(), names: new Interner(), checked, deadLocals, symmetry };
}

/**
 * Copies state `from` of layout `a` into `to` of layout `b` (b's frames at
 * least as wide). Returns false, leaving `to` partly written, when a stack
 * does not fit b's thread regions.
 */
export function transcode(a: PackedLayout, b: PackedLayout, from: Int16Array, fo: number, to: Int16Array, tOff: number, width: number): boolean {
  to.fill(0, tOff, tOff + width);
  for (let i = 0; i < a.threadBase; i++) to[tOff + i] = from[fo + i] as number;
  for (let t = 0; t < a.threads; t++) {
    let x = fo + a.threadBase + t * a.stackWords;
    const y0 = tOff + b.threadBase + t * b.stackWords;
    let y = y0;
    const sp = from[x] as number;
    to[y] = sp;
    x++;
    y++;
    for (let i = 0; i < sp; i++) {
      const f = (from[x] as number) - 1;
      const na = a.frameSize[f] as number;
      const nb = b.frameSize[f] as number;
      if (y + nb > y0 + b.stackWords) return false;
      for (let j = 0; j < na; j++) to[y + j] = from[x + j] as number;
      x += na;
      y += nb;
    }
  }
  return true;
}

/** Encoded action: thread << 8 | choice. */
export const actThread = (a: number) => a >> 8;
export const actChoice = (a: number) => a & 255;

/**
 * A compiled program. `src` and `dst` are its two scratch vectors (views are
 * bound to them for good): the explorer copies a state into `src`, `apply`
 * writes a successor into `dst`, and checks read either.
 */
export interface PackedModel {
  /** Int16 slots per state (even, so the hash can read it as Int32 words). */
  readonly width: number;
  readonly hints: LayoutHints;
  /** Where things are, for moving a state to a grown layout. */
  readonly layout: PackedLayout;
  readonly src: Int16Array;
  readonly dst: Int16Array;
  /** Tells the model that the explorer loaded a new state into `src`. */
  loaded(): void;
  /** Words of a state's fingerprint parts (see hashParts): the world's two and two per thread. */
  readonly partsWords: number;
  /** The second word of the world's fingerprint as the last `hash` summed it (a parallel search's owner of the state). */
  worldPart(): number;
  /**
   * Writes the parts the last `hash` summed (the world's fingerprint, then
   * each thread's) into out from `at`; a queue keeps them beside the state
   * so that `loadedWith` need not compute them again when it is expanded.
   */
  hashParts(out: Int32Array, at: number): void;
  /** `loaded`, for a state whose fingerprint parts (from hashParts) are in `parts` from `at`. */
  loadedWith(parts: Int32Array, at: number): void;
  /**
   * 64-bit fingerprint of `dst` into out[0], out[1]: the XOR of the world's
   * (a Zobrist sum over its slots) and each thread's (its frames up to their
   * last non-zero local), so it does not depend on the layout: a state keeps
   * its fingerprint when the layout grows. Kept up to date from src's, so dst
   * must be as the last `init`, `apply` or renaming left it (since `loaded`).
   */
  hash(out: Int32Array): void;
  /** Writes the initial state into `dst`. */
  init(): void;
  /**
   * dst := the state at v[at..at+width) (another worker's: parallel.ts),
   * checked afresh; `parts` from `partsAt` are its fingerprint parts
   * (hashParts), so its world need not be fingerprinted again.
   */
  adopt(v: Int16Array, at: number, parts: Int32Array, partsAt: number): void;
  /** Enabled actions of `src` (which=0) or `dst` (which=1) into `out`; returns their count. */
  actions(which: 0 | 1, out: Int32Array): number;
  /** True when some thread can move in `dst` (no fault, a next step enabled); stops at the first that can. */
  canMove(): boolean;
  /** Number of branches of thread `t`'s next step in `src`. */
  choices(t: number): number;
  /** dst := successor of src under encoded action `a`. */
  apply(a: number): void;
  /**
   * State invariants (and recorded assertion faults) of `dst`. Unless `fresh`
   * (dst was not made by `apply`), those marked worldOnly are skipped when the
   * last apply left the world as src had it: src passed them.
   */
  checkState(fresh: boolean): PackedFailure | null;
  /** Step invariants of the transition src → dst under `a`. */
  checkStep(a: number): PackedFailure | null;
  /** End checks of `dst`, every thread having finished. */
  checkEnd(): PackedFailure | null;
  /** True when every thread of `dst` has finished. */
  isDone(): boolean;
  /** The object state of a vector (for tests and messages). */
  decode(buf: Int16Array): SysState<unknown>;
  /** Symmetry reduction of `dst` (see symmetry.ts), or null when the program declares no interchangeable threads. */
  readonly symmetry: Canon | null;
  /**
   * Partial-order reduction (see por.ts): true when thread t's next step in
   * `src` is statically independent of every step of the program. The first
   * call computes the program's table.
   */
  independentNext(t: number): boolean;
  /** True when the last apply ran only statically independent steps and left the world (and fault) as it was. */
  lastInvisible(): boolean;
  /**
   * Turns a model compiled to observe (a warm-up's: codes.deadLocals was
   * 'observe') into one that resets dead locals, with what it learnt, so the
   * search can go on with it instead of compiling the same layout again.
   */
  startResetting(): void;
}

/**
 * The locals of the running frame, for every compiled program of this
 * process: one class with a getter and setter per local name met so far, so
 * `c.l.p` in a step sees one hidden class whatever the function, the program
 * or the layout (a step's property loads stay monomorphic across layout
 * growths). An instance per function maps a name's number to its slot in that
 * function's frames (-1: none yet; writing it grows the layout). `L` says
 * which vector, frame and interning table the running step uses.
 */
const L = { b: new Int16Array(0) as Int16Array, o: 0, r: 0, vals: [] as unknown[], intern: null as unknown as Interner, miss: (_f: number, _n: string): void => undefined };
/** Every local name a class was built for (append-only), and its number. */
const localNames: string[] = [];
const localId = new Map<string, number>();
type LocalsClass = new (f: number, m: Int32Array) => Locals;
let localsCls: LocalsClass | null = null;

/** The locals class over every name met so far, `more` included (a new class only when a name is new). */
function localsClass(more: readonly string[]): LocalsClass {
  let grown = false;
  for (const n of more) {
    if (localId.has(n)) continue;
    localId.set(n, localNames.length);
    localNames.push(n);
    grown = true;
  }
  if (localsCls && !grown) return localsCls;
  const body = localNames
    .map((n, i) => {
      const key = JSON.stringify(n);
      return `get [${key}]() { const j = this.#m[${i}]; if (j < 0) return undefined; L.r |= 1 << j; return L.vals[L.b[L.o + j]]; }
        set [${key}](v) { const j = this.#m[${i}]; if (j < 0) L.miss(this.#f, ${key}); else L.b[L.o + j] = L.intern.code(v); }`;
    })
    .join('\n');
  localsCls = new Function('L', `return class Locals { #f; #m; constructor(f, m) { this.#f = f; this.#m = m; }\n${body} };`)(L) as LocalsClass;
  return localsCls;
}

/** fmix32 of murmur3: a bijection of 32-bit integers that spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The two halves of world slot i's Zobrist key for value v (a 64-bit key per
 * slot and value, computed rather than tabled): the world's fingerprint is
 * their XOR over its non-zero slots, so a step's change of a few slots changes
 * it by a few keys.
 */
function zobrist0(i: number, v: number): number {
  return v === 0 ? 0 : fmix32(((i << 16) | (v & 0xffff)) ^ 0x2545f491);
}
function zobrist1(i: number, v: number): number {
  return v === 0 ? 0 : fmix32(Math.imul((i << 16) | (v & 0xffff), 0x9e3779b1) + 0x7f4a7c15);
}

const NOT_EXTENSIBLE = /Cannot add property (.+?), object is not extensible/;
const NOT_DELETABLE = /Cannot delete property '(.+?)'/;

/**
 * Compiles `spec` (whose object model is `model`) for the given layout hints.
 * Invariants are `model`'s (already filtered by `only`); `enabledFault` says
 * which assertion ids a step may record.
 */
export function compile<W>(
  spec: ProgramSpec<W>,
  model: Model<SysState<W>>,
  hints: LayoutHints,
  enabledFault: (id: string) => boolean,
  codes: Codes = newCodes(),
): PackedModel {
  const intern = codes.intern;
  const faults = codes.faults;
  const { shape, next: faultSlot } = shapeOf(spec.world);
  const fnNames = Object.keys(spec.fns);
  const fnIndex = new Map(fnNames.map((n, i) => [n, i]));
  const fnDefs: FnDef<W>[] = fnNames.map((n) => spec.fns[n] as FnDef<W>);
  const steps: StepDef<W>[][] = fnDefs.map((f) => [...f.steps]);
  const labels: Map<string, number>[] = fnDefs.map((f) => new Map(f.steps.map((s, i) => [s.label, i])));
  const names: string[][] = fnNames.map((n) => [...(hints.names.get(n) ?? [])]);
  const slotOf: Map<string, number>[] = names.map((ns) => new Map(ns.map((n, i) => [n, i])));
  const frameSize = Int32Array.from(names, (ns) => 3 + ns.length);
  const nameCodes = codes.names;
  const T = spec.threads.length;
  const C = Math.max(hints.stackWords, 1 + Math.max(...frameSize));
  const threadBase = faultSlot + 1;
  const width = (threadBase + T * C + 1) & ~1;
  const assertIds = new Set((spec.asserts ?? []).map((a) => a.id));
  /** Starts again with room for `more` locals (function id, name) and `words` of stack. */
  const grow = (more: readonly (readonly [number, string])[], words = C): never => {
    const m = new Map(fnNames.map((n, i) => [n, [...(names[i] as string[])]]));
    for (const [f, name] of more) {
      const list = m.get(fnNames[f] as string) as string[];
      if (!list.includes(name)) list.push(name);
    }
    const why = more.length ? more.map(([f, n]) => `${fnNames[f]}.${n}`).join(', ') : `stack ${C} -> ${words} words`;
    throw new LayoutGrowth({ names: m, stackWords: words }, why);
  };

  const src = new Int16Array(width);
  const dst = new Int16Array(width);
  const seq = new Int32Array(width + 2 * T + 8);
  // The world's views outlive a layout growth (the world's slots do not move), so the steps keep seeing one class per view.
  if (codes.views?.world !== spec.world) codes.views = { world: spec.world, A: worldView(shape, intern), B: worldView(shape, intern) };
  const { A, B } = codes.views;
  A.bind(src);
  B.bind(dst);
  // dst's dirty mask: the world and fault slots the running transition may have written (see world-view.ts).
  const dirty = B.holder.m;
  /** MOVCHECK_DEBUG_DIRTY=1: every apply also compares the whole world, and throws on a change the mask missed. */
  const verifyDirty = process.env.MOVCHECK_DEBUG_DIRTY === '1';
  const unseenWrite = (t: number) => {
    for (let i = 0; i < threadBase; i++) {
      if (src[i] === dst[i] || ((dirty[i >>> 5] as number) & (1 << (i & 31))) !== 0) continue;
      const where = i === faultSlot ? 'the fault slot' : `world field ${B.holder.p[i] ?? i}`;
      throw new Error(`internal error: thread ${spec.threads[t]?.name} changed ${where} (${src[i]} -> ${dst[i]}) unseen by the dirty mask (a step kept a world array from an earlier step?)`);
    }
  };
  const vals = intern.vals;

  const miss = (f: number, n: string): never => grow([[f, n]]);
  const LocalsView = localsClass(names.flat());
  /** Points the process's shared locals state at this program's interning table (once per apply or actions, not per step). */
  const bindLocals = () => {
    L.vals = vals;
    L.intern = intern;
    L.miss = miss;
  };
  const live = codes.deadLocals ? new Liveness(fnDefs, names, fnNames, codes.deadLocals === 'observe') : null;
  let resets = codes.deadLocals === true;
  const localsViews: Locals[] = names.map((ns, f) => {
    const m = new Int32Array(localNames.length).fill(-1);
    ns.forEach((n, j) => (m[localId.get(n) as number] = j));
    return new LocalsView(f, m);
  });
  const sysView = (root: unknown, buf: () => Int16Array): SysState<W> =>
    ({
      w: root as W,
      get t(): ThreadState[] {
        return decodeThreads(buf());
      },
      get fault(): Fault | null {
        const c = buf()[faultSlot] as number;
        return c === 0 ? null : (faults.vals[c] as Fault);
      },
    }) as SysState<W>;
  const sysA = sysView(A.root, () => src);
  const sysB = sysView(B.root, () => dst);

  /** Offset of thread t's top frame in `b`, or -1 when it has finished. */
  const topFrame = (b: Int16Array, t: number): number => {
    const base = threadBase + t * C;
    const sp = b[base] as number;
    if (sp === 0) return -1;
    let off = base + 1;
    for (let i = 1; i < sp; i++) off += frameSize[(b[off] as number) - 1] as number;
    return off;
  };

  const decodeThreads = (b: Int16Array): ThreadState[] => {
    const out: ThreadState[] = [];
    for (let t = 0; t < T; t++) {
      const base = threadBase + t * C;
      const frames = [];
      let off = base + 1;
      for (let i = 0; i < (b[base] as number); i++) {
        const f = (b[off] as number) - 1;
        const l: Locals = {};
        (names[f] ?? []).forEach((n, j) => {
          const v = vals[b[off + 3 + j] as number];
          if (v !== undefined) l[n] = v as Value;
        });
        const r = b[off + 2] as number;
        frames.push({ fn: fnNames[f] as string, pc: b[off + 1] as number, l, ret: r === 0 ? null : (nameCodes.vals[r] as string) });
        off += frameSize[f] as number;
      }
      out.push({ frames });
    }
    return out;
  };

  // --- running a step on dst ---------------------------------------------------------------
  let tid = 0;
  let ft = 0; // the running step's frame
  let end = 0; // end of the thread's stack
  let sp = 0;
  const frameOffs = new Int32Array(256);
  let control = 0; // 0 next, 1 done
  let curPc = 0; // pc of the running step

  /** Pushes a frame of function f for the thread being stepped. */
  const push = (f: number, args: Locals, into: string | undefined) => {
    const size = frameSize[f] as number;
    const base = threadBase + tid * C;
    if (end + size > base + C) grow([], Math.max(C + size, Math.ceil(C * 1.5)));
    if (sp >= frameOffs.length) throw new RangeError('packed state: call stack deeper than 256 frames');
    dst[end] = f + 1;
    dst[end + 1] = 0;
    dst[end + 2] = into === undefined ? 0 : nameCodes.code(into);
    for (const k in args) {
      const j = slotOf[f]?.get(k);
      if (j === undefined) grow(Object.keys(args).map((n) => [f, n] as const));
      dst[end + 3 + (j as number)] = intern.code(args[k]);
    }
    frameOffs[sp++] = end;
    dst[base] = sp;
    end += size;
  };

  /** Pops the top frame, storing `value` into the caller's return local; a caller whose call was its last step returns too. */
  const pop = (value: Value) => {
    for (let v = value; ; v = null) {
      const off = frameOffs[--sp] as number;
      const r = dst[off + 2] as number;
      const size = frameSize[(dst[off] as number) - 1] as number;
      for (let i = off; i < off + size; i++) dst[i] = 0; // a few slots: a loop beats fill's call
      dst[threadBase + tid * C] = sp;
      end = off;
      if (sp === 0) return;
      const caller = frameOffs[sp - 1] as number;
      const cf = (dst[caller] as number) - 1;
      if (r !== 0) {
        const name = nameCodes.vals[r] as string;
        const j = slotOf[cf]?.get(name);
        if (j === undefined) grow([[cf, name]]);
        dst[caller + 3 + (j as number)] = intern.code(v);
      }
      if ((dst[caller + 1] as number) < (steps[cf] as StepDef<W>[]).length) return;
    }
  };

  const ctx = {
    w: B.root as W,
    l: localsViews[0] as Locals,
    tid: 0,
    choice: null as string | null,
    fail(inv: string, msg: string) {
      if (!assertIds.has(inv)) throw new Error(`program ${spec.name}: step fails unknown assertion ${inv}`);
      if (enabledFault(inv) && dst[faultSlot] === 0) {
        dst[faultSlot] = faults.code(faultOf(inv, msg, tid));
        markSlots(dirty, faultSlot, 1);
      }
    },
    goto(label: string) {
      const f = (dst[ft] as number) - 1;
      const pc = labels[f]?.get(label);
      if (pc === undefined) throw new Error(`program ${spec.name}: ${fnNames[f]} has no step labelled ${label}`);
      dst[ft + 1] = pc;
      live?.jump(f, curPc, pc);
      control = 1;
    },
    call(fn: string, args: Locals, then?: string, into?: string) {
      const g = fnIndex.get(fn);
      if (g === undefined) throw new Error(`program ${spec.name}: a step calls unknown function ${fn}`);
      const f = (dst[ft] as number) - 1;
      if (then === undefined) dst[ft + 1] = (dst[ft + 1] as number) + 1;
      else {
        const pc = labels[f]?.get(then);
        if (pc === undefined) throw new Error(`program ${spec.name}: ${fnNames[f]} has no step labelled ${then}`);
        dst[ft + 1] = pc;
        live?.jump(f, curPc, pc);
      }
      push(g, args, into);
      control = 1;
    },
    ret(value: Value = null) {
      pop(value);
      control = 1;
    },
  };
  // The faults these codes hold already (an earlier layout's, or the ones a parallel search's worker was seeded with) keep their codes.
  const faultKeys = new Map<string, Fault>();
  for (const f of faults.vals as (Fault | undefined)[]) if (f) faultKeys.set(`${f.thread}\u0000${f.inv}\u0000${f.msg}`, f);
  const faultOf = (inv: string, msg: string, thread: number): Fault => {
    const key = `${thread}\u0000${inv}\u0000${msg}`;
    let f = faultKeys.get(key);
    if (f === undefined) faultKeys.set(key, (f = { inv, msg, thread }));
    return f;
  };

  /** Runs the next step of thread `t` on dst, taking branch `choice`. */
  const runOne = (t: number, choice: number) => {
    tid = t;
    const base = threadBase + t * C;
    sp = dst[base] as number;
    let off = base + 1;
    for (let i = 0; i < sp; i++) {
      frameOffs[i] = off;
      off += frameSize[(dst[off] as number) - 1] as number;
    }
    end = off;
    ft = frameOffs[sp - 1] as number;
    const f = (dst[ft] as number) - 1;
    const pc = dst[ft + 1] as number;
    const fnSteps = steps[f] as StepDef<W>[];
    const step = fnSteps[pc];
    if (!step) throw new Error(`program ${spec.name}: ${fnNames[f]} has no step ${pc}`);
    L.b = dst;
    L.o = ft + 3;
    L.r = 0;
    curPc = pc;
    ctx.l = localsViews[f] as Locals;
    ctx.tid = t;
    ctx.choice = step.choices ? (step.choices[choice] ?? null) : null;
    control = 0;
    try {
      step.run(ctx as Ctx<W>);
    } catch (e) {
      // A step that fails on a local the analysis reset: its read is news (LivenessGrowth), not a model error.
      if (L.r !== 0) live?.read(f, pc, L.r);
      throw e;
    }
    if (L.r !== 0) live?.read(f, pc, L.r);
    if (indep !== null) allIndep &= (indep[f] as Uint8Array)[pc] as number;
    // A name no function had so far lands as an own property (a user file in sloppy mode cannot be stopped from adding it).
    for (const k in ctx.l) grow([[f, k]]);
    if (control === 0) {
      if (pc + 1 < fnSteps.length) dst[ft + 1] = pc + 1;
      else pop(null);
    }
  };

  /** The step thread t runs next in vector b (views bound accordingly), or null. */
  const enabledStep = (b: Int16Array, t: number): StepDef<W> | null => {
    const off = topFrame(b, t);
    if (off < 0) return null;
    const f = (b[off] as number) - 1;
    const step = (steps[f] as StepDef<W>[])[b[off + 1] as number];
    if (!step) throw new Error(`program ${spec.name}: ${fnNames[f]} has no step ${b[off + 1]}`);
    if (step.when) {
      L.b = b;
      L.o = off + 3;
      L.r = 0;
      let ok: boolean;
      try {
        ok = step.when((b === src ? A.root : B.root) as W, localsViews[f] as Locals, t);
      } catch (e) {
        if (L.r !== 0) live?.read(f, b[off + 1] as number, L.r);
        throw e;
      }
      if (L.r !== 0) live?.read(f, b[off + 1] as number, L.r);
      if (!ok) return null;
    }
    return step;
  };

  /** True when the thread just stepped (its frames are in frameOffs up to sp) has a local step next. */
  const isLocalNext = (): boolean => {
    if (sp === 0) return false;
    const off = frameOffs[sp - 1] as number;
    return (steps[(dst[off] as number) - 1] as StepDef<W>[])[dst[off + 1] as number]?.local === true;
  };

  /** Resets the dead locals of every frame of the thread just stepped or started (frameOffs up to sp) in dst. */
  const resetDead = () => {
    const dead = (live as Liveness).dead;
    for (let i = 0; i < sp; i++) {
      const off = frameOffs[i] as number;
      const f = (dst[off] as number) - 1;
      for (let m = (dead[f] as Int32Array)[dst[off + 1] as number] as number; m !== 0; m &= m - 1) dst[off + 3 + (31 - Math.clz32(m & -m))] = 0;
    }
  };

  // Partial-order reduction's table (null until asked: a search without it pays one test per step), and whether
  // every step the last apply ran is in it.
  let indep: Uint8Array[] | null = null;
  let allIndep = 1;
  // Whether dst's world (or fault) differs from src's: what the last apply's dirty slots say, or 1 for a dst made anew.
  let worldChanged = 0;

  const apply = (a: number) => {
    allIndep = 1;
    dst.set(src);
    worldChanged = 0;
    dstWHok = false;
    deltaOk = false;
    const t = actThread(a);
    moved = t;
    bindLocals();
    try {
      runOne(t, actChoice(a));
      for (let n = 0; dst[faultSlot] === 0 && isLocalNext(); n++) {
        if (n > 10000) throw new Error(`program ${spec.name}: local steps loop`);
        runOne(t, 0);
      }
      if (resets) resetDead();
      // Did the world change, and by which slots? Only slots in the dirty mask may have (a write may store the value
      // already there). The world's fingerprint is a sum over its slots, so dst's is src's changed by these. The mask
      // is cleared here, not before the step: bits that reads set since (an integer array reached by a check) only
      // cost a comparison, and an apply cut short by a layout growth leaves its bits to the next.
      if (verifyDirty) unseenWrite(t);
      let x0 = 0;
      let x1 = 0;
      let changed = 0;
      for (let k = 0; k < dirty.length; k++) {
        const bits = dirty[k] as number;
        if (bits === 0) continue;
        dirty[k] = 0;
        for (let m = bits; m !== 0; m &= m - 1) {
          const i = (k << 5) | (31 - Math.clz32(m & -m));
          const u = src[i] as number;
          const v = dst[i] as number;
          if (u === v) continue;
          changed = 1;
          x0 ^= zobrist0(i, u) ^ zobrist0(i, v);
          x1 ^= zobrist1(i, u) ^ zobrist1(i, v);
        }
      }
      worldChanged = changed;
      delta0 = x0;
      delta1 = x1;
      deltaOk = true;
    } catch (e) {
      if (LayoutGrowth.is(e) || !(e instanceof TypeError)) throw e;
      const del = NOT_DELETABLE.exec(e.message);
      if (del) throw new Error(`program ${spec.name}: a step of thread ${spec.threads[t]?.name} deletes local '${del[1]}': locals are slots of a packed state, set it to null instead`);
      // A step wrote a local its function's view has no slot for yet (or a world field that does not exist).
      const add = NOT_EXTENSIBLE.exec(e.message)?.[1];
      const f = (dst[ft] as number) - 1;
      if (add === undefined || slotOf[f]?.has(add)) throw e;
      grow([[f, add]]);
    }
  };

  const failure = (inv: StateInvariant<SysState<W>>, s: SysState<W>, kind: 'state' | 'end'): PackedFailure | null => {
    const msg = inv.check(s);
    return msg === null ? null : { id: inv.id, kind: inv.kind === 'assert' ? 'assert' : kind, message: msg };
  };
  // Recorded faults are read off the fault slot; the state invariants proper run after.
  const faultInvs = new Map(model.stateInvariants.filter((i) => i.kind === 'assert').map((i) => [i.id, i]));
  const stateInvs = model.stateInvariants.filter((i) => i.kind !== 'assert');
  const stepInvs: readonly StepInvariant<SysState<W>>[] = model.stepInvariants;
  // Checks that must run even on a step that left the world as it was.
  const stateAlways = stateInvs.filter((i) => !i.worldOnly);
  const stepAlways = stepInvs.filter((i) => !i.worldOnly);
  const endInvs = model.endChecks;
  const act = { thread: 0, choice: 0, choices: 1 };
  const checked = codes.checked;
  const wseq = new Int32Array(5);
  const wh = new Int32Array(2);
  const srcWH = new Int32Array(2);
  const dstWH = new Int32Array(2);
  let srcWHok = false;
  let dstWHok = false;
  // What the last apply changed: the world fingerprint's delta (deltaOk), and the one thread region it ran (moved;
  // -1: any region may differ from src, as after init or a renaming).
  let delta0 = 0;
  let delta1 = 0;
  let deltaOk = false;
  let moved = -1;
  /** dst is not src changed by one apply (init, a renaming): its world and every thread are fingerprinted afresh. */
  const dstAnew = () => {
    worldChanged = 1;
    dstWHok = false;
    deltaOk = false;
    moved = -1;
  };
  /** 64-bit fingerprint of the world (and fault) slots of `b` into `out`: the XOR of every non-zero slot's Zobrist key. */
  const worldHash = (b: Int16Array, out: Int32Array) => {
    let h0 = 0;
    let h1 = 0;
    for (let i = 0; i < threadBase; i++) {
      const v = b[i] as number;
      if (v === 0) continue;
      h0 ^= zobrist0(i, v);
      h1 ^= zobrist1(i, v);
    }
    out[0] = h0;
    out[1] = h1;
  };
  const dstWorld = () => {
    if (dstWHok) return dstWH;
    if (deltaOk) {
      const w = srcWorld();
      dstWH[0] = (w[0] as number) ^ delta0;
      dstWH[1] = (w[1] as number) ^ delta1;
    } else worldHash(dst, dstWH);
    dstWHok = true;
    return dstWH;
  };
  const srcWorld = () => {
    if (!srcWHok) worldHash(src, srcWH);
    srcWHok = true;
    return srcWH;
  };
  const stepKey = (thread: number) => {
    const a = srcWorld();
    const b = dstWorld();
    wseq[0] = a[0] as number;
    wseq[1] = a[1] as number;
    wseq[2] = b[0] as number;
    wseq[3] = b[1] as number;
    wseq[4] = thread;
    hashWords(wseq, 5, wh);
    return wh;
  };

  const th = new Int32Array(2);
  // The parts the last hash summed: the world's, then each thread's.
  const parts = new Int32Array(2 + 2 * T);
  const srcTH = new Int32Array(2 * T);
  const srcTHok = new Uint8Array(T);
  /** 64-bit fingerprint of thread t's stack in `b` into `out`: its number, depth and each frame up to its last non-zero local. */
  const threadHash = (b: Int16Array, t: number, out: Int32Array) => {
    let off = threadBase + t * C;
    const sp = b[off] as number;
    let n = 0;
    seq[n++] = t;
    seq[n++] = sp;
    off++;
    for (let k = 0; k < sp; k++) {
      const size = frameSize[(b[off] as number) - 1] as number;
      let last = size;
      while (last > 3 && b[off + last - 1] === 0) last--;
      seq[n++] = ((b[off] as number) & 0xffff) | ((b[off + 1] as number) << 16);
      seq[n++] = ((b[off + 2] as number) & 0xffff) | (last << 16);
      for (let j = 3; j < last; j++) seq[n++] = b[off + j] as number;
      off += size;
    }
    hashWords(seq, n, out);
  };

  let symmetry: Canon | null = null;
  const sym = spec.symmetry;
  if (codes.symmetry && sym && sym.groups.length > 0) {
    const scratch = new Int16Array(width);
    const canon = makeCanon({
      spec: sym,
      plan: slotPlan(shape, faultSlot, sym.world, T),
      worldSlots: faultSlot,
      threads: T,
      stackWords: C,
      threadBase,
      width,
      frameSize,
      entitySlots: names.map((ns) => Int32Array.from(sym.entityLocals.map((n) => ns.indexOf(n)).filter((j) => j >= 0))),
      vals,
      code: (v) => intern.code(v),
      buf: dst,
      scratch,
    });
    // A renamed dst has another world than src: its world checks and fingerprint are computed afresh.
    symmetry = {
      ...canon,
      canon(tperm) {
        const renamed = canon.canon(tperm);
        if (renamed) dstAnew();
        return renamed;
      },
      permute(tperm) {
        canon.permute(tperm);
        dstAnew();
      },
    };
  }

  return {
    symmetry,
    width,
    hints: { names: new Map(fnNames.map((n, i) => [n, names[i] as readonly string[]])), stackWords: C },
    layout: { threadBase, stackWords: C, threads: T, frameSize },
    hash(out) {
      // The world's fingerprint, XOR each thread's (the stack of a thread the last step did not run is src's, whose
      // fingerprint is kept once computed). Neither depends on the layout.
      const w = worldChanged ? dstWorld() : srcWorld();
      let h0 = w[0] as number;
      let h1 = w[1] as number;
      parts[0] = h0;
      parts[1] = h1;
      for (let t = 0; t < T; t++) {
        let t0: number;
        let t1: number;
        if (t === moved || moved < 0) {
          threadHash(dst, t, th);
          t0 = th[0] as number;
          t1 = th[1] as number;
        } else {
          if (srcTHok[t] === 0) {
            threadHash(src, t, th);
            srcTH[2 * t] = th[0] as number;
            srcTH[2 * t + 1] = th[1] as number;
            srcTHok[t] = 1;
          }
          t0 = srcTH[2 * t] as number;
          t1 = srcTH[2 * t + 1] as number;
        }
        parts[2 + 2 * t] = t0;
        parts[3 + 2 * t] = t1;
        h0 ^= t0;
        h1 ^= t1;
      }
      out[0] = h0;
      out[1] = h1;
    },
    partsWords: 2 + 2 * T,
    worldPart: () => parts[1] as number,
    hashParts(out, at) {
      for (let k = 0; k < parts.length; k++) out[at + k] = parts[k] as number;
    },
    loadedWith(from, at) {
      srcWH[0] = from[at] as number;
      srcWH[1] = from[at + 1] as number;
      srcWHok = true;
      for (let k = 0; k < 2 * T; k++) srcTH[k] = from[at + 2 + k] as number;
      for (let t = 0; t < T; t++) srcTHok[t] = 1;
    },
    src,
    dst,
    startResetting() {
      if (!live) return;
      live.observeOnly = false;
      resets = true;
    },
    loaded() {
      srcWHok = false;
      for (let t = 0; t < T; t++) srcTHok[t] = 0;
    },
    adopt(v, at, from, partsAt) {
      dst.set(v.subarray(at, at + width));
      dstAnew();
      dstWH[0] = from[partsAt] as number;
      dstWH[1] = from[partsAt + 1] as number;
      dstWHok = true;
    },
    init() {
      dst.fill(0);
      dstAnew();
      store(shape, spec.world, dst, intern);
      spec.threads.forEach((th, t) => {
        const f = fnIndex.get(th.fn);
        if (f === undefined) throw new Error(`program ${spec.name}: thread ${th.name} starts in unknown function ${th.fn}`);
        tid = t;
        sp = 0;
        end = threadBase + t * C + 1;
        push(f, th.args, undefined);
        if (resets) resetDead();
      });
    },
    actions(which, out) {
      const b = which === 0 ? src : dst;
      if (b[faultSlot] !== 0) return 0;
      bindLocals();
      let n = 0;
      for (let t = 0; t < T; t++) {
        const step = enabledStep(b, t);
        if (!step) continue;
        const k = step.choices?.length ?? 1;
        for (let c = 0; c < k; c++) out[n++] = (t << 8) | c;
      }
      return n;
    },
    independentNext(t) {
      indep ??= independentTable(spec, fnDefs);
      const off = topFrame(src, t);
      return off >= 0 && (indep[(src[off] as number) - 1] as Uint8Array)[src[off + 1] as number] === 1;
    },
    lastInvisible() {
      return allIndep === 1 && worldChanged === 0;
    },
    canMove() {
      if (dst[faultSlot] !== 0) return false;
      bindLocals();
      for (let t = 0; t < T; t++) if (enabledStep(dst, t)) return true;
      return false;
    },
    choices(t) {
      const off = topFrame(src, t);
      return off < 0 ? 0 : ((steps[(src[off] as number) - 1] as StepDef<W>[])[src[off + 1] as number]?.choices?.length ?? 1);
    },
    apply,
    checkState(fresh) {
      const fc = dst[faultSlot] as number;
      if (fc !== 0) {
        const fault = faults.vals[fc] as Fault;
        const inv = faultInvs.get(fault.inv);
        if (inv) return { id: inv.id, kind: 'assert', message: fault.msg };
      }
      let invs = fresh || worldChanged ? stateInvs : stateAlways;
      let key: Int32Array | null = null;
      if (invs !== stateAlways && checked) {
        key = dstWorld();
        if (checked.worlds.has(key[0] as number, key[1] as number)) invs = stateAlways;
      }
      for (let i = 0; i < invs.length; i++) {
        const f = failure(invs[i] as StateInvariant<SysState<W>>, sysB, 'state');
        if (f) return f;
      }
      if (key && invs !== stateAlways) checked?.worlds.add(dst, key[0] as number, key[1] as number);
      return null;
    },
    checkStep(a) {
      let invs = worldChanged ? stepInvs : stepAlways;
      let key: Int32Array | null = null;
      if (invs !== stepAlways && checked) {
        key = stepKey(actThread(a));
        if (checked.steps.has(key[0] as number, key[1] as number)) invs = stepAlways;
      }
      if (invs.length === 0) return null;
      act.thread = actThread(a);
      act.choice = actChoice(a);
      for (let i = 0; i < invs.length; i++) {
        const inv = invs[i] as StepInvariant<SysState<W>>;
        const msg = inv.check(sysA, sysB, act as Action, model);
        if (msg !== null) return { id: inv.id, kind: 'step', message: msg };
      }
      if (key && invs !== stepAlways) checked?.steps.add(dst, key[0] as number, key[1] as number);
      return null;
    },
    checkEnd() {
      for (const inv of endInvs) {
        const f = failure(inv, sysB, 'end');
        if (f) return { ...f, kind: 'end' };
      }
      return null;
    },
    isDone() {
      for (let t = 0; t < T; t++) if (dst[threadBase + t * C] !== 0) return false;
      return true;
    },
    decode(buf) {
      return { w: load(shape, buf, intern), t: decodeThreads(buf), fault: buf[faultSlot] === 0 ? null : (faults.vals[buf[faultSlot] as number] as Fault) };
    },
  };
}
