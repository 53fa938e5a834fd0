/**
 * Regression (issue 8): internal errors (a bug in movcheck, not bad input)
 * shared exit 2 with bad input. They have their own exit status, 4, with one
 * line saying it is a bug, documented in the README and in `movcheck help`.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_INTERNAL, main } from '../../cli/main.ts';
import { captureIo } from '../../cli/io.ts';
import { ROOT, cli } from './_helpers.ts';

test('an unexpected exception inside a command: exit 4, one line, no stack', async (t) => {
  const io = captureIo(ROOT);
  // An output stream that fails is nothing the user typed: the CLI's own failure.
  const failing = { ...io, out: () => { throw new TypeError('stream exploded'); } };
  const code = await main(['list'], failing);
  t.is(code, 4);
  t.is(EXIT_INTERNAL, 4);
  t.is(io.stderr, 'movcheck: internal error: stream exploded; this is a bug in movcheck, please report it (MOVCHECK_DEBUG=1 shows the stack trace)\n');
});

test('with MOVCHECK_DEBUG=1 the stack follows', async (t) => {
  const io = captureIo(ROOT, { MOVCHECK_DEBUG: '1' });
  const code = await main(['list'], { ...io, out: () => { throw new Error('boom'); } });
  t.is(code, 4);
  t.regex(io.stderr, /^movcheck: internal error: boom; .*stack follows\)\nError: boom\n\s+at /);
});

test('bad input is still 2', async (t) => {
  t.is((await cli(['run', 'no-such-scenario'])).code, 2);
});

test('exit 4 is documented in the README and in the help', async (t) => {
  t.regex(readFileSync(join(ROOT, 'README.md'), 'utf8'), /4 an internal error/);
  t.regex((await cli(['help'])).stdout, /4 internal error/);
});
