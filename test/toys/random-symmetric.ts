/**
 * Random small programs with interchangeable threads, for the symmetry
 * reduction's differential tests: G threads run one random function, each on
 * its own block of K cells (its entities), beside shared cells, a lock
 * (holder: a thread number), a mask of thread bits and a pointer to a cell of
 * any block (an entity number); an optional extra thread, outside the group,
 * runs its own random code. Everything a step does is written relative to
 * the running thread (its tid, its block's first cell in local `e`, the
 * pointer it loaded into local `q`), so swapping two threads of the group
 * together with their blocks maps every run to a run: the reduction must keep
 * exactly one state per orbit and every verdict. Each step declares its
 * footprint (complete: partial-order reduction uses it).
 */
import fc from 'fast-check';
import type { FnDef, ProgramSpec, StateInvariant, StepDef, StepInvariant, SysState, WorldRenaming } from '../../checker/index.ts';
import { loopBack } from './random-program.ts';

/** The shared world of a random symmetric program. */
export interface SymWorld {
  /** The entities: thread i of the group owns cells i*K .. i*K+K-1. */
  own: number[];
  cells: number[];
  /** Holder of the lock: -1 when free. */
  lock: number;
  /** One bit per thread. */
  mask: number;
  /** A cell of `own` (an entity number), or -1. */
  last: number;
}

/** One instruction; `k` a cell of the running thread's own block, `c` a shared cell, `v` a small value. */
export type SymInstr =
  | { readonly op: 'load'; readonly c: number }
  | { readonly op: 'loadOwn'; readonly k: number }
  | { readonly op: 'storeOwn'; readonly k: number; readonly add: number }
  | { readonly op: 'storeShared'; readonly c: number; readonly add: number }
  | { readonly op: 'atomic'; readonly c: number; readonly add: number }
  | { readonly op: 'lock' }
  | { readonly op: 'unlock' }
  | { readonly op: 'mark' }
  | { readonly op: 'unmark' }
  | { readonly op: 'point'; readonly k: number }
  | { readonly op: 'grab' }
  | { readonly op: 'bumpGrabbed' }
  | { readonly op: 'await'; readonly c: number; readonly v: number }
  | { readonly op: 'awaitOwn'; readonly k: number; readonly v: number }
  | { readonly op: 'choose'; readonly k: number; readonly vs: readonly number[] }
  | { readonly op: 'assert'; readonly c: number; readonly max: number }
  | { readonly op: 'back'; readonly to: number; readonly times: number };

/** A program: the group's function, and the extra thread's (or null). */
export interface SymProgram {
  readonly group: number;
  readonly block: number;
  readonly cells: number;
  readonly code: readonly SymInstr[];
  readonly extra: readonly SymInstr[] | null;
  /** End check: shared cell 0 must equal this (or -1: none). */
  readonly endCell0: number;
}

const DOMAIN = 3;

/** Arbitrary of one instruction; `own` false for the extra thread (no block of its own). */
function instr(cells: number, block: number, own: boolean): fc.Arbitrary<SymInstr> {
  const c = fc.integer({ min: 0, max: cells - 1 });
  const k = fc.integer({ min: 0, max: block - 1 });
  const v = fc.integer({ min: 0, max: DOMAIN - 1 });
  const opts: fc.Arbitrary<SymInstr>[] = [
    fc.record({ op: fc.constant('load' as const), c }),
    fc.record({ op: fc.constant('storeShared' as const), c, add: fc.integer({ min: 0, max: 1 }) }),
    fc.record({ op: fc.constant('atomic' as const), c, add: fc.integer({ min: 1, max: 2 }) }),
    fc.constant({ op: 'lock' as const }),
    fc.constant({ op: 'unlock' as const }),
    fc.constant({ op: 'mark' as const }),
    fc.constant({ op: 'unmark' as const }),
    fc.constant({ op: 'grab' as const }),
    fc.constant({ op: 'bumpGrabbed' as const }),
    fc.record({ op: fc.constant('await' as const), c, v }),
    fc.record({ op: fc.constant('assert' as const), c, max: fc.integer({ min: 1, max: DOMAIN }) }),
    fc.record({ op: fc.constant('back' as const), to: fc.integer({ min: 0, max: 4 }), times: fc.integer({ min: 1, max: 2 }) }),
  ];
  if (own) {
    opts.push(
      fc.record({ op: fc.constant('loadOwn' as const), k }),
      fc.record({ op: fc.constant('storeOwn' as const), k, add: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ op: fc.constant('point' as const), k }),
      fc.record({ op: fc.constant('awaitOwn' as const), k, v }),
      fc.record({ op: fc.constant('choose' as const), k, vs: fc.uniqueArray(v, { minLength: 2, maxLength: 3 }) }),
    );
  }
  return fc.oneof(...opts);
}

