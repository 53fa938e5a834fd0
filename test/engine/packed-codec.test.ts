/**
 * The packed state's value codec: a slot holds an Int16 integer as itself
 * (never -0, a fraction, a string or a boolean), anything else is interned
 * once per search as a code, 0 meaning absent, up to MAX_CODES codes.
 */
import test from 'ava';
import { fitsSlot, Interner, MAX_CODES, SLOT_MAX, SLOT_MIN } from '../../checker/packed/codec.ts';

test('fitsSlot: exactly the Int16 integers', (t) => {
  t.is(SLOT_MIN, -32768);
  t.is(SLOT_MAX, 32767);
  for (const v of [0, 1, -1, 32767, -32768, 255, -256]) t.true(fitsSlot(v), String(v));
  for (const v of [32768, -32769, 65536, 1.5, -0.5, -0, NaN, Infinity, '1', true, null, undefined, [1]]) t.false(fitsSlot(v), String(v));
});

test('Interner: undefined is code 0 and is never stored; other values get 1, 2, ... once each', (t) => {
  const i = new Interner();
  t.is(i.code(undefined), 0);
  t.deepEqual(i.vals, [undefined]);
  t.is(i.code('a'), 1);
  t.is(i.code(null), 2);
  t.is(i.code('a'), 1);
  t.is(i.code(true), 3);
  t.is(i.code(undefined), 0);
  t.deepEqual(i.vals, [undefined, 'a', null, true]);
});

test(`Interner: ${MAX_CODES} codes fit, one more is a RangeError`, (t) => {
  t.is(MAX_CODES, 32767);
  const i = new Interner();
  for (let k = 1; k <= MAX_CODES; k++) if (i.code(`v${k}`) !== k) return t.fail(`code of v${k}`);
  t.is(i.code(`v${MAX_CODES}`), MAX_CODES);
  t.throws(() => i.code('one too many'), { instanceOf: RangeError, message: /more than 32767 distinct non-integer values/ });
});

test('Interner: integers in the array (-64..191) and out of it share one numbering, in first-seen order', (t) => {
  const i = new Interner();
  const seen = [5, 'x', -64, 191, 192, -65, 0, 2.5, 5, 191, -64, 192];
  t.deepEqual(
    seen.map((v) => i.code(v)),
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 4, 3, 5],
  );
  t.deepEqual(i.vals, [undefined, 5, 'x', -64, 191, 192, -65, 0, 2.5]);
  // -0 is 0 (as a Map key is), whichever comes first.
  t.is(i.code(-0), 7);
  const j = new Interner();
  t.is(j.code(-0), 1);
  t.is(j.code(0), 1);
  // A code past the first 32767 values is refused for a small integer too.
  const k = new Interner();
  for (let n = 1; n <= MAX_CODES; n++) k.code(`v${n}`);
  t.throws(() => k.code(3), { instanceOf: RangeError });
});
