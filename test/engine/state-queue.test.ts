/**
 * The search's chunked queue (checker/packed/queue.ts), by hand: order (FIFO
 * for bfs, LIFO for dfs) across chunk boundaries, each entry's number, depth
 * and fingerprint parts, the bytes it holds as chunks fill and empty (one
 * spare kept), and a relayout that commits only when asked and leaves the
 * queue as it was when a move throws.
 */
import test from 'ava';
import { CHUNK, StateQueue } from '../../checker/packed/queue.ts';

const W = 3;
const P = 2;
/** Bytes of one chunk of width-3 states with two words of parts: 4096 × (3 Int16 + 2 Int32 + id + depth). */
const CHUNK_BYTES = CHUNK * (2 * W + 4 * P + 8);

const state = (i: number) => Int16Array.of(i & 0x7fff, -(i & 0x7fff), i & 7);
const fill = (q: StateQueue, n: number) => {
  for (let i = 0; i < n; i++) {
    q.push(state(i), i, i >> 1, (out, at) => {
      out[at] = i;
      out[at + 1] = 2 * i;
    });
  }
};
/** Takes one entry and returns it as [slots..., id, depth, part0, part1]. */
const takeOne = (q: StateQueue, width = W): number[] | null => {
  const into = new Int16Array(width);
  if (!q.take(into)) return null;
  return [...into, q.id, q.depth, q.parts[q.partsAt] as number, q.parts[q.partsAt + 1] as number];
};

test('CHUNK is 4096 states', (t) => {
  t.is(CHUNK, 4096);
  t.is(CHUNK_BYTES, 90112);
});

test('FIFO: 10,000 entries over three chunks come out in order with their number, depth and parts', (t) => {
  const q = new StateQueue(W, P, false);
  t.is(q.size, 0);
  t.is(q.bytes, 0);
  fill(q, 10000);
  t.is(q.size, 10000);
  t.is(q.bytes, 3 * CHUNK_BYTES);
  for (let i = 0; i < 10000; i++) {
    const e = takeOne(q);
    if (i === 0 || i === 4095 || i === 4096 || i === 9999) t.deepEqual(e, [...state(i), i, i >> 1, i, 2 * i]);
    else if (e?.[3] !== i) return t.fail(`entry ${i} came out as ${e?.[3]}`);
    // The first chunk goes to the spare when it is passed; the second replaces it.
    if (i === 4095) t.is(q.bytes, 3 * CHUNK_BYTES);
    if (i === 8191) t.is(q.bytes, 2 * CHUNK_BYTES);
  }
  t.is(q.size, 0);
  t.is(takeOne(q), null);
  // The last chunk emptied is the spare; the next push reuses it.
  t.is(q.bytes, CHUNK_BYTES);
  fill(q, 1);
  t.is(q.bytes, CHUNK_BYTES);
  t.deepEqual(takeOne(q), [0, 0, 0, 0, 0, 0, 0]);
});

test('LIFO: 10,000 entries come out newest first; an emptied chunk is kept as the spare', (t) => {
  const q = new StateQueue(W, P, true);
  fill(q, 10000);
  t.is(q.bytes, 3 * CHUNK_BYTES);
  for (let i = 9999; i >= 0; i--) {
    const e = takeOne(q);
    if (i === 9999 || i === 8192 || i === 8191 || i === 0) t.deepEqual(e, [...state(i), i, i >> 1, i, 2 * i]);
    else if (e?.[3] !== i) return t.fail(`entry ${i} came out as ${e?.[3]}`);
    if (i === 8192) t.is(q.bytes, 3 * CHUNK_BYTES); // the third chunk is the spare now
    if (i === 4096) t.is(q.bytes, 2 * CHUNK_BYTES); // the second replaced it
  }
  t.is(q.size, 0);
  t.is(takeOne(q), null);
  // Pushes after emptying go on in the one chunk left.
  fill(q, 3);
  t.deepEqual(takeOne(q)?.[3], 2);
  t.is(q.size, 2);
});

test('a chunk the queue has passed is the one the next chunk reuses (the same arrays, not a new allocation)', (t) => {
  // FIFO: one state in and out; the emptied chunk takes the next state.
  const f = new StateQueue(W, P, false);
  fill(f, 1);
  takeOne(f);
  const first = f.parts;
  fill(f, 1);
  takeOne(f);
  t.is(f.parts, first);
  // LIFO: a second chunk of one state, emptied, takes the next push past the full first chunk.
  const l = new StateQueue(W, P, true);
  fill(l, CHUNK + 1);
  takeOne(l);
  const second = l.parts;
  fill(l, 1);
  takeOne(l);
  t.is(l.parts, second);
  t.is(l.size, CHUNK);
});

test('a queue that holds one state at a time (a chain) keeps one chunk however many pass', (t) => {
  for (const lifo of [false, true]) {
    const q = new StateQueue(W, P, lifo);
    for (let i = 0; i < 3 * CHUNK + 5; i++) {
      q.push(state(i), i, 0, () => undefined);
      t.is(takeOne(q)?.[3], i);
      if (q.bytes !== CHUNK_BYTES) return t.fail(`${lifo ? 'LIFO' : 'FIFO'}: ${q.bytes} bytes after ${i + 1} states`);
    }
  }
  t.pass();
});

test('relayout: every queued state moves to the new width when committed, none before', (t) => {
  const q = new StateQueue(W, P, false);
  fill(q, 5000);
  for (let i = 0; i < 100; i++) takeOne(q);
  const widen = (from: Int16Array, fo: number, to: Int16Array, to0: number) => {
    for (let j = 0; j < W; j++) to[to0 + j] = from[fo + j] as number;
    to[to0 + W] = 7;
    to[to0 + W + 1] = 9;
  };
  let moves = 0;
  const commit = q.relayout(5, (...a) => (moves++, widen(...a)));
  // Exactly the 4900 states still queued move (not those taken, nor the free slots past the last).
  t.is(moves, 4900);
  // Not committed yet: the queue still reads width 3.
  t.deepEqual(takeOne(q), [100, -100, 4, 100, 50, 100, 200]);
  commit();
  t.is(q.size, 4899);
  t.deepEqual(takeOne(q, 5), [101, -101, 5, 7, 9, 101, 50, 101, 202]);
  for (let i = 102; i < 5000; i++) {
    const e = takeOne(q, 5);
    if (e?.[0] !== (i & 0x7fff) || e[3] !== 7 || e[5] !== i) return t.fail(`entry ${i}: ${e}`);
  }
  t.is(q.size, 0);
  // New pushes are 5 slots wide, in a fresh chunk.
  q.push(Int16Array.of(1, 2, 3, 4, 5), 42, 1, () => undefined);
  t.deepEqual(takeOne(q, 5)?.slice(0, 6), [1, 2, 3, 4, 5, 42]);
});

test('relayout of a LIFO: exactly the states still queued move, in two chunks', (t) => {
  const q = new StateQueue(W, P, true);
  fill(q, 5000);
  for (let i = 0; i < 100; i++) takeOne(q);
  let moves = 0;
  q.relayout(5, () => void moves++)();
  t.is(moves, 4900);
  t.is(q.size, 4900);
});

test('relayout: a move that throws leaves the queue as it was', (t) => {
  const q = new StateQueue(W, P, true);
  fill(q, 5000);
  let n = 0;
  t.throws(() =>
    q.relayout(5, () => {
      if (++n === 4500) throw new Error('wider');
    }),
  );
  t.is(q.size, 5000);
  t.deepEqual(takeOne(q), [4999, -4999, 7, 4999, 2499, 4999, 9998]);
});