/** Arbitrary of a random symmetric program: 2-3 interchangeable threads of 2-5 instructions, blocks of 1-2 cells, maybe an extra thread. */
export function randSymProgram(): fc.Arbitrary<SymProgram> {
  return fc.record({ group: fc.integer({ min: 2, max: 3 }), block: fc.integer({ min: 1, max: 2 }), cells: fc.integer({ min: 1, max: 2 }) }).chain(({ group, block, cells }) =>
    fc.record({
      group: fc.constant(group),
      block: fc.constant(block),
      cells: fc.constant(cells),
      code: fc.array(instr(cells, block, true), { minLength: 2, maxLength: 5 }),
      extra: fc.option(fc.array(instr(cells, block, false), { minLength: 1, maxLength: 3 }), { freq: 3 }),
      endCell0: fc.integer({ min: -1, max: DOMAIN - 1 }),
    }),
  );
}

const src = (fn: string, code: string) => ({ file: 'toy/random-symmetric.c', fn, code });
const wrap = (x: number) => ((x % DOMAIN) + DOMAIN) % DOMAIN;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const cell = (c: number) => `cells/${c}`;
/** Footprint path of own cell e + k, written without choosing on e (partial-order reduction bounds it as `own/*`). */
const own = (l: Record<string, unknown>, k: number) => `own/${(l.e as number) + k}`;

/** The steps of one instruction list as a function (local `e`: the first cell of the thread's block; `q`: a grabbed pointer). */
function toFn(name: string, code: readonly SymInstr[]): FnDef<SymWorld> {
  const steps = code.map((ins, i): StepDef<SymWorld> => {
    const label = `s${i}`;
    const s = src(name, `${ins.op}#${i}`);
    switch (ins.op) {
      case 'load':
        return { label, src: s, reads: () => [cell(ins.c)], run: (c) => void (c.l.a = c.w.cells[ins.c] ?? 0) };
      case 'loadOwn':
        return { label, src: s, reads: (l) => [own(l, ins.k)], run: (c) => void (c.l.a = c.w.own[num(c.l.e) + ins.k] ?? 0) };
      case 'storeOwn':
        return { label, src: s, writes: (l) => [own(l, ins.k)], run: (c) => void (c.w.own[num(c.l.e) + ins.k] = wrap(num(c.l.a) + ins.add)) };
      case 'storeShared':
        return { label, src: s, writes: () => [cell(ins.c)], run: (c) => void (c.w.cells[ins.c] = wrap(num(c.l.a) + ins.add)) };
      case 'atomic':
        return { label, src: s, reads: () => [cell(ins.c)], writes: () => [cell(ins.c)], run: (c) => void (c.w.cells[ins.c] = wrap(num(c.w.cells[ins.c]) + ins.add)) };
      case 'lock':
        return { label, src: s, reads: () => ['lock'], writes: () => ['lock'], when: (w, _l, tid) => w.lock === -1 || w.lock === tid, run: (c) => void (c.w.lock = c.tid) };
      case 'unlock':
        return { label, src: s, reads: () => ['lock'], writes: () => ['lock'], run: (c) => void (c.w.lock === c.tid && (c.w.lock = -1)) };
      case 'mark':
        return { label, src: s, reads: () => ['mask'], writes: () => ['mask'], run: (c) => void (c.w.mask |= 1 << c.tid) };
      case 'unmark':
        return { label, src: s, reads: () => ['mask'], writes: () => ['mask'], run: (c) => void (c.w.mask &= ~(1 << c.tid)) };
      case 'point':
        return { label, src: s, writes: () => ['last'], run: (c) => void (c.w.last = num(c.l.e) + ins.k) };
      case 'grab':
        return { label, src: s, reads: () => ['last'], run: (c) => void (c.l.q = c.w.last) };
      case 'bumpGrabbed':
        return {
          label,
          src: s,
          // Every path the pointer can name (an unset one names none that exists).
          reads: (l) => [`own/${String(l.q)}`],
          writes: (l) => [`own/${String(l.q)}`],
          run: (c) => {
            const q = c.l.q;
            if (typeof q === 'number' && q >= 0) c.w.own[q] = wrap(num(c.w.own[q]) + 1);
          },
        };
      case 'await':
        return { label, src: s, reads: () => [cell(ins.c)], when: (w) => w.cells[ins.c] === ins.v, run: () => {} };
      case 'awaitOwn':
        return { label, src: s, reads: (l) => [own(l, ins.k)], when: (w, l) => w.own[num(l.e) + ins.k] === ins.v, run: () => {} };
      case 'choose':
        return { label, src: s, writes: (l) => [own(l, ins.k)], choices: ins.vs.map(String), run: (c) => void (c.w.own[num(c.l.e) + ins.k] = Number(c.choice)) };
      case 'assert':
        return {
          label,
          src: s,
          reads: () => [cell(ins.c)],
          run: (c) => {
            if (num(c.w.cells[ins.c]) >= ins.max) c.fail('bounded', `cell ${ins.c} reached ${c.w.cells[ins.c]}`);
          },
        };
      case 'back':
        return loopBack(label, s, i, ins.to, ins.times);
    }
  });
  return { steps };
}

