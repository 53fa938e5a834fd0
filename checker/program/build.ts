/**
 * Builds an engine Model from thread programs: enabled steps come from each
 * thread's program counter and the step's `when`, and `apply` runs the step on
 * an immer draft. With `checkWrites`, every step's changes (immer patches) are
 * compared with its declared `writes` and an undeclared write throws.
 */
import { Immer, current, enablePatches, type Patch } from 'immer';
import type { Action, Change, Model, StateInvariant, StepInfo, StepInvariant } from '../model.ts';
import { fingerprint } from '../fingerprint.ts';
import type { AssertSpec, Ctx, FnDef, Frame, Locals, StepDef, SymmetrySpec, SysState, ThreadSpec, Value } from './types.ts';
import { compile } from '../packed/compile.ts';
import { firstUndeclared, trackReads } from './reads.ts';
import { symbolicMiss } from '../packed/por.ts';
import { guessHints, learn } from '../packed/hints.ts';
import type { PackedFactory } from '../packed/explore.ts';

enablePatches();
const immer = new Immer({ autoFreeze: false });

/** Everything needed to build a model from programs. */
export interface ProgramSpec<W> {
  readonly name: string;
  /** The initial world. */
  readonly world: W;
  readonly fns: Readonly<Record<string, FnDef<W>>>;
  readonly threads: readonly ThreadSpec[];
  readonly asserts?: readonly AssertSpec[];
  readonly stateInvariants?: readonly StateInvariant<SysState<W>>[];
  readonly stepInvariants?: readonly StepInvariant<SysState<W>>[];
  readonly endChecks?: readonly StateInvariant<SysState<W>>[];
  /** Human-readable lines of what a step changed in the world (default: one `path = value` per change). */
  readonly view?: (before: W, after: W, changes: readonly Change[]) => string[];
  /** Interchangeable threads, for symmetry reduction (optional). */
  readonly symmetry?: SymmetrySpec;
  /**
   * `complete`: every step declares in `reads` and `writes` all it reads
   * (its guard included) and writes of the world, and a step declaring
   * neither touches nothing (`--check-footprints` checks it). Partial-order
   * reduction (packed/por.ts) rests on it and reduces nothing without it.
   */
  readonly footprints?: 'complete';
}

/** Options of the built model. */
export interface BuildOptions {
  /** Check each step's changes against its declared writes (debug; slower). */
  readonly checkWrites?: boolean;
  /**
   * Check each step's (and guard's) reads of the world against its declared
   * reads and writes (debug; slower; `--check-footprints` sets this and
   * checkWrites). A local step must read nothing of the world.
   */
  readonly checkReads?: boolean;
  /** Check only these invariant ids (default: all). `no-hang` is always checked. */
  readonly only?: ReadonlySet<string>;
}

/** A step changed a shared object it did not declare in `writes`. */
export class UndeclaredWriteError extends Error {}

/** A step or its guard read a shared object it did not declare in `reads` or `writes`. */
export class UndeclaredReadError extends Error {}

/** The step a thread runs next, or null when the thread has finished. */
export function nextStep<W>(spec: ProgramSpec<W>, s: SysState<W>, tid: number): { step: StepDef<W>; frame: Frame } | null {
  const frames = s.t[tid]?.frames;
  const frame = frames?.[frames.length - 1];
  if (!frame) return null;
  const step = spec.fns[frame.fn]?.steps[frame.pc];
  if (!step) throw new Error(`program ${spec.name}: ${frame.fn} has no step ${frame.pc}`);
  return { step, frame };
}

/** True when `path` (a patch path below the world) is covered by a declared write. */
export function covered(path: string, declared: readonly string[]): boolean {
  for (const d of declared) if (path === d || path.startsWith(d + '/')) return true;
  return false;
}

/** Default description of one world change: `path = value`. */
export function defaultLine(c: Change): string {
  const path = c.path.join('.');
  return c.op === 'remove' ? `${path} removed` : `${path} = ${JSON.stringify(c.value)}`;
}

