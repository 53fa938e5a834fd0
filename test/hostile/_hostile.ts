/**
 * Hostile inputs for the CLI property tests: argument lists built from the
 * CLI's own words and junk, schedules, and scenario/protocol files that are
 * broken in one of many ways (throw at load, wrong shape, a build or a step
 * that throws, returns an invalid state or model, calls what does not exist).
 * Every file is broken: none can honestly pass.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'movcheck-hostile-'));
let n = 0;

/** Writes `body` to a fresh .mjs file and returns its path. */
export function writeFile(body: string): string {
  const f = join(dir, `f${n++}.mjs`);
  writeFileSync(f, body);
  return f;
}

/** What an outcome must be: exit 2 with one `movcheck: ...` line, or 3 (a bound); never a stack trace. */
export function hostileOk(code: number, stdout: string, stderr: string): string | null {
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(stdout + stderr)) return 'a stack trace';
  if (code === 3) return null;
  if (code !== 2) return `exit ${code}`;
  if (stdout !== '') return 'output on stdout';
  if (!/^movcheck: [^\n]+\n$/.test(stderr)) return `not one line: ${JSON.stringify(stderr)}`;
  return null;
}

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '-', '--', '---', '-h', '--help', '=', '--=x', '\u0000', 'é', '1e309', 'NaN', '-1', '0', '0x10', '99999999999999999999'),
);

/** Words of the CLI: commands, options (some with odd values), scenario ids, versions, paths. */
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('run', 'replay', 'gate', 'list', 'help', 'frob', '--version', '-V') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '--protocol', '--param', '--format', '--strategy', '--max-states', '--max-depth', '--time-limit', '--max-memory', '--only',
      '--exact', '--no-dead-locals', '--check-writes', '--schedule', '--expect', '--json', '--junit', '--md', '--out', '--equivalents',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom('r6-putback-unlocked-clear', 'r9-new-page-owner-lock', 'parallel-compaction', 'nope', 'v4.8', 'v3', 'v99', 'threads=9', 'pages=x', 'driver=maybe', 'no-hang', 'json', 'md', 'dfs', '/nonexistent/x.ts', '.', '/dev/null', 'package.json') },
  { weight: 2, arbitrary: junk },
);

/**
 * A random argument list. Searches are bounded (--max-states 40) so a valid
 * command line stays fast; `report` and `mutants` (which write files or take
 * long) are left out.
 */
export const argList = fc.array(word, { maxLength: 8 }).map((ws) => [...ws, '--max-states', '40']);

/** A random schedule string. */
export const schedule = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.array(fc.constantFrom('0', '1', '2', '3', '9', 'Z', 'a', 'b', 'z', ',', ' ', '!', '\n'), { maxLength: 30 }).map((cs) => cs.join('')),
);

/** Defects of a step's run (the body of `run: (c) => { ... }`). */
const stepDefect = fc.constantFrom(
  "throw new Error('boom in a step');",
  'throw 42;',
  'throw null;',
  "c.goto('no-such-label');",
  "c.call('no_such_function', {});",
  'c.w.pages = null;',
  'c.w.pages[0].flags = undefined; c.w.pages[0].ref.x.y = 1;',
  'c.l.p = { an: "object" };',
  "c.fail('no-such-invariant', 'x');",
  'c.w.pages[99].flags = 1;',
  'return c.ret(Symbol("s"));',
);

