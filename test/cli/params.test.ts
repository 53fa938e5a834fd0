/** `--param` on run and replay, and parameters in `list`: values reach the model, bad ones are exit 2 with one line naming the valid ones. */
import test from 'ava';
import { cli } from './_helpers.ts';

const VALID = /valid parameters: threads=1\.\.6 \(default 2\), pages=1\.\.4 \(default 1\), driver=on\|off \(default off\)\n$/;

test('run --param: the values build the system; the replay line repeats them; no expectation away from the defaults', async (t) => {
  const r = await cli(['run', 'parallel-compaction', '--protocol', 'v4.10', '--param', 'threads=3', '--param', 'driver=on', '--max-states', '20000']);
  t.is(r.code, 1, r.stderr);
  t.regex(r.stdout, /^parallel-compaction — Compaction threads race for the driver's pages \(threads=3, driver=on\)$/m);
  t.regex(r.stdout, /^expected: none at these parameters \(the scenario's expectations hold at its defaults\)$/m);
  t.regex(r.stdout, /\| C0 +\| C1 +\| C2 +\| D/);
  const m = /^replay: (movcheck replay parallel-compaction --param threads=3 --param driver=on --protocol v4\.10 --schedule (\S+))$/m.exec(r.stdout);
  t.truthy(m, r.stdout);
  const replay = await cli(['replay', 'parallel-compaction', '--param', 'threads=3', '--param', 'driver=on', '--protocol', 'v4.10', '--schedule', m![2]!]);
  t.is(replay.code, 1, replay.stderr);
  t.true(replay.stdout.includes(m![1]!), 'replay prints the same replay line');
});

test('run --param at a bound: incomplete (exit 3), never an error', async (t) => {
  const r = await cli(['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'threads=3', '--param', 'pages=1', '--param', 'driver=on', '--max-states', '20000']);
  t.is(r.code, 3, r.stderr);
  t.regex(r.stdout, /INCOMPLETE: max-states 20000/);
});

test('run --param with the default values keeps the expectation', async (t) => {
  const r = await cli(['run', 'parallel-compaction', '--protocol', 'v4.8', '--param', 'threads=2', '--param', 'driver=off']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^expected: pass \(matches\)/m);
  t.regex(r.stdout, /^parallel-compaction — Compaction threads race for the driver's pages$/m);
});

test('json carries the parameters', async (t) => {
  const r = await cli(['run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', 'pages=2', '--param', 'threads=1', '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const [res] = JSON.parse(r.stdout).results;
  t.deepEqual(res.params, { threads: 1, pages: 2 });
  t.is(res.expected, null);
  const d = JSON.parse((await cli(['run', 'parallel-compaction', '--protocol', 'v4.8', '--format', 'json'])).stdout).results[0];
  t.is(d.params, null);
});

const bad: [string, string[], RegExp][] = [
  ['out of range', ['--param', 'threads=7'], /^movcheck: parameter threads=7 of 'parallel-compaction' is out of range 1\.\.6; /],
  ['zero', ['--param', 'pages=0'], /^movcheck: parameter pages=0 of 'parallel-compaction' is out of range 1\.\.4; /],
  ['unknown', ['--param', 'cpus=2'], /^movcheck: unknown parameter 'cpus' for scenario 'parallel-compaction'; /],
  ['not a number', ['--param', 'threads=many'], /^movcheck: parameter threads of 'parallel-compaction' is a whole number, got 'many'; /],
  ['not a boolean', ['--param', 'driver=sometimes'], /^movcheck: parameter driver of 'parallel-compaction' is on or off, got 'sometimes'; /],
  ['no value', ['--param', 'threads'], /^movcheck: --param expects name=value, got 'threads'; /],
  ['twice', ['--param', 'threads=2', '--param', 'threads=3'], /^movcheck: parameter threads given twice; /],
];
for (const [name, args, re] of bad) {
  test(`bad --param (${name}): exit 2, one line naming the valid parameters`, async (t) => {
    const r = await cli(['run', 'parallel-compaction', ...args]);
    t.is(r.code, 2);
    t.is(r.stdout, '');
    t.regex(r.stderr, re);
    t.regex(r.stderr, VALID);
    t.is(r.stderr.split('\n').length, 2);
  });
}

test('a parameter for a scenario without any: exit 2 saying it takes none', async (t) => {
  const r = await cli(['run', 'r2-release-isolated-page', '--param', 'threads=3']);
  t.is(r.code, 2);
  t.is(r.stderr, "movcheck: unknown parameter 'threads' for scenario 'r2-release-isolated-page'; scenario 'r2-release-isolated-page' takes no parameters\n");
});

test('replay checks --param like run', async (t) => {
  const r = await cli(['replay', 'parallel-compaction', '--protocol', 'v4.8', '--schedule', '0', '--param', 'threads=9']);
  t.is(r.code, 2);
  t.regex(r.stderr, /out of range 1\.\.6/);
});

test('list shows parameters, as text and JSON', async (t) => {
  const r = await cli(['list']);
  t.regex(r.stdout, /^ +params threads=1\.\.6 \(default 2\), pages=1\.\.4 \(default 1\), driver=on\|off \(default off\) \(run --param NAME=VALUE\)$/m);
  const j = JSON.parse((await cli(['list', '--json'])).stdout) as { id: string; params: unknown[] }[];
  const pc = j.find((s) => s.id === 'parallel-compaction')!;
  t.deepEqual(pc.params, [
    { name: 'threads', kind: 'int', default: 2, min: 1, max: 6, help: 'compaction threads' },
    { name: 'pages', kind: 'int', default: 1, min: 1, max: 4, help: 'driver pages, visited in order by every thread' },
    { name: 'driver', kind: 'bool', default: false, help: "a driver thread freeing each page's object, in order, at any time" },
  ]);
  t.deepEqual(j.find((s) => s.id === 'r2-release-isolated-page')!.params, []);
});

test('help of run mentions --param', async (t) => {
  const r = await cli(['help', 'run']);
  t.regex(r.stdout, /--param NAME=VALUE/);
});
