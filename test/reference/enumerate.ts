/**
 * The reference enumerator (tests only): a deliberately plain search over
 * every interleaving of a thread program, written apart from the engine. It
 * interprets the ProgramSpec itself (frames, goto/call/ret, merged local
 * steps, branches, guards, recorded faults) on deep-cloned plain objects, keys
 * states by a sorted-key JSON text, keeps no reduction, no hashing, no packing,
 * and explores every reachable state even past violations. What it reports is
 * the truth the engine's searches are held to.
 */
import type { ProgramSpec, SysState, Value } from '../../checker/index.ts';

/** Everything reachable: states, and every violation with the length of its shortest path. */
export interface Reference {
  readonly states: number;
  /** Violated invariant id → length (steps) of the shortest path that violates it. */
  readonly violations: ReadonlyMap<string, number>;
  /** Length of the shortest violating path, or null when nothing is violated. */
  readonly shortest: number | null;
}

type Frame = { fn: string; pc: number; l: Record<string, Value>; ret: string | null };
type State = { w: unknown; t: { frames: Frame[] }[]; fault: { inv: string; msg: string; thread: number } | null };

/** Sorted-key JSON: equal states give equal text whatever order their keys were made in. */
function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
      .join(',')}}`;
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** Runs the next step of thread `tid` (branch `choice`) on a copy of `s`, then its local steps. */
function step<W>(spec: ProgramSpec<W>, s: State, tid: number, choice: number): State {
  const n: State = structuredClone(s);
  const frames = n.t[tid]!.frames;
  const runOne = (ch: number) => {
    const frame = frames[frames.length - 1]!;
    const steps = spec.fns[frame.fn]!.steps;
    const st = steps[frame.pc]!;
    let moved = false;
    const pcOf = (label: string) => {
      const i = steps.findIndex((x) => x.label === label);
      if (i < 0) throw new Error(`reference: no label ${label} in ${frame.fn}`);
      return i;
    };
    const ret = (value: Value) => {
      let v: Value = value;
      for (;;) {
        const done = frames.pop()!;
        const caller = frames[frames.length - 1];
        if (caller && done.ret !== null) caller.l[done.ret] = v;
        if (!caller || caller.pc < spec.fns[caller.fn]!.steps.length) return;
        v = null;
      }
    };
    st.run({
      w: n.w as W,
      l: frame.l,
      tid,
      choice: st.choices ? (st.choices[ch] ?? null) : null,
      fail(inv, msg) {
        if (n.fault === null) n.fault = { inv, msg, thread: tid };
      },
      goto(label) {
        frame.pc = pcOf(label);
        moved = true;
      },
      call(fn, args, then, into) {
        frame.pc = then === undefined ? frame.pc + 1 : pcOf(then);
        frames.push({ fn, pc: 0, l: { ...args }, ret: into ?? null });
        moved = true;
      },
      ret(value = null) {
        ret(value);
        moved = true;
      },
    });
    if (!moved) {
      if (frame.pc + 1 < steps.length) frame.pc++;
      else ret(null);
    }
  };
  runOne(choice);
  for (;;) {
    const top = frames[frames.length - 1];
    if (n.fault !== null || !top || !spec.fns[top.fn]!.steps[top.pc]!.local) break;
    runOne(0);
  }
  return n;
}

/** Enumerates every reachable state of `spec` breadth first (for shortest lengths), up to `limit` states. */
export function enumerate<W>(spec: ProgramSpec<W>, limit = 200000): Reference {
  const init: State = {
    w: structuredClone(spec.world),
    t: spec.threads.map((th) => ({ frames: [{ fn: th.fn, pc: 0, l: { ...th.args }, ret: null }] })),
    fault: null,
  };
  const seen = new Set<string>([canon(init)]);
  const violations = new Map<string, number>();
  const note = (id: string, depth: number) => {
    if (!violations.has(id)) violations.set(id, depth);
  };
  let level: State[] = [init];
  for (let depth = 0; level.length > 0; depth++) {
    const next: State[] = [];
    for (const s of level) {
      const sys = s as unknown as SysState<W>;
      if (s.fault) note(s.fault.inv, depth);
      for (const inv of spec.stateInvariants ?? []) if (inv.check(sys) !== null) note(inv.id, depth);
      const moves: [number, number][] = [];
      if (s.fault === null) {
        s.t.forEach((th, tid) => {
          const top = th.frames[th.frames.length - 1];
          if (!top) return;
          const st = spec.fns[top.fn]!.steps[top.pc]!;
          if (st.when && !st.when(s.w as W, top.l, tid)) return;
          for (let c = 0; c < (st.choices?.length ?? 1); c++) moves.push([tid, c]);
        });
        if (moves.length === 0) {
          if (s.t.every((th) => th.frames.length === 0)) {
            for (const inv of spec.endChecks ?? []) if (inv.check(sys) !== null) note(inv.id, depth);
          } else note('no-hang', depth);
        }
      }
      for (const [tid, c] of moves) {
        const n = step(spec, s, tid, c);
        const action = { thread: tid, choice: c, choices: 1 };
        for (const inv of spec.stepInvariants ?? []) {
          if (inv.check(sys, n as unknown as SysState<W>, action, { threadNames: spec.threads.map((x) => x.name) } as never) !== null) note(inv.id, depth + 1);
        }
        const k = canon(n);
        if (seen.has(k)) continue;
        seen.add(k);
        if (seen.size > limit) throw new Error(`reference: more than ${limit} states`);
        next.push(n);
      }
    }
    level = next;
  }
  const lengths = [...violations.values()];
  return { states: seen.size, violations, shortest: lengths.length ? Math.min(...lengths) : null };
}
