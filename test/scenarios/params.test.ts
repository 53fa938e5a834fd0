/**
 * Scenario parameters through the API: declared ranges and defaults, checked
 * values, the defaults building today's system, and parallel-compaction's
 * threads/pages/driver building the systems they describe.
 */
import test from 'ava';
import { explore, type SysState } from '../../checker/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import type { World } from '../../model/world.ts';
import { scenarioById } from '../../scenarios/index.ts';
import { ParamError, boolParam, describeParams, intParam, nonDefaultWords, parseParams, resolveParams } from '../../scenarios/params.ts';

const PC = scenarioById('parallel-compaction')!;
const v48 = protocolById('v4.8')!;
const specs = { n: intParam(2, 1, 6, 'threads'), on: boolParam(false, 'driver') };

test('describeParams names every parameter with its range and default', (t) => {
  t.is(describeParams(specs), 'n=1..6 (default 2), on=on|off (default off)');
  t.is(describeParams(undefined), 'none');
  t.is(describeParams(PC.params), 'threads=1..6 (default 2), pages=1..4 (default 1), driver=on|off (default off)');
});

test('resolveParams: defaults, overrides, and errors naming the valid parameters', (t) => {
  t.deepEqual(resolveParams('s', specs), { n: 2, on: false });
  t.deepEqual(resolveParams('s', specs, { n: 5 }), { n: 5, on: false });
  t.deepEqual(resolveParams('s', specs, { n: undefined }), { n: 2, on: false });
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ x: 1 }, /^unknown parameter 'x' for scenario 's'; valid parameters: n=1\.\.6 \(default 2\), on=on\|off \(default off\)$/],
    [{ n: 7 }, /^parameter n=7 of 's' is out of range 1\.\.6; valid parameters: /],
    [{ n: 0 }, /out of range 1\.\.6/],
    [{ n: 1.5 }, /is a whole number, got 1\.5/],
    [{ n: '3' }, /is a whole number, got 3/],
    [{ on: 1 }, /is on or off, got 1/],
    [{ toString: 1 }, /unknown parameter 'toString'/],
  ];
  for (const [given, re] of bad) t.throws(() => resolveParams('s', specs, given), { instanceOf: ParamError, message: re }, JSON.stringify(given));
  t.throws(() => resolveParams('t', undefined, { n: 1 }), { message: /; scenario 't' takes no parameters$/ });
});

test('parseParams reads name=value words', (t) => {
  t.deepEqual(parseParams('s', specs, ['n=3', 'on=on']), { n: 3, on: true });
  t.deepEqual(parseParams('s', specs, ['on=off']), { on: false });
  for (const w of ['true', 'yes', '1', 'ON']) t.deepEqual(parseParams('s', specs, [`on=${w}`]), { on: true }, w);
  for (const w of ['false', 'no', '0']) t.deepEqual(parseParams('s', specs, [`on=${w}`]), { on: false }, w);
  t.throws(() => parseParams('s', specs, ['n']), { message: /^--param expects name=value, got 'n'; valid parameters: / });
  t.throws(() => parseParams('s', specs, ['=3']), { message: /name=value/ });
  t.throws(() => parseParams('s', specs, ['n=three']), { message: /is a whole number, got 'three'/ });
  t.throws(() => parseParams('s', specs, ['n=']), { message: /is a whole number, got ''/ });
  t.throws(() => parseParams('s', specs, ['n=1e1']), { message: /is a whole number/ });
  t.throws(() => parseParams('s', specs, ['on=maybe']), { message: /is on or off, got 'maybe'/ });
  t.throws(() => parseParams('s', specs, ['n=2', 'n=3']), { message: /parameter n given twice/ });
  t.throws(() => parseParams('s', specs, ['n=9']), { message: /out of range 1\.\.6/ });
});

test('nonDefaultWords lists only what differs from the defaults, in declaration order', (t) => {
  t.deepEqual(nonDefaultWords(specs, { on: true, n: 3 }), ['n=3', 'on=on']);
  t.deepEqual(nonDefaultWords(specs, { n: 2, on: false }), []);
});

test('intParam rejects a default outside its range', (t) => {
  t.throws(() => intParam(0, 1, 6, 'x'), { instanceOf: RangeError });
  t.throws(() => intParam(2, 3, 1, 'x'), { instanceOf: RangeError });
});

