/**
 * Dead locals, as SPIN resets dead variables: a local of a frame is reset to
 * "absent" when no step that can follow the frame's pc reads it, so states
 * that differ only in dead values are one state.
 *
 * What can follow and what is read is learnt from the search itself: every
 * step reports the local slots it read (the locals view counts reads) and
 * every jump it took. The fall-through edge pc → pc+1 is always assumed.
 * Soundness rests on one observation: two states merged by a reset differ
 * only in locals that the known steps never read before the function ends,
 * so their futures are identical until a step reads such a local or takes a
 * jump not yet known; that step runs in the kept state's future too, is seen
 * there, and the search starts again (LivenessGrowth) with the wider
 * knowledge before anything is concluded from the merge. Knowledge only grows
 * (at most one restart per newly seen read or jump that changes a dead set)
 * and is kept per function definition, so later builds of the same protocol
 * start knowing it.
 */

const LIVENESS_GROWTH = Symbol.for('movcheck.LivenessGrowth');

/** Thrown when a step read a local or took a jump that makes some local live where it was reset (recognised by a registered symbol). */
export class LivenessGrowth extends Error {
  readonly [LIVENESS_GROWTH] = true;

  static is(e: unknown): e is LivenessGrowth {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[LIVENESS_GROWTH] === true;
  }
}

/** What is known of one function: its local names (append-only), per step the names it reads (bit i = names[i]) and the jumps it takes. */
interface FnFacts {
  readonly names: string[];
  readonly reads: number[];
  readonly jumps: Set<number>[];
}

/** Facts per function definition, shared by every build that uses it. */
const known = new WeakMap<object, FnFacts>();
/** Counts new facts (a warm-up stops when runs stop teaching anything). */
let learnt = 0;

/** How many facts have been learnt so far, by every analysis. */
export function factsLearnt(): number {
  return learnt;
}

/** What is known of each function, by name, in a form that crosses to a worker thread: per step the names it reads and the steps it jumps to. */
export type FactsByName = Record<string, { readonly names: readonly string[]; readonly reads: readonly (readonly string[])[]; readonly jumps: readonly (readonly number[])[] }>;

/** The facts known of the functions `fns` (a program's, by name). */
export function exportFacts(fns: Readonly<Record<string, object>>): FactsByName {
  const out: Record<string, FactsByName[string]> = {};
  for (const [name, def] of Object.entries(fns)) {
    const x = known.get(def);
    if (!x) continue;
    out[name] = {
      names: [...x.names],
      reads: x.reads.map((m) => x.names.filter((_, i) => i < MAX_NAMES && ((m >>> i) & 1) === 1)),
      jumps: x.jumps.map((j) => [...j]),
    };
  }
  return out;
}

/** Adds `facts` (exportFacts of the same program, built elsewhere) to what is known of `fns`: the union of both. */
export function importFacts(fns: Readonly<Record<string, object>>, facts: FactsByName): void {
  for (const [name, f] of Object.entries(facts)) {
    const def = fns[name] as { steps?: readonly unknown[] } | undefined;
    if (!def || !Array.isArray(def.steps) || def.steps.length !== f.reads.length) continue;
    let x = known.get(def);
    if (!x) known.set(def, (x = { names: [], reads: new Array<number>(f.reads.length).fill(0), jumps: Array.from({ length: f.reads.length }, () => new Set<number>()) }));
    const fx = x;
    const bitOf = (n: string) => {
      let i = fx.names.indexOf(n);
      if (i < 0) i = fx.names.push(n) - 1;
      return i < MAX_NAMES ? 1 << i : 0;
    };
    for (const n of f.names) bitOf(n);
    f.reads.forEach((ns, pc) => {
      for (const n of ns) fx.reads[pc] = (fx.reads[pc] as number) | bitOf(n);
    });
    f.jumps.forEach((js, pc) => {
      for (const to of js) (fx.jumps[pc] as Set<number>).add(to);
    });
  }
}

