/**
 * The packed renaming (checker/packed/renaming.ts) against the plain one: a
 * world packed, renamed slot by slot and read back equals the plain world
 * renamed, for every thread permutation of three threads and several entity
 * permutations; the compiled plan's tables by hand; the declarations it
 * refuses.
 */
import test from 'ava';
import type { WorldRenaming } from '../../checker/program/index.ts';
import { renameWorldObject } from '../../checker/program/renaming.ts';
import { Interner } from '../../checker/packed/codec.ts';
import { COPY, ENTITY, MASK, slotPlan, TID } from '../../checker/packed/renaming.ts';
import { load, shapeOf, store } from '../../checker/packed/world-view.ts';

const world = () => ({
  pages: [
    { lockers: 0b001, owner: 10, tag: 5, note: 'p0' },
    { lockers: 0b110, owner: 12, tag: 6, note: 'p1' },
    { lockers: 0, owner: -1, tag: 7, note: null },
  ],
  lruLock: 2,
  slot: 1,
  target: 2,
  perThread: [9, 100, 101, 102, 103],
  byThread: [20, 21, 22],
});

const r: WorldRenaming = {
  entities: 'pages',
  threadMasks: ['pages/*/lockers'],
  threadIds: [{ path: 'lruLock' }, { path: 'pages/*/owner', base: 10 }],
  threadArrays: [
    { path: 'perThread', offset: 1 },
    { path: 'byThread', offset: 0 },
  ],
  entityIds: ['target'],
};

const perms3 = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

test('packed renaming equals the plain renaming for every thread permutation and several entity permutations', (t) => {
  const w = world();
  const { shape, next } = shapeOf(w);
  const intern = new Interner();
  const buf = new Int16Array(next);
  store(shape, w, buf, intern);
  const plan = slotPlan(shape, next, r, 3);
  for (const tperm of perms3) {
    // [1, 0]: entity 2 is past the permutation and stays.
    for (const eperm of [[0, 1, 2], [2, 0, 1], [1, 0, 2], [0, 2, 1], [1, 0]]) {
      const out = new Int16Array(next);
      plan.apply(buf, out, tperm, eperm);
      t.deepEqual(load(shape, out, intern), renameWorldObject(w, r, tperm, eperm), `tperm ${tperm} eperm ${eperm}`);
    }
  }
});

test('the compiled plan, slot by slot', (t) => {
  const w = world();
  const { shape, next } = shapeOf(w);
  t.is(next, 4 * 3 + 3 + 5 + 3);
  const plan = slotPlan(shape, next, r, 3);
  t.is(plan.slots, next);
  // pages[i]: lockers, owner, tag, note at 4i..4i+3; then lruLock 12, slot 13, target 14, perThread 15..19, byThread 20..22
  const page = [MASK, TID, COPY, COPY];
  t.deepEqual([...plan.kind], [...page, ...page, ...page, TID, COPY, ENTITY, ...Array(8).fill(COPY)]);
  t.deepEqual([...plan.base], [0, 10, 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, ...Array(11).fill(0)]);
  t.deepEqual([...plan.entity], [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, ...Array(11).fill(-1)]);
  // perThread has offset 1: element 0 and element 4 (thread 3) are no thread's; byThread has offset 0
  t.deepEqual([...plan.threadOf], [...Array(15).fill(-1), -1, 0, 1, 2, -1, 0, 1, 2]);
  // With two threads, fewer elements are a thread's.
  t.deepEqual([...slotPlan(shape, next, r, 2).threadOf].slice(15), [-1, 0, 1, -1, -1, 0, 1, -1]);
  // Offset 2: the first two elements are no thread's.
  t.deepEqual([...slotPlan(shape, next, { entities: 'pages', threadArrays: [{ path: 'perThread', offset: 2 }] }, 3).threadOf].slice(15, 20), [-1, -1, 0, 1, 2]);
});

test('an entity array of arrays is renamed element by element', (t) => {
  const w = { pages: [[1, 2], [3, 4], [5, 6]], n: 0 };
  const { shape, next } = shapeOf(w);
  const intern = new Interner();
  const buf = new Int16Array(next);
  store(shape, w, buf, intern);
  const plan = slotPlan(shape, next, { entities: 'pages' }, 2);
  t.deepEqual([...plan.entity], [0, 0, 1, 1, 2, 2, -1]);
  const out = new Int16Array(next);
  plan.apply(buf, out, [1, 0], [2, 0, 1]);
  t.deepEqual(load(shape, out, intern), { pages: [[3, 4], [5, 6], [1, 2]], n: 0 });
});

test('declarations the plan refuses', (t) => {
  const w = world();
  const { shape, next } = shapeOf(w);
  t.throws(() => slotPlan(shape, next, { ...r, entities: 'frames' }, 3), { message: 'symmetry: the world has no entity array frames' });
  t.throws(() => slotPlan(shape, next, { ...r, threadArrays: [{ path: 'pages', offset: 0 }] }, 3), { message: 'symmetry: pages must be an array of numbers' });
  const grid = { pages: [{ a: 1 }], rows: [[1], [2]] };
  const gs = shapeOf(grid);
  t.throws(() => slotPlan(gs.shape, gs.next, { entities: 'pages', threadArrays: [{ path: 'rows', offset: 0 }] }, 2), { message: 'symmetry: rows must be an array of numbers' });
  const uneven = { pages: [{ a: 1 }, { a: 1, b: 2 }, { a: 3 }] };
  const s = shapeOf(uneven);
  t.throws(() => slotPlan(s.shape, s.next, { entities: 'pages' }, 2), { message: 'symmetry: the elements of pages differ in shape' });
  const even = { pages: [{ a: 1 }, { a: 2 }] };
  const e = shapeOf(even);
  t.notThrows(() => slotPlan(e.shape, e.next, { entities: 'pages' }, 2));
});

test('two renamings whose cache keys collide each get their own moves (the cache compares the permutations, not only the key)', (t) => {
  // Entity permutations of 32 records whose keys (31-based polynomial over tperm and eperm, 32 bits) are equal:
  // positions 0-3 hold 1, 31, 2, 0 in one and 2, 0, 1, 31 in the other (1·31 - 31 cancels), the rest the same.
  const rest = Array.from({ length: 28 }, (_, i) => i + 3);
  const q = [1, 31, 2, 0, ...rest];
  const p = [2, 0, 1, 31, ...rest];
  const w = { pages: Array.from({ length: 32 }, (_, i) => ({ tag: i + 1 })) };
  const { shape, next } = shapeOf(w);
  const intern = new Interner();
  const buf = new Int16Array(next);
  store(shape, w, buf, intern);
  const plan = slotPlan(shape, next, { entities: 'pages' }, 1);
  for (const eperm of [q, p, q]) {
    const out = new Int16Array(next);
    plan.apply(buf, out, [0], eperm);
    t.deepEqual(load(shape, out, intern), renameWorldObject(w, { entities: 'pages' }, [0], eperm), `eperm ${eperm.slice(0, 4)}`);
  }
});
