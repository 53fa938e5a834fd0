/**
 * The fingerprint's text, pinned: every kind of value has one spelling, and
 * the near-misses a careless encoding merges (an array's items run together,
 * a nested array that loses its bracket, a leaf spelled as nothing) stay apart.
 */
import test from 'ava';
import { fingerprint } from '../../checker/index.ts';

test('each kind of value is spelled exactly so', (t) => {
  t.is(fingerprint(0), '0');
  t.is(fingerprint(-12), '-12');
  t.is(fingerprint(NaN), '#NaN');
  t.is(fingerprint(-Infinity), '#-Infinity');
  t.is(fingerprint('a"b'), '"a\\"b"');
  t.is(fingerprint(true), 't');
  t.is(fingerprint(false), 'f');
  t.is(fingerprint(null), 'n');
  t.is(fingerprint(undefined), 'u');
  t.is(fingerprint([]), '[]');
  t.is(fingerprint({}), '{}');
});

test('a nested state: sorted keys, bare names, quoted odd keys, arrays in order', (t) => {
  const s = { w: { pages: [{ ref: 1, flags: 5 }], lock: -1, 'a-b': [true, false, null, undefined, 'x'] }, fault: null };
  t.is(fingerprint(s), '{fault:n,w:{"a-b":[t,f,n,u,"x"],lock:-1,pages:[{flags:5,ref:1}]}}');
});

test('arrays: items stay apart and nesting shows', (t) => {
  const distinct = [[], [1, 2], [12], [1, [2]], [[1, 2]], [[1], 2], [false], [true], [null], [undefined], [undefined, undefined], [[]], [{}]];
  const fps = distinct.map((v) => fingerprint(v));
  t.is(new Set(fps).size, distinct.length, fps.join(' | '));
});

test('objects: entries stay apart', (t) => {
  const distinct = [{}, { a: 1, b: 2 }, { a: 12 }, { a: '1', b: 2 }, { ab: 12 }, { a: [1], b: [] }, { a: { b: 1 } }, { a: false }, { a: true }];
  const fps = distinct.map((v) => fingerprint(v));
  t.is(new Set(fps).size, distinct.length, fps.join(' | '));
});
