/**
 * `movcheck replay` prints the very trace `run` printed, and every violation
 * found (in the real catalog, and in the fixtures) replays to the same invariant.
 */
import test from 'ava';
import { replay } from '../../checker/index.ts';
import { buildPair, checkPair, pairOnly, planPairs } from '../../cli/check.ts';
import { captureIo } from '../../cli/io.ts';
import { catalog } from '../../scenarios/index.ts';
import { FX, ROOT, cli, traceBlockOf } from './_helpers.ts';

const P = ['--protocol', FX.toy];

test('replay prints the same trace block as run, and exits 1 on the violation', async (t) => {
  for (const f of [FX.abba, FX.racy, FX.racy3]) {
    const run = await cli(['run', f, ...P]);
    const schedule = /--schedule (\S+)$/m.exec(run.stdout)![1]!;
    const rep = await cli(['replay', f, ...P, '--schedule', schedule]);
    t.is(rep.code, 1, rep.stderr);
    t.is(rep.stderr, '');
    t.not(traceBlockOf(run.stdout), '');
    t.is(traceBlockOf(rep.stdout), traceBlockOf(run.stdout));
    const inv = /^verdict: {2}VIOLATION of (\S+)/m.exec(run.stdout)![1];
    t.regex(rep.stdout, new RegExp(`^verdict: {2}VIOLATION of ${inv} \\(.*\\) at step \\d+$`, 'm'));
  }
});

test('replay of a prefix: no violation, exit 0, never called a pass', async (t) => {
  const r = await cli(['replay', FX.racy, ...P, '--schedule', '01']);
  t.is(r.code, 0);
  t.regex(r.stdout, /^replayed: 2 steps of schedule 01$/m);
  t.regex(r.stdout, /^verdict: {2}no violation along this schedule/m);
  t.notRegex(r.stdout, /PASS/);
});

test('replay --format json', async (t) => {
  const r = await cli(['replay', FX.abba, ...P, '--schedule', '0a 0 1a 1', '--format', 'json']);
  t.is(r.code, 1);
  const { replay: rep } = JSON.parse(r.stdout);
  t.is(rep.schedule, '0a01a1');
  t.is(rep.steps, 4);
  t.like(rep.violation, { invariant: 'no-hang', kind: 'hang', atStep: 4 });
  t.is(rep.trace[1].code, 'mutex_lock(&a->lock)');
});

/** Explores every pair and replays every violation's schedule: same invariant, same trace. */
async function replayAll(t: import('ava').ExecutionContext, targets: string[], protocols: string[]): Promise<number> {
  const io = captureIo(ROOT);
  const pairs = await planPairs(targets, protocols, null, io);
  let n = 0;
  for (const pair of pairs) {
    // Checked and replayed with the invariants the pair's expectation names in `only` (all when none).
    const only = pairOnly(pair, { strategy: 'bfs' });
    const rec = checkPair(pair, { strategy: 'bfs' }, null, only);
    if (rec.result.verdict !== 'violation') continue;
    n++;
    const again = replay(buildPair(pair.scenario, pair.protocol, false, undefined, only), rec.result.schedule);
    t.is(again.violation?.invariant, rec.result.invariant, `${rec.scenario.id} under ${rec.protocol.id}`);
    t.is(again.schedule, rec.result.schedule);
    t.deepEqual(again.trace, rec.result.trace);
  }
  return n;
}

test('every violation of the catalog replays to the same invariant', async (t) => {
  // The catalog expects a violation in 211 of its pairs (test/regressions/pinned-traces.json pins each).
  const violating = catalog.reduce((k, s) => k + s.protocols.filter((p) => s.expect[p]?.verdict === 'violation').length, 0);
  t.is(violating, 211);
  t.is(await replayAll(t, [], []), violating);
});

test('every violation of the fixture scenarios replays to the same invariant', async (t) => {
  const n = await replayAll(t, [FX.racy, FX.atomic, FX.racy3, FX.abba], [FX.toy, FX.toy2]);
  t.is(n, 3);
});

test('a run with --only prints a replay line with the same --only, and that line replays to the same violation', async (t) => {
  const id = 'r2-lost-wakeup~non-atomic-isolated';
  const v = 'v7.0~non-atomic-isolated';
  const run = await cli(['run', id, '--protocol', v, '--only', 'no-hang']);
  t.is(run.code, 1, run.stderr);
  const line = /^replay: movcheck replay (.*)$/m.exec(run.stdout)?.[1] ?? '';
  t.regex(line, /--only no-hang --schedule \S+$/);
  const schedule = /--schedule (\S+)$/.exec(line)![1]!;
  const rep = await cli(['replay', id, '--protocol', v, '--only', 'no-hang', '--schedule', schedule]);
  t.is(rep.code, 1, rep.stderr);
  t.regex(rep.stdout, /^verdict: {2}VIOLATION of no-hang \(hang: no thread can move\) at step \d+$/m);
  t.is(traceBlockOf(rep.stdout), traceBlockOf(run.stdout));
  t.regex(rep.stdout, /--only no-hang --schedule/);
  // Without --only, a precursor violation comes first and the rest of the schedule never runs.
  const all = await cli(['replay', id, '--protocol', v, '--schedule', schedule]);
  t.is(all.code, 2);
  t.regex(all.stderr, /goes on after the violation of no-lost-flag-update/);
});

test('replay --only: an unknown invariant is bad input, naming the valid ones; without no-hang a schedule ending asleep is no violation', async (t) => {
  const bad = await cli(['replay', FX.abba, ...P, '--only', 'no-such', '--schedule', '0a01a1']);
  t.is(bad.code, 2);
  t.is(bad.stderr.trim(), "movcheck: unknown invariant 'no-such' in --only; valid: no-hang");
  const id = 'r2-lost-wakeup~non-atomic-isolated';
  const v = 'v7.0~non-atomic-isolated';
  const hang = await cli(['replay', id, '--protocol', v, '--only', 'no-hang', '--schedule', '000b00000011000']);
  t.is(hang.code, 1, hang.stderr);
  const quiet = await cli(['replay', id, '--protocol', v, '--only', 'refcount-balanced', '--schedule', '000b00000011000']);
  t.is(quiet.code, 0, quiet.stderr);
  t.regex(quiet.stdout, /^verdict: {2}no violation along this schedule/m);
});