/** A protocol file broken in one way. */
export const badProtocol = fc.oneof(
  fc.constant("throw new Error('cannot load');\n"),
  fc.constantFrom('export default 42;\n', 'export default null;\n', 'export default "v4.8";\n', 'export default {};\n', "export default { id: '', title: 't', fns: {} };\n", "export default { id: 'x', title: 't', fns: null };\n"),
  fc.constant("export default () => { throw new Error('api function throws'); };\n"),
  fc.constant('export default async () => { await null; throw new TypeError("later"); };\n'),
  fc
    .constantFrom('null', '5', '{ steps: null }', '{ steps: [null] }', '{ steps: [{}] }', "{ steps: [{ label: 'get' }] }", '{ steps: 7 }')
    .map((bad) => `export default (api) => { const b = api.protocolById('v4.8'); return { ...b, id: 'bad', title: 'bad', base: 'v4.8', fns: { ...b.fns, isolate_movable_page: ${bad} } }; };\n`),
  stepDefect.map(
    (d) =>
      `export default (api) => { const b = api.protocolById('v4.8'); const f = b.fns.isolate_movable_page;\n` +
      `  return { ...b, id: 'bad', title: 'bad', base: 'v4.8', fns: { ...b.fns, isolate_movable_page: { steps: f.steps.map((s, i) => i === 0 ? { ...s, run: (c) => { ${d} } } : s) } } }; };\n`,
  ),
);

/** A scenario file broken in one way (run with --protocol v4.8). */
export const badScenario = fc.oneof(
  fc.constant("throw new Error('cannot load');\n"),
  fc.constantFrom('export default 42;\n', 'export default [];\n', "export default { id: 's' };\n", "export default { id: 's', expect: {}, protocols: 'v4.8', build() {} };\n"),
  fc
    .constantFrom(
      "throw new Error('build throws')",
      'return null',
      'return {}',
      'return 42',
      "return { name: 'm', threadNames: [], init() { throw new Error('init'); }, actions() { return []; }, apply(s) { return s; }, fingerprint() { return ''; }, isDone() { return false; }, describeStuck() { return ''; }, stateInvariants: [], stepInvariants: [], endChecks: [] }",
      "return { name: 'm', threadNames: ['T'], init() { return 0; }, actions() { return 'not an array'; }, apply(s) { return s; }, fingerprint(s) { return String(s); }, isDone() { return false; }, describeStuck() { return ''; }, stateInvariants: [], stepInvariants: [], endChecks: [] }",
      "return { name: 'm', threadNames: ['T'], init() { return 0; }, actions() { return [{ thread: 0, choice: 0, choices: 1 }]; }, apply() { throw new RangeError('apply'); }, fingerprint(s) { return String(s); }, isDone() { return false; }, describeStuck() { return ''; }, stateInvariants: [], stepInvariants: [], endChecks: [] }",
      "return { name: 'm', threadNames: ['T'], init() { return 0; }, actions() { return [{ thread: 0, choice: 0, choices: 1 }]; }, apply(s) { return s + 1; }, fingerprint() { throw new Error('fp'); }, isDone() { return false; }, describeStuck() { return ''; }, stateInvariants: [], stepInvariants: [], endChecks: [] }",
      "return { name: 'm', threadNames: ['T'], init() { return 0; }, actions() { return [{ thread: 0, choice: 0, choices: 1 }]; }, apply(s) { return s + 1; }, fingerprint(s) { return String(s); }, isDone() { return false; }, describeStuck() { return ''; }, stateInvariants: [{ id: 'inv', description: 'd', check() { throw new Error('invariant throws'); } }], stepInvariants: [], endChecks: [] }",
      "return p.build.not.a.function()",
    )
    .map(
      (body) =>
        `export default (api) => ({ id: 'hostile', title: 't', review: null, quote: null, summary: 's', actors: [], pages: [], protocols: ['v4.8'], expect: { 'v4.8': { verdict: 'pass', why: 'w' } }, build(p) { ${body}; } });\n`,
    ),
  stepDefect.map(
    (d) =>
      `export default (api) => api.defineScenario({ id: 'hostile', title: 't', review: null, quote: null, summary: 's', actors: ['T'], pages: ['p'], protocols: ['v4.8'], expect: { 'v4.8': api.pass('w') },\n` +
      `  system: { pages: [api.driverPage()], threads: [{ name: 'T', fn: 'compact', args: { p: 0, np: 1 } }], overrides: { compact: { steps: [{ label: 'x', src: { file: 'f', fn: 'f', code: 'c' }, run: (c) => { ${d} } }] } } } });\n`,
  ),
);
