/**
 * Random small thread programs for differential tests: 2-3 threads over a
 * few shared cells with small domains, a lock, atomic and non-atomic
 * read-modify-writes, guards, assertions, nondeterministic branches, jumps
 * (forward and back, bounded by a loop counter), calls (including a call from
 * a function's last step) and locals that appear late. Described as plain
 * data so fast-check can generate and shrink them; `toSpec` makes the program,
 * each step declaring its footprint (complete: partial-order reduction uses it).
 */
import fc from 'fast-check';
import type { FnDef, ProgramSpec, SourceRef, StateInvariant, StepDef, SysState } from '../../checker/index.ts';

/** The shared world of a random program. */
export interface RandWorld {
  cells: number[];
  /** Holder of the lock: -1 when free. */
  lock: number;
  flag: boolean;
}

/** One instruction; `c` a cell index, `v` a small value. */
export type Instr =
  | { readonly op: 'load'; readonly c: number; readonly into: 'a' | 'b' }
  | { readonly op: 'store'; readonly c: number; readonly from: 'a' | 'b'; readonly add: number }
  | { readonly op: 'atomic'; readonly c: number; readonly add: number }
  | { readonly op: 'lock' }
  | { readonly op: 'unlock' }
  | { readonly op: 'await'; readonly c: number; readonly v: number }
  | { readonly op: 'assert'; readonly c: number; readonly max: number }
  | { readonly op: 'choose'; readonly c: number; readonly vs: readonly number[] }
  | { readonly op: 'flag' }
  | { readonly op: 'back'; readonly to: number; readonly times: number }
  | { readonly op: 'skip'; readonly over: number }
  | { readonly op: 'call' };

/** A program: one function per thread (threads may share one), and a helper function `sub`. */
export interface RandProgram {
  readonly cells: number;
  readonly threads: readonly (readonly Instr[])[];
  readonly sub: readonly Instr[];
  /** End check: cell 0 must equal this (or -1: no end check). */
  readonly endCell0: number;
}

const DOMAIN = 4;

/** Arbitrary of one instruction over `cells` cells. */
function instr(cells: number, allowCall: boolean): fc.Arbitrary<Instr> {
  const c = fc.integer({ min: 0, max: cells - 1 });
  const opts: fc.Arbitrary<Instr>[] = [
    fc.record({ op: fc.constant('load' as const), c, into: fc.constantFrom('a' as const, 'b' as const) }),
    fc.record({ op: fc.constant('store' as const), c, from: fc.constantFrom('a' as const, 'b' as const), add: fc.integer({ min: 0, max: 1 }) }),
    fc.record({ op: fc.constant('atomic' as const), c, add: fc.integer({ min: 1, max: 2 }) }),
    fc.constant({ op: 'lock' as const }),
    fc.constant({ op: 'unlock' as const }),
    fc.record({ op: fc.constant('await' as const), c, v: fc.integer({ min: 0, max: DOMAIN - 1 }) }),
    fc.record({ op: fc.constant('assert' as const), c, max: fc.integer({ min: 1, max: DOMAIN }) }),
    fc.record({ op: fc.constant('choose' as const), c, vs: fc.uniqueArray(fc.integer({ min: 0, max: DOMAIN - 1 }), { minLength: 2, maxLength: 3 }) }),
    fc.constant({ op: 'flag' as const }),
    fc.record({ op: fc.constant('back' as const), to: fc.integer({ min: 0, max: 4 }), times: fc.integer({ min: 1, max: 2 }) }),
    fc.record({ op: fc.constant('skip' as const), over: fc.integer({ min: 1, max: 2 }) }),
  ];
  if (allowCall) opts.push(fc.constant({ op: 'call' as const }));
  return fc.oneof(...opts);
}

/** Arbitrary of a random program: 2-3 threads of 2-5 instructions. */
export function randProgram(): fc.Arbitrary<RandProgram> {
  return fc.integer({ min: 1, max: 3 }).chain((cells) =>
    fc.record({
      cells: fc.constant(cells),
      threads: fc.array(fc.array(instr(cells, true), { minLength: 2, maxLength: 5 }), { minLength: 2, maxLength: 3 }),
      sub: fc.array(instr(cells, false), { minLength: 1, maxLength: 3 }),
      endCell0: fc.integer({ min: -1, max: DOMAIN - 1 }),
    }),
  );
}

const src = (fn: string, code: string) => ({ file: 'toy/random.c', fn, code });
const cell = (c: number) => `cells/${c}`;
const wrap = (x: number) => ((x % DOMAIN) + DOMAIN) % DOMAIN;

/**
 * Step i of a random function that jumps back to step `to` (at most i), at
 * most `times` times: its loop counter is local `k<i>`. Shared by the random
 * program generators.
 */
