/**
 * `--format itf`: ITF values encoded as Apalache and Quint read them; one
 * state per step, decoded from the object model, each naming the step that
 * led to it; `run` and `replay` of the same schedule give the same document,
 * for every counterexample of the catalog.
 */
import test from 'ava';
import { parseSchedule, replay } from '../../checker/index.ts';
import { buildPair, checkPair, pairOnly, planPairs } from '../../cli/check.ts';
import { captureIo } from '../../cli/io.ts';
import { itfStates } from '../../cli/itf-states.ts';
import type { Protocol } from '../../model/protocol.ts';
import { catalog } from '../../scenarios/index.ts';
import { ItfTuple, formatItf, formatReplayItf, itfValue } from '../../reports/itf.ts';
import { FX, ROOT, cli } from './_helpers.ts';

test('ITF values: integers as #bigint, Set, Map and tuples tagged, lists and records plain', (t) => {
  t.deepEqual(itfValue(-255), { '#bigint': '-255' });
  t.deepEqual(itfValue(2n ** 70n), { '#bigint': '1180591620717411303424' });
  t.deepEqual(itfValue(['a', true]), ['a', true]);
  t.deepEqual(itfValue(new Set(['PG_locked'])), { '#set': ['PG_locked'] });
  t.deepEqual(itfValue(new Map([['C0', 1]])), { '#map': [['C0', { '#bigint': '1' }]] });
  t.deepEqual(itfValue(new ItfTuple([1, 'x'])), { '#tup': [{ '#bigint': '1' }, 'x'] });
  t.deepEqual(itfValue({ a: { b: 0 } }), { a: { b: { '#bigint': '0' } } });
  t.deepEqual(itfValue(null), { '#unserializable': 'null' });
  t.deepEqual(itfValue(0.5), { '#unserializable': '0.5' });
});

test('run --format itf of a toy: meta, vars and the states along the schedule', async (t) => {
  const r = await cli(['run', FX.racy, '--protocol', FX.toy, '--format', 'itf']);
  t.is(r.code, 1);
  t.is(r.stderr, '');
  const doc = JSON.parse(r.stdout);
  t.deepEqual(doc['#meta'], {
    format: 'ITF',
    'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
    source: doc['#meta'].source,
    scenario: 'toy-racy-counter',
    protocol: 'toy',
    params: {},
    schedule: '0101',
    replay: 'movcheck replay test/fixtures/racy-counter.ts --protocol test/fixtures/toy-protocol.ts --schedule 0101',
    description: 'movcheck counterexample: toy-racy-counter under toy violates no-lost-update after 4 steps',
    verdict: 'violation',
    invariant: 'no-lost-update',
    kind: 'end',
    message: 'count is 1, expected 2',
  });
  t.regex(doc['#meta'].source, /^movcheck \d+\.\d+\.\d+/);
  t.deepEqual(doc.vars, ['count', 'threads', 'fault', 'action']);
  t.deepEqual(
    doc.states.map((s: { count: unknown; action: string }) => [s.count, s.action]),
    [
      [{ '#bigint': '0' }, 'init'],
      [{ '#bigint': '0' }, 'T0: inc: tmp = count'],
      [{ '#bigint': '0' }, 'T1: inc: tmp = count'],
      [{ '#bigint': '1' }, 'T0: inc: count = tmp + 1'],
      [{ '#bigint': '1' }, 'T1: inc: count = tmp + 1'],
    ],
  );
  t.deepEqual(doc.states.map((s: { '#meta': unknown }) => s['#meta']), [0, 1, 2, 3, 4].map((index) => ({ index })));
  t.deepEqual(doc.states[1].threads.T0, [{ function: 'inc', next: 'store', code: 'count = tmp + 1', locals: { '#map': [['tmp', { '#bigint': '0' }]] } }]);
  t.deepEqual(doc.states[4].threads, { T0: [], T1: [] });
  t.deepEqual(doc.states[4].fault, { '#set': [] });
});

test('run --format itf of a pass: the initial state alone, the verdict in #meta', async (t) => {
  const r = await cli(['run', FX.atomic, '--protocol', FX.toy, '--format', 'itf']);
  t.is(r.code, 0);
  const doc = JSON.parse(r.stdout);
  t.like(doc['#meta'], { verdict: 'pass', invariant: null, schedule: '', replay: null });
  t.is(doc.states.length, 1);
  t.is(doc.states[0].action, 'init');
});

