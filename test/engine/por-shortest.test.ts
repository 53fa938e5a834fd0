/**
 * Shortest counterexamples under partial-order reduction (checker/shortest.ts):
 * a breadth-first violation found while reducing is searched again without
 * the reduction, so `--por` (the command line's default) reports exactly what
 * a search without it reports, on every catalog pair; passes keep the
 * reduction's states.
 */
import test from 'ava';
import { explore, type Result } from '../../checker/index.ts';
import { shortestAfterReduction } from '../../checker/shortest.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';

const stats = (states: number, seconds: number, porReduced?: number) => ({
  states,
  transitions: 2 * states,
  depth: 3,
  seconds,
  fingerprint: { kind: 'hash64' as const, collisionProbability: 0, visitedBytes: 16 * states, restarts: 0, ...(porReduced === undefined ? {} : { porReduced }) },
});
const step = { index: 1, token: '0', thread: 0, threadName: 'T0', label: 'x', fn: 'f', src: { file: 'f.c', fn: 'f', code: 'x' }, changes: [], summary: [] };
const violation = (steps: number, s: ReturnType<typeof stats>): Result =>
  ({ verdict: 'violation', invariant: 'inv', kind: 'state', message: 'm', trace: Array.from({ length: steps }, () => step), schedule: '0'.repeat(steps), stats: s }) as unknown as Result;

test('a pass, or a violation met before any reduction, is the first search\'s own: no second search', (t) => {
  const never = () => {
    throw new Error('searched again');
  };
  const pass: Result = { verdict: 'pass', stats: stats(10, 1, 4) };
  t.is(shortestAfterReduction(pass, 60, never), pass);
  const unreduced = violation(3, stats(10, 1, 0));
  t.is(shortestAfterReduction(unreduced, 60, never), unreduced);
});

test('a violation met while reducing: the second search, bounded at its depth with the time left, keeps the first\'s counts beside its own', (t) => {
  const first = violation(5, stats(40, 2, 7));
  const asked: unknown[] = [];
  const r = shortestAfterReduction(first, 60, (a) => (asked.push(a), violation(3, stats(55, 1.5))));
  t.deepEqual(asked, [{ maxDepth: 5, timeLimit: 58 }]);
  t.is(r.verdict === 'violation' ? r.schedule : r.verdict, '000');
  t.deepEqual([r.stats.states, r.stats.seconds, r.stats.fingerprint?.porFirst], [55, 3.5, { states: 40, steps: 5 }]);
});

test('a second search that stops at a bound leaves the first counterexample (real, maybe not the shortest)', (t) => {
  const first = violation(5, stats(40, 2, 7));
  t.is(shortestAfterReduction(first, 60, () => ({ verdict: 'incomplete', bound: 'time-limit', limit: 58, stats: stats(9, 58) })), first);
});

const same = (r: Result) =>
  r.verdict === 'violation' ? [r.invariant, r.kind, r.message, r.schedule, r.stats.states, r.stats.transitions, r.stats.depth] : [r.verdict, r.stats.depth];

test('every catalog pair: a violation under --por is the very one without it (invariant, message, schedule, counts); 191 of the 220 were searched twice', (t) => {
  let twice = 0;
  let passes = 0;
  for (const s of catalog) {
    for (const v of s.protocols) {
      const p = protocolById(v);
      if (!p) return t.fail(v);
      const off = explore(s.build(p), { progress: null });
      const on = explore(s.build(p), { progress: null, por: true });
      if (on.stats.fingerprint?.porFirst) twice++;
      if (off.verdict === 'violation') t.deepEqual(same(on), same(off), `${s.id} under ${v}`);
      else {
        t.is(on.verdict, off.verdict, `${s.id} under ${v}`);
        passes++;
      }
    }
  }
  // 191 violations were met after some state was reduced (73 of them by a path longer than the shortest).
  t.deepEqual([twice, passes], [191, 167]);
});
