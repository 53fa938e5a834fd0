/**
 * Partial-order reduction (`--por`): in a state where one thread's next
 * transition cannot interact with anything another thread will ever do, take
 * only that thread's transition (all its branches) and leave the others'
 * interleavings with it unexplored.
 *
 * Design note. The method is the ample-set reduction of Peled (CAV 1993) and
 * Holzmann & Peled (SPIN's static reduction), one thread at a time. In state
 * s the search may expand only the enabled branches of thread i's next step
 * (its transition: the step and the local steps merged after it) when
 *   C1  every step the transition runs is statically independent: it declares
 *       no write, and no world path it declares reading (its guard's reads
 *       included) can be written by any step of the program (its write
 *       footprint, evaluated symbolically: `pages/${l.p}/flags` becomes
 *       `pages/STAR/flags`, any local or world value a segment STAR);
 *   C2  the transition leaves the world, the recorded fault included, as it
 *       was (checked on the successor, exactly);
 *   C3  every successor it gives is new (not yet in the visited set; the
 *       cycle proviso of Bosnacki & Holzmann for a search that expands each
 *       state once: on a cycle of the reduced graph the state expanded last
 *       met its successor on the cycle already visited, so it was fully
 *       expanded);
 *   C0  thread i's next step is enabled in s: no other thread can enable or
 *       disable it (it reads only what nobody writes) and thread i can do
 *       nothing else before it (its program counter is there).
 * Why that is sound for our checks. By C1 the transition t commutes with
 * every transition the other threads can take from s on, and it stays
 * enabled until taken; so any path of the full graph from s either takes t
 * at some point, and moving t to the front gives a path through the same
 * worlds (t changes no world, C2), or never takes t, and prefixing t keeps
 * every world of the path. Every invariant the reduction is used with reads
 * only the world (state invariants, step invariants that hold when the world
 * is unchanged, end checks; the search turns the reduction off otherwise),
 * so a violation of one is reachable in the reduced graph iff in the full
 * one. Hangs and ends: a state with no enabled step stays reachable, since
 * taking t first (which touches nothing another thread reads) cannot turn a
 * path into one that does not end there up to thread i's own progress, and
 * a thread that could move is never left out of a hang (t is enabled).
 * Breadth-first counterexamples may be longer than the shortest.
 *
 * A program opts in by declaring complete footprints
 * (`ProgramSpec.footprints: 'complete'`): every step declares what it reads
 * and writes of the world, and a step that declares neither touches nothing.
 * `--check-footprints` checks that on every step it runs, and also that each
 * concrete footprint is covered by the symbolic one computed here (a
 * footprint that branches on a value could otherwise hide a path from it).
 */
import type { FnDef, Footprint, StepDef } from '../program/types.ts';
import type { ProgramSpec } from '../program/build.ts';

/** World paths as segment lists, `*` standing for any one segment; null: any path (a footprint we cannot bound). */
export type Patterns = readonly (readonly string[])[] | null;

const MARK = '\u0001';

/** A world proxy: every property a further proxy, every conversion to a primitive the world mark, a list one element. */
function symbolicWorld(seen: { world: boolean }): unknown {
  const handler: ProxyHandler<object> = {
    get(_t, key) {
      seen.world = true;
      if (key === Symbol.toPrimitive) return () => `${MARK}w${MARK}`;
      // A list of the world iterates as one symbolic element.
      if (key === Symbol.iterator) return function* () {
        yield new Proxy(function () {}, handler);
      };
      if (typeof key === 'symbol') return undefined;
      return new Proxy(function () {}, handler);
    },
    has: () => {
      seen.world = true;
      return true;
    },
  };
  return new Proxy(function () {}, handler);
}

/**
 * The paths a footprint can name whatever the locals and the world, by
 * running it on symbolic ones: a local reads as a mark that names it, the
 * world as marks too; a segment holding a mark stands for any segment. Null
 * when that cannot bound it: it throws, returns something else than strings,
 * or reads a local (or the world) that none of its paths shows, a sign that
 * it chose between paths on a value.
 */
