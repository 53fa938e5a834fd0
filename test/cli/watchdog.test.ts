/**
 * Issue 8, item 4: a searching command runs in a worker thread that a
 * watchdog can stop (cli/worker/). A step that never returns is a model error
 * (exit 2, one line naming the step); a search whose steps are slow stops
 * within a second of --time-limit (exit 3); a file that loops while it loads
 * is bad input (exit 2). In-process with `isolate` (as the real process runs);
 * MOVCHECK_STEP_TIMEOUT and MOVCHECK_LOAD_TIMEOUT shorten the watchdog's 10 s
 * and 30 s. And the compiled CLI
 * runs under `ulimit -v 4000000`.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { main } from '../../cli/main.ts';
import { captureIo } from '../../cli/io.ts';
import { ROOT } from './_helpers.ts';

const HOSTILE = 'test/fixtures/hostile';

/** Runs the CLI in-process, isolated in a worker, timing it. */
async function isolated(args: readonly string[], env: Record<string, string> = {}) {
  const io = Object.assign(captureIo(ROOT, env), { isolate: true });
  const t0 = performance.now();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr, seconds: (performance.now() - t0) / 1000 };
}

test('a step that never returns is stopped and reported as a model error naming it: exit 2', async (t) => {
  const r = await isolated(['run', 'r6-putback-unlocked-clear', '--protocol', `${HOSTILE}/loop-step-protocol.ts`], { MOVCHECK_STEP_TIMEOUT: '2' });
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.regex(
    r.stderr,
    /^movcheck: model error while checking 'r6-putback-unlocked-clear' under 'v4\.8-loop': step isolate_movable_page:get \(mm\/migrate\.c: if \(unlikely\(!get_page_unless_zero\(page\)\)\) goto out;\) has run for 2\.\ds without returning, and was stopped; steps, guards and invariants must be short; fix the scenario or protocol\n$/,
  );
});

test('an invariant that never returns is stopped and named: exit 2', async (t) => {
  const r = await isolated(['run', `${HOSTILE}/loop-invariant-scenario.mjs`, '--protocol', 'v4.8'], { MOVCHECK_STEP_TIMEOUT: '2' });
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: model error while checking 'loop-invariant' under 'v4\.8': the check of invariant spins has run for 2\.\ds without returning, and was stopped; steps, guards and invariants must be short; fix the scenario or protocol\n$/);
});

test('--time-limit holds within a second when every step is slow: exit 3, one line', async (t) => {
  const r = await isolated(['run', 'r6-putback-unlocked-clear', '--protocol', `${HOSTILE}/slow-step-protocol.ts`, '--time-limit', '1']);
  t.is(r.code, 3);
  t.is(r.stderr, "movcheck: 'r6-putback-unlocked-clear' under 'v4.8-slow': incomplete: --time-limit 1s passed and the search did not stop by itself within 0.9s; it was stopped (bound time-limit)\n");
  // Worker start-up (tsx compiling the sources) plus 1.9 s; without the watchdog the search runs for minutes.
  t.true(r.seconds < 40, `took ${r.seconds}s`);
});

test('a scenario file that loops while it loads is stopped: exit 2, one line', async (t) => {
  const r = await isolated(['run', `${HOSTILE}/loop-at-load.ts`], { MOVCHECK_LOAD_TIMEOUT: '1' });
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: the command has run for 1\.\ds without running a step, and was stopped: does a scenario or protocol file loop while it loads or builds\? fix the file\n$/);
});

test('an isolated run prints what the in-process run prints', async (t) => {
  const args = ['run', 'r9-new-page-owner-lock', '--protocol', 'v4.8', '--format', 'json'];
  const r = await isolated(args);
  const io = captureIo(ROOT);
  const code = await main(args, io);
  t.is(r.code, code);
  const strip = (s: string) => s.replace(/"seconds": [\d.e-]+/g, '"seconds": 0').replace(/"statesPerSecond": [\d.e-]+/g, '');
  t.is(strip(r.stdout), strip(io.stdout));
});

test('the compiled CLI runs under ulimit -v 4000000', (t) => {
  const r = spawnSync('bash', ['-c', 'ulimit -v 4000000; node bin/movcheck.mjs run r6-putback-unlocked-clear --protocol v4.8'], { cwd: ROOT, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /no violation|pass/);
});
