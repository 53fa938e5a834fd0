/**
 * The packed search's visited sets and fingerprint hash, on their own: the
 * hashed set keeps 64-bit fingerprints by linear probing and doubles at 3/4
 * load; the exact set keeps whole vectors and tells apart vectors that share
 * a fingerprint; known answers of hashWords; the birthday bound.
 */
import test from 'ava';
import { collisionBound, exactSet, hashedSet, hashWords } from '../../checker/packed/visited.ts';

const none = new Int16Array(0);

test('hashWords: known answers (two lanes, the count of words mixed in)', (t) => {
  const out = new Int32Array(2);
  const cases: [number[], number, number, number][] = [
    [[], 0, -340344280, 58501316],
    [[0], 1, -1540324145, 1963200890],
    [[1], 1, -978413306, -867607697],
    [[1, 2, 3], 3, 288386091, 1545304510],
    [[1, 2, 3], 2, -879871200, -1467718024],
    [[-1, 0x7fffffff, -0x80000000, 12345], 4, 1050288256, 225991548],
  ];
  for (const [words, n, h1, h2] of cases) {
    hashWords(Int32Array.from(words), n, out);
    t.deepEqual([out[0], out[1]], [h1, h2], `${JSON.stringify(words)} n=${n}`);
  }
});

test('collisionBound: n(n-1)/2 / 2^64, at most 1', (t) => {
  t.true(collisionBound(0) === 0); // -0 for an empty search
  t.is(collisionBound(1), 0);
  t.is(collisionBound(2), 2 ** -64);
  t.is(collisionBound(1000), (1000 * 999) / 2 / 2 ** 64);
  t.is(collisionBound(2 ** 40), 1);
});

test('hashed set: new fingerprints are added once; same low bits probe on; (0, 0) is a fingerprint too', (t) => {
  const s = hashedSet(2); // 4 slots
  t.is(s.bytes, 4 * 8);
  t.true(s.add(none, 5, 1));
  t.true(s.add(none, 1, 1)); // 1 & 3 === 5 & 3: probes to the next slot
  t.true(s.add(none, 5, 2)); // same h1, other h2
  t.false(s.add(none, 5, 1));
  t.false(s.add(none, 1, 1));
  t.is(s.size, 3);
  t.true(s.has(5, 1) && s.has(1, 1) && s.has(5, 2));
  t.false(s.has(5, 3));
  t.false(s.has(2, 1));
  t.false(s.has(0, 0));
  t.true(s.add(none, 0, 0));
  t.false(s.add(none, 0, 0));
  t.true(s.has(0, 0));
  t.is(s.size, 4);
});

test('hashed set: grows by half past 3/4 load, keeps every fingerprint, and holds at most 16 bytes a state once grown', (t) => {
  const s = hashedSet(2);
  for (let k = 1; k <= 3; k++) t.true(s.add(none, k * 4, k));
  t.is(s.bytes, 4 * 8); // 3 of 4 slots: not past 3/4
  t.true(s.add(none, 16, 4));
  t.is(s.bytes, 6 * 8); // 4 * 4 > 4 * 3: 6 slots
  for (let k = 5; k <= 200; k++) {
    t.true(s.add(none, k * 4, k), `add ${k}`);
    if (s.bytes > 16 * k) return t.fail(`${s.bytes} bytes for ${k} states`);
  }
  t.is(s.size, 200);
  // 4, 6, 9, 14, 21, 32, 48, 72, 108, 162, 243 (past 182 states), 365 slots.
  t.is(s.bytes, 365 * 8);
  for (let k = 1; k <= 200; k++) {
    if (!s.has(k * 4, k)) return t.fail(`lost ${k}`);
    if (s.add(none, k * 4, k)) return t.fail(`added ${k} twice`);
  }
  t.false(s.has(4, 2));
});

test('exact set: vectors sharing a fingerprint are told apart; equal vectors are one', (t) => {
  const s = exactSet(3, 2);
  t.throws(() => s.has(1, 1), { message: /only add/ });
  t.true(s.add(Int16Array.of(1, 2, 3), 7, 0));
  t.true(s.add(Int16Array.of(1, 2, 4), 7, 0)); // same fingerprint, other vector
  t.true(s.add(Int16Array.of(0, 2, 3), 7, 0)); // differs in the first slot
  t.false(s.add(Int16Array.of(1, 2, 3), 7, 0));
  t.false(s.add(Int16Array.of(1, 2, 4), 7, 0));
  t.true(s.add(Int16Array.of(1, 2, 3), 8, 0)); // same vector under another fingerprint: another entry
  t.is(s.size, 4);
});

test('exact set: grows its index and its store, and keeps every vector', (t) => {
  const s = exactSet(2, 2);
  const v = (k: number) => Int16Array.of(k, -k);
  t.is(s.bytes, 4 * 4 + 1024 * 4 + 1024 * 2 * 2);
  for (let k = 0; k < 1500; k++) if (!s.add(v(k), k * 31, 0)) return t.fail(`add ${k}`);
  t.is(s.size, 1500);
  t.is(s.bytes, 4096 * 4 + 2048 * 4 + 2048 * 2 * 2); // index: 2 * 1500 > 2048 slots; store: 1024 -> 2048 vectors
  for (let k = 0; k < 1500; k++) if (s.add(v(k), k * 31, 0)) return t.fail(`added ${k} twice`);
  t.true(s.add(Int16Array.of(0, 1), 0, 0));
});

test('exact set: relayout moves every stored vector to the new width', (t) => {
  const s = exactSet(2, 4);
  for (let k = 1; k <= 5; k++) s.add(Int16Array.of(k, k), k, 0);
  // The new layout puts a zero slot between the two old ones.
  s.relayout(3, (from, fo, to, to0) => {
    to[to0] = from[fo] as number;
    to[to0 + 2] = from[fo + 1] as number;
  });
  for (let k = 1; k <= 5; k++) t.false(s.add(Int16Array.of(k, 0, k), k, 0), `moved ${k}`);
  t.true(s.add(Int16Array.of(1, 1, 0), 1, 0));
  t.is(s.size, 6);
});
