/** Word wrapping: no line wider than asked, words kept in order, hanging indent. */
import test from 'ava';
import { fc, testProp } from '@fast-check/ava';
import { wrap, width, pad, padLeft } from '../../reports/layout.ts';

test('wraps at spaces with a hanging indent', (t) => {
  t.deepEqual(wrap('one two three four five', 9, 2), ['one two', '  three', '  four', '  five']);
  t.deepEqual(wrap('', 10), ['']);
  t.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  t.deepEqual(wrap('x abcdefghij', 5, 1), ['x', ' abcd', ' efgh', ' ij']);
});

test('pads by code points', (t) => {
  t.is(width('→✗é'), 3);
  t.is(pad('→', 3), '→  ');
  t.is(padLeft('7', 3), '  7');
  t.is(pad('toolong', 3), 'toolong');
});

testProp(
  'no line exceeds the width; the words come back in order',
  [fc.array(fc.stringMatching(/^[a-z→]{1,15}$/), { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 8 })],
  (t, words, w, indent) => {
    const lines = wrap(words.join(' '), w, indent);
    for (const l of lines) t.true(width(l) <= w, `${l} > ${w}`);
    t.is(lines.join('').replace(/ /g, ''), words.join(''));
    t.true(lines.length >= 1);
  },
);
