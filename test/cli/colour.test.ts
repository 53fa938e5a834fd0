/** Colours for verdicts with node:util styleText: only on a TTY, never with NO_COLOR (non-empty) or TERM=dumb, never when piped (issue 10). */
import test from 'ava';
import { colourMatrix, colourReport, wantColour } from '../../cli/colour.ts';
import { main } from '../../cli/main.ts';
import { captureIo } from '../../cli/io.ts';
import { ROOT, spawnCli } from './_helpers.ts';

const ESC = '\u001b[';

test('wantColour: a TTY without NO_COLOR; NO_COLOR set and non-empty, TERM=dumb, or no TTY: none', (t) => {
  t.true(wantColour(true, {}));
  t.true(wantColour(true, { NO_COLOR: '' }), 'an empty NO_COLOR does not count (no-color.org)');
  t.false(wantColour(true, { NO_COLOR: '1' }));
  t.false(wantColour(true, { TERM: 'dumb' }));
  t.false(wantColour(false, {}));
  t.false(wantColour(undefined, {}));
});

test('colourReport paints the verdict word and the match, nothing else', (t) => {
  const text = 'x — y\nverdict:  VIOLATION of a (state invariant)\nexpected: violation of a (matches) — why\n';
  const c = colourReport(text);
  t.true(c.includes(`verdict:  ${ESC}31mVIOLATION${ESC}39m of a`));
  t.true(c.includes(`(${ESC}32mmatches${ESC}39m)`));
  t.is(c.replace(/\u001b\[\d+m/g, ''), text, 'only escapes were added');
  t.true(colourReport('verdict:  PASS: every').includes(`${ESC}32mPASS`));
  t.true(colourReport('verdict:  INCOMPLETE: max').includes(`${ESC}33mINCOMPLETE`));
});

test('colourMatrix paints cells and the gate line, keeping the layout', (t) => {
  const m = 'scenario  v3          v4.8\nr5        ✗ mapcount  pass\nr6        incomplete  pass *\n\ngate: 1/3 match\n';
  const c = colourMatrix(m);
  t.is(c.replace(/\u001b\[\d+m/g, ''), m);
  t.true(c.includes(`${ESC}31m✗ mapcount${ESC}39m`));
  t.true(c.includes(`${ESC}32mpass${ESC}39m`));
  t.true(c.includes(`${ESC}33mincomplete${ESC}39m`));
  t.true(c.includes(`${ESC}31mgate: 1/3 match${ESC}39m`));
  t.true(colourMatrix('gate: 3/3 match').startsWith(`${ESC}32m`));
});

test('run with a colour Io colours the report; without, plain', async (t) => {
  const cap = captureIo(ROOT);
  t.is(await main(['run', 'r5-movable-and-mapped', '--protocol', 'v3'], { ...cap, colour: true }), 1);
  t.true(cap.stdout.includes(`${ESC}31mVIOLATION`));
  const plain = captureIo(ROOT);
  await main(['run', 'r5-movable-and-mapped', '--protocol', 'v3'], plain);
  t.false(plain.stdout.includes(ESC));
});

test('piped (the real executable, stdout not a TTY): no colour, even with FORCE-ish settings absent', async (t) => {
  const r = await spawnCli(['gate', 'r5-movable-and-mapped'], ROOT, { NO_COLOR: '' });
  t.is(r.code, 0, r.stderr);
  t.false(r.stdout.includes(ESC));
});