test('run --format itf needs one version', async (t) => {
  const r = await cli(['run', 'r6-putback-unlocked-clear', '--format', 'itf']);
  t.is(r.code, 2);
  const listed = catalog.find((s) => s.id === 'r6-putback-unlocked-clear')!.protocols;
  t.is(
    r.stderr,
    `movcheck: --format itf writes one trace, and 'r6-putback-unlocked-clear' lists ${listed.length} versions (${listed.join(', ')}); give one with --protocol <version|file>\n`,
  );
});

test('a kernel state decoded: flags by name with aliases, masks as sets of threads, the lock holder, the fault', async (t) => {
  const r = await cli(['run', 'r6-putback-unlocked-clear', '--protocol', 'v3-reviewed', '--format', 'itf']);
  const doc = JSON.parse(r.stdout);
  t.deepEqual(doc.vars, ['pages', 'lru_lock', 'driver_objects', 'object_data', 'transient', 'threads', 'fault', 'action']);
  const last = doc.states.at(-1);
  t.like(last.pages[0], {
    flags: { '#set': ['PG_locked', 'PG_reclaim(=PG_movable)'] },
    _refcount: { '#bigint': '2' },
    mapping: '&drv_mapping',
    lru: 'migratepages of C0',
    lock_holders: { '#set': ['C1'] },
    isolated_by: { '#set': ['C0'] },
    kind: 'driver',
    released: true,
  });
  t.deepEqual(last.pages[0].holds, { '#map': [['driver', { '#bigint': '0' }], ['C0', { '#bigint': '1' }], ['C1', { '#bigint': '1' }]] });
  t.like(last.fault['#set'][0], { invariant: 'no-callback-after-release', thread: 'C1' });
  t.is(last.action, 'C1: isolate_movable_page: ret = page->mapping->a_ops->isolate_page(page, mode);');
});

test('every catalog counterexample: run and replay give the same ITF, one state per step plus the initial one', async (t) => {
  t.timeout(300_000, 'searches the whole catalog');
  const io = captureIo(ROOT);
  const pairs = await planPairs([], [], null, io);
  let n = 0;
  for (const pair of pairs) {
    const only = pairOnly(pair, { strategy: 'bfs' });
    const rec = checkPair(pair, { strategy: 'bfs' }, null, only);
    if (rec.result.verdict !== 'violation') continue;
    n++;
    const layout = (pair.protocol.value as Partial<Protocol>).layout ?? null;
    const model = buildPair(pair.scenario, pair.protocol, false, undefined, only);
    const states = itfStates(model, rec.result.schedule, layout);
    const what = `${rec.scenario.id} under ${rec.protocol.id}`;
    t.is(states.length, rec.result.trace.length + 1, what);
    const trace = rec.result.trace;
    states.slice(1).forEach((s, i) => t.true((s.action as string).startsWith(`${trace[i]!.threadName}: ${trace[i]!.src.fn}: `), what));
    const again = replay(model, rec.result.schedule);
    const run = formatItf(rec, states, 'movcheck test');
    const rep = formatReplayItf({ scenario: rec.scenario, protocol: rec.protocol, threadNames: rec.threadNames, replay: again, ...(rec.only ? { only: rec.only } : {}) }, states, 'movcheck test');
    t.is(rep, run, what);
  }
  t.true(n > 40, `${n} counterexamples`);
});

test('run --only --format itf: the states come from the model the search ran on (an unchecked assertion stops nothing)', async (t) => {
  // Under v3 the full model records an assertion fault along this trace, which ends its actions; with --only free-page-clean the search went on.
  const r = await cli(['run', 'r2-release-isolated-page', '--protocol', 'v3', '--only', 'free-page-clean', '--format', 'itf']);
  t.is(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  t.like(doc['#meta'], { verdict: 'violation', invariant: 'free-page-clean' });
  t.is(doc.states.length, parseSchedule(doc['#meta'].schedule).length + 1);
  const faults = doc.states.map((s: { fault: { '#set': { invariant: string }[] } }) => s.fault['#set'].map((f) => f.invariant).join());
  t.deepEqual(faults, [...faults.slice(0, -1).fill(''), 'free-page-clean'], 'only the checked assertion, at the last step');
});