/** Builds the Model of `spec`. */
export function buildModel<W>(
  spec: ProgramSpec<W>,
  opts: BuildOptions = {},
): Model<SysState<W>> & { spec: ProgramSpec<W>; packed?: PackedFactory } {
  const keep = <T extends { id: string }>(xs: readonly T[] | undefined): T[] =>
    (xs ?? []).filter((x) => !opts.only || opts.only.has(x.id));
  const labelIndex = new Map<string, Map<string, number>>();
  for (const [name, fn] of Object.entries(spec.fns)) {
    const m = new Map<string, number>();
    fn.steps.forEach((st, i) => {
      if (m.has(st.label)) throw new Error(`program ${spec.name}: ${name} has two steps labelled ${st.label}`);
      if (st.local && (st.when || st.choices || st.writes)) {
        throw new Error(`program ${spec.name}: local step ${name}:${st.label} must not have when, choices or writes`);
      }
      m.set(st.label, i);
    });
    labelIndex.set(name, m);
  }
  const pcOf = (fn: string, label: string): number => {
    const pc = labelIndex.get(fn)?.get(label);
    if (pc === undefined) throw new Error(`program ${spec.name}: ${fn} has no step labelled ${label}`);
    return pc;
  };
  const assertIds = new Set((spec.asserts ?? []).map((a) => a.id));
  const enabledFault = (id: string) => !opts.only || opts.only.has(id);

  const init = (): SysState<W> => ({
    w: structuredClone(spec.world),
    t: spec.threads.map((th) => {
      if (!spec.fns[th.fn]) throw new Error(`program ${spec.name}: thread ${th.name} starts in unknown function ${th.fn}`);
      return { frames: [{ fn: th.fn, pc: 0, l: { ...th.args }, ret: null }] };
    }),
    fault: null,
  });

  const isEnabled = (s: SysState<W>, tid: number): StepDef<W> | null => {
    const ns = nextStep(spec, s, tid);
    if (!ns) return null;
    if (ns.step.when) {
      if (opts.checkReads) {
        const seen: string[] = [];
        const ok = ns.step.when(trackReads(s.w, seen), ns.frame.l, tid);
        undeclaredRead(ns.frame.fn, ns.step, ns.frame.l, s.w, tid, seen, 'the guard');
        if (!ok) return null;
      } else if (!ns.step.when(s.w, ns.frame.l, tid)) return null;
    }
    return ns.step;
  };

  const actions = (s: SysState<W>): Action[] => {
    const out: Action[] = [];
    if (s.fault) return out;
    for (let tid = 0; tid < s.t.length; tid++) {
      const step = isEnabled(s, tid);
      if (!step) continue;
      const n = step.choices?.length ?? 1;
      for (let c = 0; c < n; c++) out.push({ thread: tid, choice: c, choices: n });
    }
    return out;
  };

  /** Throws UndeclaredReadError when `seen` has a path the step's footprint (reads and writes, at locals `l` and world `w`) misses. */
  const undeclaredRead = (fn: string, step: StepDef<W>, l: Locals, w: W, tid: number, seen: readonly string[], who: string) => {
    const reads = step.reads?.(l, w) ?? [];
    const writes = step.writes?.(l, w) ?? [];
    const declared = [...reads, ...writes];
    // Partial-order reduction bounds a step by its footprint run on symbolic values: that must cover every concrete one.
    const miss = spec.footprints === 'complete' ? symbolicMiss(step, reads, writes) : null;
    if (miss !== null) {
      throw new UndeclaredReadError(
        `footprint: step ${fn}:${step.label} (thread ${spec.threads[tid]?.name}) ${miss}, which its footprint run on symbolic locals and world does not give (it chooses between paths on a value): partial-order reduction would miss it; write the footprint as one list of paths`,
      );
    }
    const bad = firstUndeclared(seen, declared);
    if (bad === null) return;
    throw new UndeclaredReadError(
      `undeclared read: ${who === 'run' ? 'step' : `${who} of step`} ${fn}:${step.label} (thread ${spec.threads[tid]?.name}) read ${bad} but declares reads and writes [${declared.join(', ')}]`,
    );
  };

  /** Runs the next step of thread `tid` on draft `d`, taking branch `choice`. */
  const runOne = (d: SysState<W>, tid: number, choice: number) => {
    const frames = (d.t[tid] as { frames: Frame[] }).frames;
    const frame = frames[frames.length - 1] as { pc: number; l: Locals; fn: string; ret: string | null };
    const fnDef = spec.fns[frame.fn] as FnDef<W>;
    const step = fnDef.steps[frame.pc] as StepDef<W>;
    let control: 'next' | 'done' = 'next';
    const seen: string[] | null = opts.checkReads ? [] : null;
    const before = seen ? { l: { ...frame.l }, w: current(d.w as never) as W } : null;
    const ctx: Ctx<W> = {
      w: seen ? trackReads(d.w as W, seen) : (d.w as W),
      l: frame.l,
      tid,
      choice: step.choices ? (step.choices[choice] ?? null) : null,
      fail(inv, msg) {
        if (!assertIds.has(inv)) throw new Error(`program ${spec.name}: step ${step.label} fails unknown assertion ${inv}`);
        if (enabledFault(inv) && d.fault === null) (d as { fault: unknown }).fault = { inv, msg, thread: tid };
      },
      goto(label) {
        frame.pc = pcOf(frame.fn, label);
        control = 'done';
      },
      call(fn, args: Locals, then?: string, into?: string) {
        if (!spec.fns[fn]) throw new Error(`program ${spec.name}: step ${step.label} calls unknown function ${fn}`);
        frame.pc = then === undefined ? frame.pc + 1 : pcOf(frame.fn, then);
        frames.push({ fn, pc: 0, l: { ...args }, ret: into ?? null });
        control = 'done';
      },
      ret(value: Value = null) {
        // A caller whose call was its last step has nowhere to continue: it returns too.
        for (let v = value; ; v = null) {
          const done = frames.pop() as Frame;
          const caller = frames[frames.length - 1] as { l: Locals; fn: string; pc: number } | undefined;
          if (caller && done.ret !== null) caller.l[done.ret] = v;
          if (!caller || caller.pc < (spec.fns[caller.fn]?.steps.length ?? 0)) break;
        }
        control = 'done';
      },
    };
    step.run(ctx);
    if (seen && before) undeclaredRead(frame.fn, step, before.l, before.w, tid, seen, 'run');
    if (control === 'next') {
      if (frame.pc + 1 < fnDef.steps.length) frame.pc += 1;
      else ctx.ret(null);
    }
  };

  /**
   * Runs action `a` on a draft of `s`, then any `local` steps that follow on the
   * same thread: they touch no shared object, so merging them into the step
   * before loses no interleaving.
   */
  const recipe = (s: SysState<W>, a: Action) => (d: SysState<W>) => {
    if (!nextStep(spec, s, a.thread)) throw new Error(`program ${spec.name}: thread ${a.thread} has finished`);
    runOne(d, a.thread, a.choice);
    for (let n = 0; d.fault === null; n++) {
      const ns = nextStep(spec, d, a.thread);
      if (!ns || !ns.step.local) break;
      if (n > 10000) throw new Error(`program ${spec.name}: local steps loop in ${ns.frame.fn}`);
      runOne(d, a.thread, 0);
    }
  };

  const stepInfo = (s: SysState<W>, a: Action): StepInfo => {
    const ns = nextStep(spec, s, a.thread);
    if (!ns) throw new Error(`program ${spec.name}: thread ${a.thread} has finished`);
    const branch = ns.step.choices?.[a.choice];
    return {
      thread: a.thread,
      threadName: spec.threads[a.thread]?.name ?? `T${a.thread}`,
      label: ns.step.label,
      ...(branch === undefined ? {} : { branch }),
      src: ns.step.src,
    };
  };

  const checkPatches = (s: SysState<W>, a: Action, patches: Patch[]) => {
    const ns = nextStep(spec, s, a.thread);
    if (!ns) return;
    const declared = ns.step.writes?.(ns.frame.l, s.w) ?? [];
    for (const p of patches) {
      if (p.path[0] !== 'w') continue;
      const path = p.path.slice(1).join('/');
      if (!covered(path, declared)) {
        throw new UndeclaredWriteError(
          `undeclared write: step ${ns.frame.fn}:${ns.step.label} (thread ${spec.threads[a.thread]?.name}) changed ${path} but declares writes [${declared.join(', ')}]`,
        );
      }
    }
  };

  const withPatches = (s: SysState<W>, a: Action): { next: SysState<W>; patches: Patch[] } => {
    const [next, patches] = immer.produceWithPatches(s, recipe(s, a));
    if (opts.checkWrites) checkPatches(s, a, patches);
    return { next: next as SysState<W>, patches };
  };

  const apply = opts.checkWrites
    ? (s: SysState<W>, a: Action) => withPatches(s, a).next
    : (s: SysState<W>, a: Action) => immer.produce(s, recipe(s, a)) as SysState<W>;

  const explain = (s: SysState<W>, a: Action) => {
    const { next, patches } = withPatches(s, a);
    const changes: Change[] = patches
      .filter((p) => p.path[0] === 'w')
      .map((p) => ({ op: p.op, path: p.path.slice(1), ...(p.op === 'remove' ? {} : { value: p.value }) }));
    const summary = spec.view ? spec.view(s.w, next.w, changes) : changes.map(defaultLine);
    return { next, changes, summary, step: stepInfo(s, a) };
  };

  const faultInvariants: StateInvariant<SysState<W>>[] = (spec.asserts ?? []).map((as) => ({
    id: as.id,
    description: as.description,
    kind: 'assert' as const,
    check: (s) => (s.fault && s.fault.inv === as.id ? s.fault.msg : null),
  }));

  const describeStuck = (s: SysState<W>): string => {
    const parts: string[] = [];
    s.t.forEach((_, tid) => {
      const ns = nextStep(spec, s, tid);
      if (!ns) return;
      const name = spec.threads[tid]?.name ?? `T${tid}`;
      const why = ns.step.waitsFor?.(s.w, ns.frame.l, tid, spec.threads.map((t) => t.name)) ?? 'its next step is not enabled';
      parts.push(`${name} sleeps in ${ns.frame.fn} at '${ns.step.src.code}': ${why}`);
    });
    return parts.join('; ');
  };

  const model: Model<SysState<W>> & { spec: ProgramSpec<W>; packed?: PackedFactory } = {
    name: spec.name,
    spec,
    threadNames: spec.threads.map((t) => t.name),
    init,
    actions,
    apply,
    explain,
    fingerprint: (s) => fingerprint(s),
    isDone: (s) => s.t.every((th) => th.frames.length === 0),
    describeStuck,
    stateInvariants: [...faultInvariants.filter((f) => enabledFault(f.id)), ...keep(spec.stateInvariants)],
    stepInvariants: keep(spec.stepInvariants),
    endChecks: keep(spec.endChecks),
  };
  // The packed form runs the same steps on a vector; --check-writes needs immer's patches, so it keeps the object form.
  if (!opts.checkWrites && !opts.checkReads) {
    model.packed = {
      hints: () => guessHints(spec.fns as Record<string, FnDef<never>>, spec.threads),
      compile: (h, codes) => {
        learn(spec.fns as Record<string, FnDef<never>>, h);
        return compile(spec, model, h, enabledFault, codes);
      },
    };
  }
  return model;
}
