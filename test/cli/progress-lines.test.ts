/**
 * MOVCHECK_PROGRESS=SECONDS: a run whose stderr is not a terminal (a log, CI)
 * prints a whole progress line every SECONDS, with no carriage return or
 * line-clearing code; without it, nothing.
 */
import test from 'ava';
import { spawnCli } from './_helpers.ts';

const args = ['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'threads=3', '--param', 'driver=on', '--max-states', '60000'];
const LINE = /^\[movcheck\] \d+ states, \d+\/s, depth \d+, queue \d+, \d+\.\ds$/;

test('MOVCHECK_PROGRESS=0.05: whole lines on stderr, nothing overwritten', async (t) => {
  const r = await spawnCli(args, undefined, { MOVCHECK_PROGRESS: '0.05' });
  t.is(r.code, 3, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('[movcheck]'));
  t.true(lines.length >= 2, r.stderr);
  for (const l of lines) t.regex(l, LINE);
  t.false(r.stderr.includes('\r'));
  t.false(r.stderr.includes('\x1b'));
  t.regex(r.stdout, /^verdict: +INCOMPLETE: max-states 60000/m);
});

test('without MOVCHECK_PROGRESS a run off a terminal prints no progress', async (t) => {
  const r = await spawnCli(args, undefined, { MOVCHECK_PROGRESS: '' });
  t.is(r.code, 3, r.stderr);
  t.false(r.stderr.includes('[movcheck]'));
});
