/**
 * `--workers N` on the command line: a run on two workers reports the states
 * and verdict of one; the options it cannot go with, a count below one, and
 * a scenario from a file are usage errors (exit 2) saying why.
 */
import test from 'ava';
import { cli, FX, spawnCli } from './_helpers.ts';

// These searches are small: without this they would end in the calling thread before any worker starts (WIDEN_AFTER).
process.env.MOVCHECK_WIDEN_AFTER = '0';

const run = ['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'driver=on'];

test('--workers 2: the states, transitions and verdict of one thread', async (t) => {
  // Without partial-order reduction, whose states may vary a little with the workers' order.
  const one = await cli([...run, '--no-por']);
  const two = await cli([...run, '--workers', '2', '--no-por']);
  t.is(one.code, 0, one.stderr);
  t.is(two.code, 0, two.stderr);
  const line = (s: string) => /^verdict: .*$/m.exec(s)?.[0];
  t.is(line(two.stdout), line(one.stdout));
  t.regex(two.stdout, /^verdict: +PASS: every interleaving checked \(13573 states, 36236 transitions, depth 84\)$/m);
  // With it (the default), a pass too, and the report says how many states it expanded through one thread.
  const por = await cli([...run, '--workers', '2']);
  t.is(por.code, 0, por.stderr);
  const states = Number(/^verdict: +PASS: every interleaving checked \((\d+) states/m.exec(por.stdout)?.[1]);
  t.true(states > 0 && states < 13573, por.stdout);
});

test('a violation found by two workers says so under its trace; one thread does not', async (t) => {
  const mutant = ['run', 'parallel-compaction~no-isolated-check', '--protocol', 'v4.8~no-isolated-check'];
  const one = await cli(mutant);
  const two = await cli([...mutant, '--workers', '2']);
  t.is(two.code, 1, two.stderr);
  t.regex(two.stdout, /P\(collision\) <= [0-9.e+-]+;/);
  t.regex(two.stdout, /; 2\s+workers$/m);
  t.notRegex(one.stdout, /workers/);
});

test('--workers with --strategy dfs or a debug check: exit 2 naming the clash', async (t) => {
  for (const [extra, why] of [
    [['--strategy', 'dfs'], /breadth-first only/],
    [['--check-writes'], /debug checks/],
  ] as const) {
    const r = await cli([...run, '--workers', '2', ...extra]);
    t.is(r.code, 2);
    t.regex(r.stderr, why);
  }
});

test('--workers 0 is a usage error; --workers 1 is the one-thread search', async (t) => {
  const zero = await cli([...run, '--workers', '0']);
  t.is(zero.code, 2);
  t.regex(zero.stderr, /--workers/);
  const one = await cli([...run, '--workers', '1']);
  t.is(one.code, 0, one.stderr);
});

test('--workers on a scenario from a file: exit 2, search it without --workers', async (t) => {
  const r = await cli(['run', FX.racy, '--protocol', FX.toy, '--workers', '2']);
  t.is(r.code, 2, r.stdout);
  t.regex(r.stderr, /--workers runs catalog scenarios under built-in versions/);
});

test('a parallel search longer than the step watchdog: its steps run in the workers, and the search is not taken for stuck', async (t) => {
  // The compiled CLI (dist/), whose searching thread is watched: MOVCHECK_STEP_TIMEOUT=1 stops a search where nothing ran for 1 s.
  const r = await spawnCli([...run, '--param', 'threads=3', '--workers', '2', '--no-por'], undefined, { MOVCHECK_STEP_TIMEOUT: '1' });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^verdict: +PASS: every interleaving checked \(267849 states, 958427 transitions, depth 122\)$/m);
});

test('mutants --workers: exit 2 (a mutant is a protocol made in the process, which workers cannot build)', async (t) => {
  const r = await cli(['mutants', '--protocol', 'v4.8', '--workers', '2']);
  t.is(r.code, 2, r.stdout);
  t.regex(r.stderr, /--workers is not available for mutants/);
});
