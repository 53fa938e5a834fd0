/**
 * The symmetric search's check that invariants do not tell interchangeable
 * threads apart, on every stored state: the group of renamings it tries
 * (every permutation the swaps generate, at most 720) and the error it gives,
 * on a model whose asymmetric invariant the warm-up's samples miss.
 */
import test from 'ava';
import { buildModel, explore } from '../../checker/index.ts';
import { groupOf, orbitCheck, ORBIT_RENAMINGS, SymmetryBroken, type PackedFactory } from '../../checker/packed/explore.ts';
import { newCodes } from '../../checker/packed/compile.ts';
import { toSymSpec, type SymProgram } from '../toys/random-symmetric.ts';

const swap = (T: number, a: number, b: number) => {
  const s = Int32Array.from({ length: T }, (_, i) => i);
  s[a] = b;
  s[b] = a;
  return s;
};
const text = (ps: readonly Int32Array[]) => ps.map((p) => [...p].join('')).sort();

test('the group of three interchangeable threads: the five permutations besides the identity', (t) => {
  t.deepEqual(text(groupOf([swap(3, 0, 1), swap(3, 1, 2)], 3)), ['021', '102', '120', '201', '210']);
});

test('two groups of two threads: their swaps and the two together, never mixing the groups', (t) => {
  t.deepEqual(text(groupOf([swap(4, 0, 1), swap(4, 2, 3)], 4)), ['0132', '1023', '1032']);
});

test('a thread outside every group stays put in every permutation', (t) => {
  t.deepEqual(text(groupOf([swap(3, 0, 1)], 3)), ['102']);
});

test('seven interchangeable threads: the closure stops at 720 permutations (719 besides the identity), all distinct', (t) => {
  const g = groupOf(Array.from({ length: 6 }, (_, i) => swap(7, i, i + 1)), 7);
  t.is(g.length, 719);
  t.is(new Set(text(g)).size, 719);
  t.false(text(g).includes('0123456'));
});

/** W0 and W1 load, then bump their own cell; X bumps a shared one; "own[1] stays 0" tells W0 from W1. */
const bumpModel = () => {
  const p: SymProgram = {
    group: 2,
    block: 1,
    cells: 1,
    code: [
      { op: 'load', c: 0 },
      { op: 'storeOwn', k: 0, add: 1 },
    ],
    extra: [{ op: 'atomic', c: 0, add: 1 }],
    endCell0: -1,
  };
  return buildModel({
    ...toSymSpec(p),
    stateInvariants: [{ id: 'own-1-untouched', description: 'own[1] stays 0', worldOnly: true, check: (s) => (s.w.own[1] === 0 ? null : 'own[1] moved') }],
    stepInvariants: [],
    endChecks: [],
  });
};

test('past its first phase the orbit check samples one state in 32 (numbers 0 mod 32)', (t) => {
  // Two interchangeable threads: one renaming (the swap), so the first phase is every state below 120,000.
  const factory = (bumpModel() as unknown as { packed: PackedFactory }).packed;
  const pm = factory.compile(factory.hints(), newCodes(false, false, true));
  // W0 loads, then bumps own[0]: the state passes own-1-untouched; its renaming (W1 bumped) fails it.
  pm.init();
  for (const a of [0, 0]) {
    pm.src.set(pm.dst);
    pm.loaded();
    pm.apply(a);
  }
  const check = orbitCheck(pm);
  const fails = (id: number) => {
    try {
      check(id);
      return false;
    } catch (e) {
      if (!SymmetryBroken.is(e)) throw e;
      return true;
    }
  };
  const first = ORBIT_RENAMINGS;
  t.deepEqual([0, 1, 2, first - 1].map(fails), [true, true, true, true]);
  t.deepEqual([first, first + 1, first + 31, first + 32, first + 33, first + 64].map(fails), [true, false, false, true, false, true]);
  // The check leaves dst as it found it.
  t.false(fails(first + 1));
  t.true(fails(0));
});

test('an invariant telling two interchangeable threads apart, missed by the warm-up, is refused with the renaming that shows it', (t) => {
  // The warm-up's samples miss it, the check of every stored state does not. (Canonical states put a finished thread
  // first, so the first bump stored is own[0]'s and passes; its renaming fails.)
  const model = bumpModel();
  const e = t.throws(() => explore(model, { progress: null, symmetry: true }));
  t.true(SymmetryBroken.is(e));
  t.is(
    e?.message,
    'symmetry: invariant own-1-untouched holds on a reachable state and fails on the same state with interchangeable threads renamed (0->1, 1->0): it tells them apart, so --symmetry cannot be used with it (check it with --only on the others, or without --symmetry)',
  );
  // The same model passes nothing off without --symmetry: the plain search finds W1's bump.
  const r = explore(model, { progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.invariant : '', 'own-1-untouched');
});
