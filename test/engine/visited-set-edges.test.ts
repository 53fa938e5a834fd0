/**
 * The visited sets at the edges the search meets only by chance: a
 * fingerprint with a zero half (only (0, 0) marks an empty slot, so (5, 0)
 * and (0, 5) are fingerprints like any other, kept across a doubling and
 * probed past), and the exact set's index (its exact growth point, a vector
 * stored under two fingerprints that probe through each other's slot).
 */
import test from 'ava';
import { exactSet, hashedSet } from '../../checker/packed/visited.ts';

const none = new Int16Array(0);

test('hashed set: a fingerprint whose second half is 0 is an entry, not an empty slot', (t) => {
  const s = hashedSet(2); // 4 slots: 5 & 3 === 1 & 3 === 1
  t.true(s.add(none, 5, 0));
  t.true(s.add(none, 1, 0)); // slot 1 holds (5, 0): probes on to slot 2
  t.true(s.has(5, 0));
  t.true(s.has(1, 0));
  t.false(s.add(none, 5, 0));
  t.false(s.add(none, 1, 0));
  t.is(s.size, 2);
});

test('hashed set: has() probes past entries with a zero half', (t) => {
  const a = hashedSet(2);
  t.true(a.add(none, 5, 0)); // slot 1
  t.true(a.add(none, 1, 7)); // slot 2
  t.true(a.has(1, 7));
  const b = hashedSet(2);
  t.true(b.add(none, 0, 5)); // slot 0
  t.true(b.add(none, 4, 7)); // 4 & 3 === 0: slot 1
  t.true(b.has(4, 7));
  t.true(b.has(0, 5));
  t.false(b.has(8, 7));
});

test('hashed set: only (0, 0) is spelled (0, 1); (0, 5) and (5, 0) are themselves', (t) => {
  const s = hashedSet(4);
  t.true(s.add(none, 0, 5));
  t.true(s.has(0, 5));
  t.false(s.has(0, 1));
  t.true(s.add(none, 7, 0));
  t.true(s.has(7, 0));
  t.false(s.has(7, 1));
  t.true(s.add(none, 0, 1)); // not (0, 5)
  t.true(s.has(0, 0)); // (0, 0) is spelled (0, 1): present now
  t.is(s.size, 3);
});

test('hashed set: (0, 0) is looked up as (0, 1)', (t) => {
  const s = hashedSet(4);
  t.true(s.add(none, 0, 1));
  t.true(s.has(0, 0));
  t.false(s.add(none, 0, 0));
});

test('hashed set: a growth keeps fingerprints with a zero half', (t) => {
  const s = hashedSet(2);
  const fps: [number, number][] = [
    [4, 0],
    [0, 9],
    [8, 0],
    [12, 3],
    [3, 0],
  ];
  for (const [a, b] of fps) t.true(s.add(none, a, b));
  t.is(s.bytes, 9 * 8); // grew past 3 of 4 (to 6 slots), then past 18 of 24 quarters (to 9)
  for (const [a, b] of fps) {
    t.true(s.has(a, b), `kept (${a}, ${b})`);
    t.false(s.add(none, a, b), `(${a}, ${b}) once`);
  }
  t.is(s.size, 5);
});

test('exact set: the index doubles only past half load', (t) => {
  const s = exactSet(2, 2); // 4 index slots
  const bytes = (index: number) => index * 4 + 1024 * 4 + 1024 * 2 * 2;
  t.true(s.add(Int16Array.of(1, 1), 1, 0));
  t.true(s.add(Int16Array.of(2, 2), 2, 0));
  t.is(s.bytes, bytes(4)); // 2 of 4: not past half
  t.true(s.add(Int16Array.of(3, 3), 3, 0));
  t.is(s.bytes, bytes(8));
  t.true(s.add(Int16Array.of(4, 4), 4, 0));
  t.is(s.bytes, bytes(8));
  t.true(s.add(Int16Array.of(5, 5), 5, 0));
  t.is(s.bytes, bytes(16));
});

test('exact set: one vector under two fingerprints of the same slot is two entries', (t) => {
  const s = exactSet(2, 4); // 16 index slots: 1 & 15 === 17 & 15
  t.true(s.add(Int16Array.of(6, 6), 1, 0));
  t.true(s.add(Int16Array.of(6, 6), 17, 0)); // probes through the first entry, whose fingerprint differs
  t.false(s.add(Int16Array.of(6, 6), 17, 0));
  t.is(s.size, 2);
});

test('contains: the exact set compares vectors (a same-fingerprint stranger is not there), the hashed set its fingerprints', (t) => {
  const s = exactSet(2, 2); // 4 slots
  const a = Int16Array.of(1, 2);
  const b = Int16Array.of(3, 4);
  t.false(s.contains(a, 7, 0));
  s.add(a, 7, 0);
  t.true(s.contains(a, 7, 0));
  t.true(s.contains(Int16Array.of(1, 2), 7, 9));
  // Same first half, another vector; and the slot after an occupied one.
  t.false(s.contains(b, 7, 0));
  t.false(s.contains(a, 8, 0));
  s.add(b, 7, 0);
  t.true(s.contains(b, 7, 0));
  const h = hashedSet(2);
  h.add(none, 5, 6);
  t.true(h.contains(a, 5, 6));
  t.false(h.contains(a, 5, 7));
});
