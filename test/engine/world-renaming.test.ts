/**
 * Renaming a plain world by a thread and an entity permutation
 * (checker/program/renaming.ts), with values worked out by hand: path
 * patterns (`*` an array index only), thread masks (bits past the
 * permutation and past bit 30 stay), thread ids with a base, entity ids,
 * arrays indexed by thread (with an offset) and the entity array itself.
 */
import test from 'ava';
import { matches, renameEntity, renameMask, renameThreadId, renameWorldObject } from '../../checker/program/renaming.ts';
import type { WorldRenaming } from '../../checker/program/index.ts';

test('matches: segment by segment, `*` matches an array index and nothing else', (t) => {
  t.true(matches('pages/*/lockers', ['pages', '3', 'lockers']));
  t.true(matches('/pages/*/lockers/', ['pages', '12', 'lockers']));
  t.false(matches('pages/*/lockers', ['pages', 'x', 'lockers']));
  t.false(matches('pages/*/lockers', ['pages', '3a', 'lockers']));
  t.false(matches('pages/*/lockers', ['pages', 'a3', 'lockers']));
  t.false(matches('pages/0/lockers', ['pages', '3', 'lockers'])); // only `*` stands for any index
  t.false(matches('pages/*', ['pages', '3', 'lockers']));
  t.false(matches('pages/*/lockers', ['pages', '3']));
  t.false(matches('pages/*/lockers', ['pages', '3', 'waitq']));
  t.true(matches('lruLock', ['lruLock']));
  t.true(matches('', []));
});

test('renameMask: bit t moves to bit tperm[t]; bits past the permutation stay', (t) => {
  const swap = [1, 0, 2];
  t.is(renameMask(0, swap), 0);
  t.is(renameMask(0b001, swap), 0b010);
  t.is(renameMask(0b010, swap), 0b001);
  t.is(renameMask(0b011, swap), 0b011);
  t.is(renameMask(0b101, swap), 0b110);
  t.is(renameMask(0b1000, swap), 0b1000); // thread 3 is past the permutation
  t.is(renameMask(0b1001, [2, 0, 1]), 0b1100);
  t.is(renameMask(2 ** 30, swap), 2 ** 30);
  t.is(renameMask(2 ** 30 + 1, swap), 2 ** 30 + 2);
  // Bits 0 to 30 only: a negative mask (bit 31 set) loses bit 31.
  t.is(renameMask(-1, swap), 2 ** 31 - 1);
  t.is(renameMask(-2, swap), 2 ** 31 - 1 - 2);
});

test('renameThreadId: v - base is a thread of the permutation, else v stays', (t) => {
  const p = [2, 0, 1];
  t.is(renameThreadId(0, 0, p), 2);
  t.is(renameThreadId(2, 0, p), 1);
  t.is(renameThreadId(3, 0, p), 3);
  t.is(renameThreadId(-1, 0, p), -1);
  t.is(renameThreadId(11, 10, p), 10);
  t.is(renameThreadId(10, 10, p), 12);
  t.is(renameThreadId(9, 10, p), 9);
  t.is(renameThreadId(13, 10, p), 13);
});

test('renameEntity: known entity numbers move; negative and unknown ones stay', (t) => {
  const e = [1, 0, 3, 2];
  t.is(renameEntity(0, e), 1);
  t.is(renameEntity(3, e), 2);
  t.is(renameEntity(4, e), 4);
  t.is(renameEntity(-1, e), -1);
});

interface W {
  pages: { lockers: number; owner: number; tag: number; note: string }[];
  lruLock: number;
  slot: number;
  target: number;
  perThread: number[];
  other: number[];
  flag: boolean;
  nothing: null;
}

const r: WorldRenaming = {
  entities: 'pages',
  threadMasks: ['pages/*/lockers'],
  threadIds: [{ path: 'lruLock' }, { path: 'pages/*/owner', base: 10 }],
  threadArrays: [{ path: 'perThread', offset: 1 }],
  entityIds: ['target'],
};

test('renameWorldObject: every declared kind of leaf and array, and nothing else', (t) => {
  const w: W = {
    pages: [
      { lockers: 0b01, owner: 10, tag: 5, note: 'p0' },
      { lockers: 0b10, owner: 11, tag: 6, note: 'p1' },
      { lockers: 0, owner: -1, tag: 7, note: 'p2' },
    ],
    lruLock: 0,
    slot: 1,
    target: 2,
    perThread: [9, 100, 101],
    other: [0, 1, 2],
    flag: true,
    nothing: null,
  };
  // threads 0 <-> 1; entities 0 -> 2, 1 -> 0, 2 -> 1
  const out = renameWorldObject(w, r, [1, 0], [2, 0, 1]);
  t.deepEqual(out, {
    pages: [
      { lockers: 0b01, owner: 10, tag: 6, note: 'p1' }, // was entity 1: lockers 0b10 -> 0b01, owner 11 -> 10
      { lockers: 0, owner: -1, tag: 7, note: 'p2' }, // was entity 2
      { lockers: 0b10, owner: 11, tag: 5, note: 'p0' }, // was entity 0: lockers 0b01 -> 0b10, owner 10 -> 11
    ],
    lruLock: 1,
    slot: 1, // not declared: stays
    target: 1, // entity 2 -> 1
    perThread: [9, 101, 100], // offset 1: threads at 1 and 2 swap; element 0 stays
    other: [0, 1, 2],
    flag: true,
    nothing: null,
  });
  t.not(out, w);
  t.deepEqual(w.perThread, [9, 100, 101]); // the input is not changed
  // The identity changes nothing.
  t.deepEqual(renameWorldObject(w, r, [0, 1], [0, 1, 2]), w);
});

test('renameWorldObject: an array indexed by thread with elements past the permutation keeps them', (t) => {
  const w = { pages: [] as number[], perThread: [5, 6, 7, 8] };
  t.deepEqual(renameWorldObject(w, { entities: 'pages', threadArrays: [{ path: 'perThread', offset: 0 }] }, [1, 0], []), { pages: [], perThread: [6, 5, 7, 8] });
});

test('renameWorldObject: leaves of any declared pattern; values that are not numbers stay; no thread arrays declared', (t) => {
  const w = { pages: [{ lockers: 1, held: null as number | null }, { lockers: 2, held: 0 }], waiters: 1, ent: 1, alt: 0, name: 'x' };
  const rr: WorldRenaming = { entities: 'pages', threadMasks: ['pages/*/lockers', 'waiters'], entityIds: ['ent', 'alt'], threadIds: [{ path: 'name' }, { path: 'pages/*/held' }] };
  t.deepEqual(renameWorldObject(w, rr, [1, 0], [1, 0]), {
    pages: [
      { lockers: 1, held: 1 }, // was entity 1: lockers 0b10 -> 0b01, held 0 -> 1
      { lockers: 2, held: null }, // was entity 0: lockers 0b01 -> 0b10; a null id stays null
    ],
    waiters: 2,
    ent: 0,
    alt: 1,
    name: 'x',
  });
});
