/** Bad input of every kind: exit 2, exactly one `movcheck: ...; ...` line on stderr, nothing on stdout, no stack. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FX, cli } from './_helpers.ts';

const P = ['--protocol', FX.toy];

const cases: [string, string[], RegExp][] = [
  ['unknown command', ['frobnicate'], /^movcheck: unknown command 'frobnicate'; commands: /],
  ['unknown scenario', ['run', 'nope'], /^movcheck: unknown scenario 'nope'; valid: .*path to a scenario file/],
  ['unknown version', ['run', FX.racy, '--protocol', 'v99'], /^movcheck: unknown protocol version 'v99'; valid: /],
  ['version a scenario lists but nobody defines', ['run', FX.abba], /^movcheck: scenario 'toy-abba' lists protocol version 'toy', which is not built in .*; pass --protocol <file> defining it/],
  ['unknown flag', ['run', FX.racy, '--frob'], /^movcheck: unknown option '--frob' for run; valid options: --protocol, /],
  ['unknown short flag', ['run', FX.racy, '-x'], /^movcheck: unknown option '-x' for run; valid options: /],
  ['bad number', ['run', FX.racy, ...P, '--max-states', 'lots'], /^movcheck: --max-states expects a positive whole number, got 'lots'; e\.g\. --max-states /],
  ['zero states', ['run', FX.racy, ...P, '--max-states', '0'], /^movcheck: --max-states expects a positive whole number, got '0'/],
  ['negative depth', ['run', FX.racy, ...P, '--max-depth=-1'], /^movcheck: --max-depth expects a whole number \(0 or more\), got '-1'/],
  ['bad time limit', ['run', FX.racy, ...P, '--time-limit', '1e3x'], /^movcheck: --time-limit expects a positive number of seconds, got '1e3x'/],
  ['missing value', ['run', FX.racy, '--protocol'], /^movcheck: option --protocol of run needs a value; e\.g\. --protocol <version\|file>/],
  ['bad format', ['run', FX.racy, ...P, '--format', 'pdf'], /^movcheck: --format of run must be one of text, json, md, email, itf, got 'pdf'/],
  ['bad strategy', ['run', FX.racy, ...P, '--strategy', 'random'], /^movcheck: --strategy of run must be one of bfs, dfs, got 'random'/],
  ['option twice', ['run', FX.racy, ...P, ...P], /^movcheck: option --protocol given twice; give it once/],
  ['missing scenario', ['run'], /^movcheck: run needs <scenario-id\|file>; usage: movcheck run /],
  ['extra argument', ['run', FX.racy, FX.atomic], /^movcheck: unexpected argument 'test\/fixtures\/atomic-counter.ts' for run; usage: /],
  ['file that exports nothing', ['run', FX.noExport, ...P], /^movcheck: 'test\/fixtures\/no-export.ts' does not export a scenario; it must `export default` \(or `export const scenario =`\) an object with id, expect, protocols and build\(\), or a function \(api\) => such an object\n$/],
  ['protocol file given as scenario', ['run', FX.toy, ...P], /^movcheck: 'test\/fixtures\/toy-protocol.ts' exports a protocol, not a scenario; /],
  ['scenario file given as protocol', ['run', FX.racy, '--protocol', FX.atomic], /^movcheck: 'test\/fixtures\/atomic-counter.ts' exports a scenario, not a protocol; /],
  ['protocol file exporting nothing', ['run', FX.racy, '--protocol', FX.noExport], /^movcheck: 'test\/fixtures\/no-export.ts' does not export a protocol; it must /],
  ['missing file', ['run', 'test/fixtures/missing.ts', ...P], /^movcheck: cannot load scenario file 'test\/fixtures\/missing.ts': no such file; give the path of a \.ts, \.js or \.mjs file\n$/],
  ['malformed schedule', ['replay', FX.racy, ...P, '--schedule', '01!'], /^movcheck: malformed schedule: character '!' at position 3 is not a thread digit \(0-9, A-Z\); give the schedule printed by movcheck run/],
  ['schedule that does not fit', ['replay', FX.racy, ...P, '--schedule', '0000'], /^movcheck: schedule does not fit the model: step 3 .*; check that the scenario and --protocol are those the schedule was found with\n$/],
  ['replay without protocol', ['replay', FX.racy, '--schedule', '01'], /^movcheck: replay needs --protocol <version\|file>; usage: movcheck replay /],
  ['replay without schedule', ['replay', FX.racy, ...P], /^movcheck: replay needs --schedule <string> \(printed by run\); usage: /],
  ['help for unknown command', ['help', 'fly'], /^movcheck: no help for unknown command 'fly'; commands: /],
  ['list with an argument', ['list', 'x'], /^movcheck: unexpected argument 'x' for list; usage: movcheck list \[--json\]\n$/],
  ['expectations file missing', ['gate', FX.racy, ...P, '--expect', 'test/fixtures/nope.json'], /^movcheck: cannot read expectations file 'test\/fixtures\/nope.json': .*; give the path of a JSON file\n$/],
  ['expectations for an unknown scenario', ['gate', FX.racy, ...P, '--expect', FX.expectSame], /^movcheck: the expectations file names unknown scenario 'toy-abba'; valid: toy-racy-counter/],
];

for (const [name, args, re] of cases) {
  test(`exit 2: ${name}`, async (t) => {
    const r = await cli(args);
    t.is(r.code, 2, r.stdout);
    t.is(r.stdout, '');
    t.true(r.stderr.endsWith('\n'));
    t.is(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    t.regex(r.stderr, re);
    t.regex(r.stderr, /^movcheck: [^\n]+; [^\n]+\n$/);
    t.notRegex(r.stderr, /^\s+at /m);
  });
}

test('exit 2: an expectations file that is not JSON, or has a bad value', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-expect-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{ "toy-racy-counter": ');
  let r = await cli(['gate', FX.racy, ...P, '--expect', bad]);
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: expectations file '.*bad\.json' is not valid JSON \(.*\); it must be JSON like \{/);
  writeFileSync(bad, '{ "toy-racy-counter": { "toy": 3 } }');
  r = await cli(['gate', FX.racy, ...P, '--expect', bad]);
  t.is(r.code, 2);
  t.regex(r.stderr, /'toy-racy-counter'\.'toy' must be "pass" or an invariant id, got 3; /);
  t.is(r.stderr.split('\n').length, 2);
});

test('exit 2: a scenario file that fails to compile, in one line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-broken-'));
  const f = join(dir, 'broken.ts');
  writeFileSync(f, 'export const scenario = ;\n');
  const r = await cli(['run', f, ...P]);
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: cannot load scenario file '.*broken\.ts': .+; fix the file or give another path\n$/);
  t.is(r.stderr.split('\n').length, 2);
});

test('exit 2: a model that throws while being explored, in one line; stack only with MOVCHECK_DEBUG=1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-throw-'));
  const f = join(dir, 'throws.mjs');
  writeFileSync(
    f,
    `export default (api) => ({ id: 'throws', title: 't', protocols: ['toy'], expect: {},
      build: () => api.buildModel({ name: 'x', world: { n: 0 }, threads: [{ name: 'T0', fn: 'f', args: {} }],
        fns: { f: { steps: [{ label: 'boom', src: { file: 'x.c', fn: 'f', code: 'BUG()' }, run: () => { throw new Error('kernel BUG at x.c:1'); } }] } } }) });\n`,
  );
  let r = await cli(['run', f, ...P]);
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: model error while checking 'throws' under 'toy': kernel BUG at x\.c:1; fix the scenario or protocol/);
  t.is(r.stderr.split('\n').length, 2);
  r = await cli(['run', f, ...P], undefined, { MOVCHECK_DEBUG: '1' });
  t.is(r.code, 2);
  t.regex(r.stderr, /^\s+at /m);
});

test('help and --help print usage on stdout with exit 0', async (t) => {
  for (const args of [['help'], ['--help'], ['help', 'run'], ['run', '--help'], ['gate', '-h']]) {
    const r = await cli(args);
    t.is(r.code, 0);
    t.is(r.stderr, '');
    t.regex(r.stdout, /movcheck (run|list|gate)/);
  }
  const r = await cli(['help', 'replay']);
  t.regex(r.stdout, /^usage: movcheck replay <scenario-id\|file> --protocol <version\|file> --schedule <string>/);
});