export function symbolicPaths<W>(fp: Footprint<W> | undefined): Patterns {
  if (!fp) return [];
  const read = new Set<string>();
  const seen = { world: false };
  const l = new Proxy({} as Record<string, unknown>, {
    get(_t, key) {
      if (typeof key === 'symbol') return undefined;
      read.add(key);
      return `${MARK}l:${key}${MARK}`;
    },
    has(_t, key) {
      if (typeof key === 'string') read.add(key);
      return true;
    },
  });
  let out: unknown;
  try {
    out = fp(l as never, symbolicWorld(seen) as W);
  } catch {
    return null;
  }
  if (!Array.isArray(out)) return null;
  const joined = out.join('\n');
  for (const k of read) if (!joined.includes(`${MARK}l:${k}${MARK}`)) return null;
  if (seen.world && !joined.includes(`${MARK}w${MARK}`)) return null;
  const pats: string[][] = [];
  for (const p of out) {
    if (typeof p !== 'string') return null;
    pats.push(p.split('/').map((seg) => (seg.includes(MARK) ? '*' : seg)));
  }
  return pats;
}

/** True when a path one pattern names can equal, contain or lie below a path the other names. */
export function overlaps(a: Patterns, b: Patterns): boolean {
  if (a === null || b === null) return (a === null || a.length > 0) && (b === null || b.length > 0);
  for (const x of a) {
    for (const y of b) {
      const n = Math.min(x.length, y.length);
      let same = true;
      for (let i = 0; i < n && same; i++) if (x[i] !== y[i] && x[i] !== '*' && y[i] !== '*') same = false;
      if (same) return true;
    }
  }
  return false;
}

/** True when concrete path `p` lies at or below a path `pats` names. */
export function coveredBy(p: string, pats: Patterns): boolean {
  if (pats === null) return true;
  const segs = p.split('/');
  return pats.some((q) => q.length <= segs.length && q.every((s, i) => s === '*' || s === segs[i]));
}

const stepCache = new WeakMap<object, { readonly reads: Patterns; readonly writes: Patterns }>();

/** The symbolic reads and writes of one step (computed once per step). */
export function stepPatterns<W>(step: StepDef<W>): { readonly reads: Patterns; readonly writes: Patterns } {
  let p = stepCache.get(step);
  if (p === undefined) stepCache.set(step, (p = { reads: symbolicPaths(step.reads), writes: symbolicPaths(step.writes) }));
  return p;
}

/**
 * For `--check-footprints`: the first path of a step's concrete reads or
 * writes (at its locals and world) that its symbolic footprint misses, with
 * which of the two; null when all are covered.
 */
export function symbolicMiss<W>(step: StepDef<W>, reads: readonly string[], writes: readonly string[]): string | null {
  const p = stepPatterns(step);
  for (const r of reads) if (!coveredBy(r, p.reads)) return `reads ${r}`;
  for (const w of writes) if (!coveredBy(w, p.writes)) return `writes ${w}`;
  return null;
}

/**
 * For each function and step (same order as `fns`): 1 when the step is
 * independent of every step of the program (C1 above): it declares no write,
 * and its declared reads meet no declared write of any step. Every step 0
 * when the program's footprints are not complete.
 */
export function independentSteps<W>(fns: readonly FnDef<W>[], complete: boolean): Uint8Array[] {
  const pats = fns.map((f) => f.steps.map((s) => stepPatterns(s)));
  const writes: (readonly string[])[] = [];
  let anyWrite = false;
  for (const fn of pats) {
    for (const p of fn) {
      if (p.writes === null) anyWrite = true;
      else writes.push(...p.writes);
    }
  }
  const allWrites: Patterns = anyWrite ? null : writes;
  return pats.map((fn) =>
    Uint8Array.from(fn, (p) => (complete && p.writes !== null && p.writes.length === 0 && !overlaps(p.reads, allWrites) ? 1 : 0)),
  );
}

const tables = new WeakMap<object, Uint8Array[]>();

/** `independentSteps` of a program (`fns`: its functions in `spec.fns` order), computed once per spec. */
export function independentTable<W>(spec: ProgramSpec<W>, fns: readonly FnDef<W>[]): Uint8Array[] {
  let t = tables.get(spec);
  if (t === undefined) tables.set(spec, (t = independentSteps(fns, spec.footprints === 'complete')));
  return t;
}