/** Where a symmetric program's world names threads and entities. */
export const symRenaming: WorldRenaming = { entities: 'own', threadIds: [{ path: 'lock' }], threadMasks: ['mask'], entityIds: ['last'] };

/** The program as a spec, its group declared interchangeable (`symmetric` false: the same program without the declaration). */
export function toSymSpec(p: SymProgram, symmetric = true): ProgramSpec<SymWorld> {
  const fns: Record<string, FnDef<SymWorld>> = { w: toFn('w', p.code) };
  const threads = Array.from({ length: p.group }, (_, t) => ({ name: `W${t}`, fn: 'w', args: { e: t * p.block } }));
  if (p.extra) {
    fns.x = toFn('x', p.extra);
    threads.push({ name: 'X', fn: 'x', args: { e: -1 } });
  }
  const oneTop: StateInvariant<SysState<SymWorld>> = {
    id: 'one-top',
    description: 'at most one own cell is at the top of its domain',
    worldOnly: true,
    check: (s) => (s.w.own.filter((x) => x === DOMAIN - 1).length > 1 ? 'two own cells are at the top' : null),
  };
  const allTop: StateInvariant<SysState<SymWorld>> = {
    id: 'not-all-top',
    description: 'the shared cells are never all at the top',
    worldOnly: true,
    check: (s) => (s.w.cells.every((x) => x === DOMAIN - 1) ? 'every shared cell is at the top' : null),
  };
  const noJump: StepInvariant<SysState<SymWorld>> = {
    id: 'no-jump',
    description: 'a step never moves shared cell 0 by 2',
    worldOnly: true,
    check: (b, a) => (wrap(num(a.w.cells[0]) - num(b.w.cells[0])) === 2 ? 'cell 0 moved by 2' : null),
  };
  const end: StateInvariant<SysState<SymWorld>>[] =
    p.endCell0 < 0
      ? []
      : [{ id: 'end-cell0', description: 'shared cell 0 ends at the given value', worldOnly: true, check: (s) => (s.w.cells[0] === p.endCell0 ? null : `cell 0 is ${s.w.cells[0]}`) }];
  const spec: ProgramSpec<SymWorld> = {
    name: 'random-symmetric',
    world: { own: new Array<number>(p.group * p.block).fill(0), cells: new Array<number>(p.cells).fill(0), lock: -1, mask: 0, last: -1 },
    fns,
    threads,
    asserts: [{ id: 'bounded', description: 'an asserted cell stays below its bound' }],
    stateInvariants: [oneTop, allTop],
    stepInvariants: [noJump],
    endChecks: end,
    footprints: 'complete',
  };
  if (!symmetric) return spec;
  return {
    ...spec,
    symmetry: {
      groups: [{ threads: Array.from({ length: p.group }, (_, t) => t), blocks: Array.from({ length: p.group }, (_, t) => Array.from({ length: p.block }, (_, k) => t * p.block + k)) }],
      entityLocals: ['e', 'q'],
      world: symRenaming,
    },
  };
}