test('parallel-compaction at its defaults is the same system as with no parameters', (t) => {
  const a = PC.build(v48);
  const b = PC.build(v48, {}, { threads: 2, pages: 1, driver: false });
  t.deepEqual(b.init(), a.init());
  t.deepEqual(a.threadNames, ['C0', 'C1']);
  const ra = explore(a, { progress: null });
  const rb = explore(b, { progress: null });
  t.is(ra.verdict, 'pass');
  const counts = (r: typeof ra) => [r.stats.states, r.stats.transitions, r.stats.depth];
  t.deepEqual(counts(rb), counts(ra));
});

test('parallel-compaction builds threads, pages, targets and the driver from its parameters', (t) => {
  const m = PC.build(v48, {}, { threads: 3, pages: 2, driver: true });
  t.deepEqual(m.threadNames, ['C0', 'C1', 'C2', 'D']);
  const s = m.init() as SysState<World>;
  t.is(s.w.pages.length, 2 + 3 * 2, 'two driver pages, two targets per thread');
  t.deepEqual(s.w.pages.map((p) => p.kind), [1, 1, 0, 0, 0, 0, 0, 0]);
  t.is(s.w.obj, 0);
  t.deepEqual(s.w.objs, [1], 'object 1 on page 1');
  t.deepEqual(
    s.t.map((th) => [th.frames[0]?.fn, th.frames[0]?.l]),
    [
      ['compact_pages', { p: 0, n: 2, np: 2 }],
      ['compact_pages', { p: 0, n: 2, np: 4 }],
      ['compact_pages', { p: 0, n: 2, np: 6 }],
      ['drv_free_objects', { n: 2 }],
    ],
  );
  const one = PC.build(v48, {}, { threads: 1, driver: true }).init() as SysState<World>;
  t.deepEqual(one.t.map((th) => th.frames[0]?.fn), ['compact', 'drv_free']);
  t.false('objs' in one.w, 'a one-object world keeps its shape');
});

test('parallel-compaction rejects parameters out of range through build', (t) => {
  t.throws(() => PC.build(v48, {}, { threads: 7 }), { instanceOf: ParamError, message: /threads=7 .* out of range 1\.\.6/ });
  t.throws(() => PC.build(v48, {}, { pages: 5 }), { instanceOf: ParamError });
  t.throws(() => PC.build(v48, {}, { colour: 1 } as never), { instanceOf: ParamError, message: /unknown parameter 'colour'/ });
});

test('one thread over two pages migrates both, in order, and keeps both objects', (t) => {
  for (const id of ['v3', 'v3-reviewed', 'v4.8', 'v4.8-atomic']) {
    const m = PC.build(protocolById(id)!, { checkWrites: true }, { threads: 1, pages: 2 });
    t.is(explore(m, { progress: null }).verdict, 'pass', id);
    // Always the first branch (the target is allocated, the driver's migratepage succeeds).
    let s = m.init();
    const touched: number[] = [];
    for (let acts = m.actions(s); acts.length; acts = m.actions(s)) {
      const x = m.explain(s, acts[0]!);
      for (const c of x.changes) if (c.path[0] === 'pages' && typeof c.path[1] === 'number' && !touched.includes(c.path[1])) touched.push(c.path[1]);
      s = x.next;
    }
    const w = (s as SysState<World>).w;
    t.true(m.isDone(s), id);
    t.deepEqual([w.obj, ...(w.objs ?? [])], [2, 3], `${id}: object k moved to its target page 2 + k`);
    t.deepEqual(touched.slice(0, 2), [0, 2], `${id}: page 0 and its target first`);
    t.true(touched.indexOf(1) > touched.indexOf(2), `${id}: page 1 only after page 0's migration`);
  }
});

test('the driver frees every object in order: with one thread and two pages under v4.8-atomic nothing breaks', (t) => {
  const r = explore(PC.build(protocolById('v4.8-atomic')!, { checkWrites: true }, { threads: 1, pages: 2, driver: true }), { progress: null });
  t.is(r.verdict, 'pass');
});

test('with the driver on, v4.10 loses PG_waiters as in R2 (the parameters reach what the catalog expects of r2); v4.8 does not', (t) => {
  const r = explore(PC.build(protocolById('v4.10')!, {}, { threads: 1, driver: true }), { progress: null });
  t.is(r.verdict, 'violation');
  if (r.verdict === 'violation') t.is(r.invariant, 'no-lost-flag-update');
  t.is(explore(PC.build(v48, {}, { threads: 1, driver: true }), { progress: null }).verdict, 'pass');
});
