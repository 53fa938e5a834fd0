/**
 * Regression (issue 8): replay must use every token of the schedule. Tokens
 * after the violation, and a schedule of only blanks and commas, are exit 2
 * naming the first bad token; they used to be ignored (exit 1, or 0 with 0 steps).
 */
import test from 'ava';
import { cli } from './_helpers.ts';

const R6 = ['replay', 'r6-putback-unlocked-clear', '--protocol', 'v3-reviewed'];

test('the exact schedule replays (exit 1: its violation)', async (t) => {
  const r = await cli([...R6, '--schedule', '11111111111']);
  t.is(r.code, 1, r.stderr);
});

test('tokens after the violation: exit 2 naming the first of them and the schedule to give', async (t) => {
  const r = await cli([...R6, '--schedule', '111111111119Z']);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.is(
    r.stderr,
    "movcheck: the schedule goes on after the violation of no-callback-after-release at step 11: step 12 ('9') and the 1 after it never run; give the schedule up to step 11 (11111111111)\n",
  );
});

test('one valid token after the violation is still too many', async (t) => {
  const r = await cli([...R6, '--schedule', '1111111111111']);
  t.is(r.code, 2);
  t.regex(r.stderr, /step 12 \('1'\) and the 1 after it never run/);
});

for (const blank of [' , ', ',', '   ']) {
  test(`a schedule of blanks and commas (${JSON.stringify(blank)}): exit 2, nothing replayed`, async (t) => {
    const r = await cli([...R6, '--schedule', blank]);
    t.is(r.code, 2);
    t.is(r.stdout, '');
    t.regex(r.stderr, /^movcheck: the schedule '.*' names no step \(blanks and commas only separate steps\); give the schedule printed by movcheck run/);
  });
}

test('a prefix without a violation still replays (exit 0)', async (t) => {
  const r = await cli([...R6, '--schedule', '111']);
  t.is(r.code, 0, r.stderr);
});