export function loopBack<W>(label: string, src: SourceRef, i: number, to: number, times: number): StepDef<W> {
  return {
    label,
    src,
    run: (c) => {
      const k = `k${i}`;
      const n = (c.l[k] as number | undefined) ?? 0;
      if (n < times) {
        c.l[k] = n + 1;
        c.goto(`s${Math.min(to, i)}`);
      }
    },
  };
}

/** The steps of one instruction list as a function; `n` counts loops per step, in local `k<i>`. */
function toFn(name: string, code: readonly Instr[]): FnDef<RandWorld> {
  const steps: StepDef<RandWorld>[] = code.map((ins, i): StepDef<RandWorld> => {
    const label = `s${i}`;
    const s = src(name, `${ins.op}#${i}`);
    switch (ins.op) {
      case 'load':
        return { label, src: s, reads: () => [cell(ins.c)], run: (c) => void (c.l[ins.into] = c.w.cells[ins.c] ?? 0) };
      case 'store':
        return { label, src: s, writes: () => [cell(ins.c)], run: (c) => void (c.w.cells[ins.c] = wrap(((c.l[ins.from] as number | undefined) ?? 0) + ins.add)) };
      case 'atomic':
        return { label, src: s, reads: () => [cell(ins.c)], writes: () => [cell(ins.c)], run: (c) => void (c.w.cells[ins.c] = wrap((c.w.cells[ins.c] ?? 0) + ins.add)) };
      case 'lock':
        return { label, src: s, reads: () => ['lock'], writes: () => ['lock'], when: (w, _l, tid) => w.lock === -1 || w.lock === tid, run: (c) => void (c.w.lock = c.tid) };
      case 'unlock':
        return { label, src: s, reads: () => ['lock'], writes: () => ['lock'], run: (c) => void (c.w.lock === c.tid && (c.w.lock = -1)) };
      case 'await':
        return { label, src: s, reads: () => [cell(ins.c)], when: (w) => w.cells[ins.c] === ins.v, waitsFor: () => `cell ${ins.c} == ${ins.v}`, run: () => {} };
      case 'assert':
        return {
          label,
          src: s,
          reads: () => [cell(ins.c)],
          run: (c) => {
            if ((c.w.cells[ins.c] ?? 0) >= ins.max) c.fail('bounded', `cell ${ins.c} reached ${c.w.cells[ins.c]}`);
          },
        };
      case 'choose':
        return { label, src: s, writes: () => [cell(ins.c)], choices: ins.vs.map(String), run: (c) => void (c.w.cells[ins.c] = Number(c.choice)) };
      case 'flag':
        return { label, src: s, reads: () => ['flag'], writes: () => ['flag'], run: (c) => void (c.w.flag = !c.w.flag) };
      case 'back':
        return loopBack(label, s, i, ins.to, ins.times);
      case 'skip':
        return {
          label,
          src: s,
          reads: () => ['flag'],
          run: (c) => {
            if (c.w.flag && i + ins.over < code.length) c.goto(`s${i + ins.over}`);
          },
        };
      case 'call':
        return { label, src: s, run: (c) => c.call('sub', { x: c.tid }, undefined, 'r') };
    }
  });
  return { steps };
}

/** The program as a spec: state invariant "at most one thread holds the lock" is implicit; an end check on cell 0. */
export function toSpec(p: RandProgram): ProgramSpec<RandWorld> {
  const fns: Record<string, FnDef<RandWorld>> = { sub: toFn('sub', p.sub) };
  p.threads.forEach((code, t) => (fns[`t${t}`] = toFn(`t${t}`, code)));
  const end: StateInvariant<SysState<RandWorld>>[] =
    p.endCell0 < 0
      ? []
      : [{ id: 'end-cell0', description: 'cell 0 ends at the given value', worldOnly: true, check: (s) => (s.w.cells[0] === p.endCell0 ? null : `cell 0 is ${s.w.cells[0]}`) }];
  const bothSet: StateInvariant<SysState<RandWorld>> = {
    id: 'not-all-max',
    description: 'the cells are never all at the top of their domain',
    worldOnly: true,
    check: (s) => (s.w.cells.every((x) => x === DOMAIN - 1) ? 'every cell is at the top' : null),
  };
  return {
    name: 'random',
    world: { cells: new Array<number>(p.cells).fill(0), lock: -1, flag: false },
    fns,
    threads: p.threads.map((_, t) => ({ name: `T${t}`, fn: `t${t}`, args: {} })),
    asserts: [{ id: 'bounded', description: 'an asserted cell stays below its bound' }],
    stateInvariants: [bothSet],
    footprints: 'complete',
    endChecks: end,
  };
}
