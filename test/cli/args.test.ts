/** The argument parser alone: commands, options, defaults, `--x=v`, repeatable options, and its errors. */
import test from 'ava';
import { helpText, parseArgs, usageLine } from '../../cli/args.ts';
import { UsageError } from '../../cli/errors.ts';

test('run: defaults and every option', (t) => {
  t.deepEqual(parseArgs(['run', 'x']), { command: 'run', target: 'x', protocol: null, params: [], search: { strategy: 'bfs', por: true }, format: 'text' });
  t.deepEqual(
    parseArgs(['run', 'x', '--protocol=v3', '--strategy', 'dfs', '--max-states', '10', '--max-depth=0', '--time-limit', '2.5', '--format', 'email', '--param', 'a=1', '--param=b=on']),
    { command: 'run', target: 'x', protocol: 'v3', params: ['a=1', 'b=on'], search: { strategy: 'dfs', maxStates: 10, maxDepth: 0, timeLimit: 2.5, por: true }, format: 'email' },
  );
});

test('replay, gate, report, list, help', (t) => {
  t.deepEqual(parseArgs(['replay', 's', '--protocol', 'p', '--schedule', '01a']), { command: 'replay', target: 's', protocol: 'p', params: [], schedule: '01a', only: null, format: 'text' });
  t.deepEqual(parseArgs(['replay', 's', '--protocol', 'p', '--schedule', '01a', '--only', 'no-hang,x', '--only', 'y']), { command: 'replay', target: 's', protocol: 'p', params: [], schedule: '01a', only: ['no-hang', 'x', 'y'], format: 'text' });
  t.deepEqual(parseArgs(['gate', '--expect', 'e.json', '--junit', 'j.xml', '--md', 'm.md']), {
    command: 'gate', targets: [], protocols: [], expect: 'e.json', junit: 'j.xml', md: 'm.md', search: { strategy: 'bfs', por: true },
  });
  t.like(parseArgs(['gate', 'a.ts', 'b', '--protocol', 'p1', '--protocol', 'p2']), { targets: ['a.ts', 'b'], protocols: ['p1', 'p2'] });
  t.like(parseArgs(['report']), { command: 'report', out: 'reports/out' });
  t.like(parseArgs(['report', '--out', 'site']), { out: 'site' });
  t.deepEqual(parseArgs(['list', '--json']), { command: 'list', json: true });
  t.deepEqual(parseArgs(['--help']), { command: 'help', topic: null });
  t.deepEqual(parseArgs(['run', '--help']), { command: 'help', topic: 'run' });
  t.deepEqual(parseArgs(['help', 'gate']), { command: 'help', topic: 'gate' });
  t.deepEqual(parseArgs(['run', '--', '--odd-name.ts']), { command: 'run', target: '--odd-name.ts', protocol: null, params: [], search: { strategy: 'bfs', por: true }, format: 'text' });
});

test('partial-order reduction: on by default (with --workers too), off with --no-por; --por with --no-por is an error', (t) => {
  t.like(parseArgs(['run', 'x', '--por']), { search: { por: true } });
  t.like(parseArgs(['run', 'x', '--no-por']), { search: { por: false } });
  t.like(parseArgs(['gate', '--no-por']), { search: { por: false } });
  t.like(parseArgs(['run', 'x', '--workers', '2']), { search: { por: true, workers: 2 } });
  t.like(parseArgs(['run', 'x', '--workers', '1']), { search: { por: true } });
  t.throws(() => parseArgs(['run', 'x', '--por', '--no-por']), { instanceOf: UsageError, message: /^--por and --no-por contradict each other; / });
});

test('errors are UsageErrors with a what; how message', (t) => {
  const bad: string[][] = [
    ['nope'],
    ['--max-states', '3'],
    ['run'],
    ['run', 'x', '--max-states', '1.5'],
    ['run', 'x', '--max-states', ''],
    ['run', 'x', '--time-limit', '0'],
    ['run', 'x', '--format'],
    ['run', 'x', '--protocol', '--format', 'json'],
    ['list', '--json=yes'],
    ['replay', 's', '--protocol', 'p'],
    ['gate', '--expect', 'a', '--expect', 'b'],
  ];
  for (const args of bad) {
    const e = t.throws(() => parseArgs(args), { instanceOf: UsageError }, args.join(' '));
    t.regex(e!.message, /^[^\n;]+; [^\n]+$/, args.join(' '));
  }
});

test('no command at all is the help (bare), --version and -V the version', (t) => {
  t.deepEqual(parseArgs([]), { command: 'help', topic: null, bare: true });
  t.deepEqual(parseArgs(['--version']), { command: 'version' });
  t.deepEqual(parseArgs(['-V']), { command: 'version' });
  t.throws(() => parseArgs(['--version', 'x']), { instanceOf: UsageError, message: /^--version takes nothing after it, got 'x'; / });
});

test('node:util parseArgs tokens: -h in a command, a value that looks like an option, clusters of short options', (t) => {
  t.deepEqual(parseArgs(['gate', '-h']), { command: 'help', topic: 'gate' });
  t.like(parseArgs(['run', 'x', '--max-depth', '0', '--only', 'a,b', '--only=c']), { search: { strategy: 'bfs', maxDepth: 0, only: ['a', 'b', 'c'] } });
  t.throws(() => parseArgs(['run', 'x', '--protocol', '--max-states', '3']), { message: /^option --protocol of run needs a value; / });
  t.throws(() => parseArgs(['run', 'x', '-Vh']), { message: /^unknown option '-V' for run; valid options: / });
  t.throws(() => parseArgs(['run', 'x', '--check-writes=1']), { message: /^option --check-writes of run takes no value, got '1'; / });
  t.like(parseArgs(['run', 'x', '--protocol=--odd']), { protocol: '--odd' });
});

test('help text names every command and usage lines are consistent', (t) => {
  const h = helpText(null);
  for (const c of ['list', 'run', 'replay', 'gate', 'report', 'help']) t.true(h.includes(`  movcheck ${c}`), c);
  t.true(h.includes('  movcheck --version | -V'));
  t.is(usageLine('replay'), 'movcheck replay <scenario-id|file> --protocol <version|file> --schedule <string> [--param NAME=VALUE] [--only INV[,INV...]] [--format text|json|itf]');
  t.regex(helpText('run'), /--max-states N +stop after N distinct states/);
});
