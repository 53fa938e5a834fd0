/** Fingerprints are canonical (key order does not matter) and tell different values apart. */
import test from 'ava';
import { fc } from '@fast-check/ava';
import { isDeepStrictEqual } from 'node:util';
import { buildModel, fingerprint } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Small JSON-like values: integers, short strings, booleans, null, arrays and objects. */
const keyArb = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ':', ',', '"', '{', '0'), maxLength: 4 });
const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -5, max: 5 }),
    fc.string({ maxLength: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(keyArb, tie('json'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));

/** The same value with every object's keys inserted in a permuted order (seeded). */
function shuffledKeys(v: Json, seed: number): Json {
  if (Array.isArray(v)) return v.map((x, i) => shuffledKeys(x, seed + i));
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v);
  let r = seed >>> 0 || 1;
  for (let i = entries.length - 1; i > 0; i--) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    const j = r % (i + 1);
    [entries[i], entries[j]] = [entries[j] as [string, Json], entries[i] as [string, Json]];
  }
  return Object.fromEntries(entries.map(([k, x]) => [k, shuffledKeys(x, seed * 31 + k.length)]));
}

/** Paths to every number inside `v`. */
function numberPaths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'number') return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => numberPaths(x, [...at, i]));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numberPaths(x, [...at, k]));
  return [];
}

/** `v` with the number at `path` increased by `by`. */
function bump(v: Json, path: readonly (string | number)[], by: number): Json {
  if (path.length === 0) return (v as number) + by;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? bump(x, rest, by) : x));
  return Object.fromEntries(Object.entries(v as Record<string, Json>).map(([k, x]) => [k, k === head ? bump(x, rest, by) : x]));
}

test('equal states built in different key orders give the same fingerprint', (t) => {
  const a = { pages: [{ flags: 3, refs: 1 }], lruLock: null, owner: 'T0', mapped: true };
  const b = { owner: 'T0', mapped: true, lruLock: null, pages: [{ refs: 1, flags: 3 }] };
  t.is(fingerprint(a), fingerprint(b));
  t.not(fingerprint(a), fingerprint({ ...b, pages: [{ refs: 2, flags: 3 }] }));
});

test('absent and undefined keys are the same state; null is not', (t) => {
  t.is(fingerprint({ a: 1, b: undefined }), fingerprint({ a: 1 }));
  t.not(fingerprint({ a: 1, b: null }), fingerprint({ a: 1 }));
});

test('values of different types never collide', (t) => {
  const values = [0, 1, -1, '0', '1', '', 't', 'f', 'n', true, false, null, [], {}, [0], { 0: 0 }, ['a'], Infinity, NaN, [null], [[]]];
  const fps = values.map((v) => fingerprint(v));
  t.is(new Set(fps).size, values.length, fps.join(' | '));
});

test('object keys containing separators do not collide with other objects', (t) => {
  // Unquoted keys would encode both as {a:1,b:2}.
  t.not(fingerprint({ 'a:1,b': 2 }), fingerprint({ a: 1, b: 2 }));
  t.not(fingerprint({ 'a:"x"': 1 }), fingerprint({ a: 'x' }));
  t.not(fingerprint({ '': 1 }), fingerprint({ '"",': 1 }));
});

test('fingerprint of a model state ignores key order in the world', (t) => {
  const model = buildModel(counterSpec(2, false));
  const s = model.init();
  const reordered = { fault: s.fault, t: s.t, w: { count: s.w.count } };
  t.is(model.fingerprint(reordered), model.fingerprint(s));
  const next = model.apply(s, { thread: 0, choice: 0, choices: 1 });
  t.not(model.fingerprint(next), model.fingerprint(s));
});

test('property: fingerprint(x) === fingerprint(shuffledKeys(x))', (t) => {
  t.notThrows(() =>
    fc.assert(
      fc.property(json, fc.nat(), (x, seed) => {
        const y = shuffledKeys(x, seed);
        if (!isDeepStrictEqual(x, y)) throw new Error('shuffledKeys changed the value');
        return fingerprint(x) === fingerprint(y);
      }),
      { numRuns: 500 },
    ),
  );
});

test('property: changing one number changes the fingerprint', (t) => {
  const withNumber = json.filter((x) => numberPaths(x).length > 0);
  t.notThrows(() =>
    fc.assert(
      fc.property(withNumber, fc.nat(), fc.integer({ min: 1, max: 3 }), (x, pick, by) => {
        const paths = numberPaths(x);
        const path = paths[pick % paths.length] as (string | number)[];
        return fingerprint(x) !== fingerprint(bump(x, path, by));
      }),
      { numRuns: 500 },
    ),
  );
});

test('property: fingerprints are equal exactly when values are deep-equal', (t) => {
  t.notThrows(() =>
    fc.assert(
      fc.property(json, json, (a, b) => (fingerprint(a) === fingerprint(b)) === isDeepStrictEqual(a, b)),
      { numRuns: 1000 },
    ),
  );
  // And a value always matches a structurally equal copy of itself.
  fc.assert(fc.property(json, (a) => fingerprint(a) === fingerprint(structuredClone(a))), { numRuns: 200 });
});