/** Locals past the 30th name of a function are never reset (the masks are 30 bits). */
const MAX_NAMES = 30;

/** The dead-local analysis of one compiled program, in its slot numbering. */
export class Liveness {
  private readonly facts: FnFacts[];
  /** bit[f][j]: the fact bit of slot j of function f (0 when past MAX_NAMES). */
  private readonly bit: Int32Array[];
  /** dead[f][pc]: mask of the slots of function f dead when a frame of f is at pc. */
  readonly dead: Int32Array[];

  constructor(
    defs: readonly object[],
    names: readonly (readonly string[])[],
    private readonly fnNames: readonly string[],
    /** Only learn (a warm-up that resets nothing): never throw LivenessGrowth. Cleared when the warm-up's model goes on to search. */
    public observeOnly = false,
  ) {
    this.facts = defs.map((d, f) => {
      let x = known.get(d);
      const n = (d as { steps: readonly unknown[] }).steps.length;
      if (!x) known.set(d, (x = { names: [], reads: new Array<number>(n).fill(0), jumps: Array.from({ length: n }, () => new Set<number>()) }));
      return x;
    });
    this.bit = names.map((ns, f) => {
      const x = this.facts[f] as FnFacts;
      return Int32Array.from(ns, (name) => {
        let i = x.names.indexOf(name);
        if (i < 0) i = x.names.push(name) - 1;
        return i < MAX_NAMES ? 1 << i : 0;
      });
    });
    this.dead = this.facts.map((_, f) => this.solve(f));
  }

  /** Dead slot masks of function f: live(pc) = reads(pc) ∪ live(pc+1) ∪ live(jump targets), to a fixpoint. */
  private solve(f: number): Int32Array {
    const x = this.facts[f] as FnFacts;
    const n = x.reads.length;
    const live = new Int32Array(n);
    for (let changed = true; changed; ) {
      changed = false;
      for (let pc = n - 1; pc >= 0; pc--) {
        let m = (x.reads[pc] as number) | (pc + 1 < n ? (live[pc + 1] as number) : 0);
        for (const to of x.jumps[pc] as Set<number>) m |= live[to] as number;
        if (m !== live[pc]) {
          live[pc] = m;
          changed = true;
        }
      }
    }
    const bits = this.bit[f] as Int32Array;
    return live.map((m) => {
      let dead = 0;
      for (let j = 0; j < bits.length; j++) if (bits[j] !== 0 && ((bits[j] as number) & m) === 0) dead |= 1 << j;
      return dead;
    });
  }

  /** Step pc of f read the slots in `slots` (bit j = slot j); throws LivenessGrowth when that makes a reset local live. */
  read(f: number, pc: number, slots: number): void {
    const x = this.facts[f] as FnFacts;
    const bits = this.bit[f] as Int32Array;
    let mask = 0;
    for (let j = 0; slots >> j; j++) if ((slots >> j) & 1) mask |= bits[j] as number;
    const old = x.reads[pc] as number;
    if ((mask & ~old) === 0) return;
    x.reads[pc] = old | mask;
    learnt++;
    this.update(f, `${this.fnNames[f]} step ${pc} reads a local`);
  }

  /** Step pc of f continued at `to` (other than pc+1); throws LivenessGrowth when that makes a reset local live. */
  jump(f: number, pc: number, to: number): void {
    const set = (this.facts[f] as FnFacts).jumps[pc] as Set<number>;
    if (to === pc + 1 || set.has(to)) return;
    set.add(to);
    learnt++;
    this.update(f, `${this.fnNames[f]} step ${pc} jumps to step ${to}`);
  }

  private update(f: number, why: string): void {
    const next = this.solve(f);
    const old = this.dead[f] as Int32Array;
    this.dead[f] = next;
    if (this.observeOnly) return;
    for (let pc = 0; pc < next.length; pc++) if ((old[pc] as number) & ~(next[pc] as number)) throw new LivenessGrowth(why);
  }
}
