/**
 * Command-line parsing without dependencies: a table of commands with their
 * positionals and options, `--name value` and `--name=value`, and typed
 * conversion into one `Invocation` per command. Every mistake becomes a
 * UsageError naming what is wrong and what is valid.
 */
import { UsageError } from './errors.ts';
import { parseOnly } from './only.ts';

/** Output formats of `run`. */
export const RUN_FORMATS = ['text', 'json', 'md', 'email'] as const;
/** Output formats of `replay`. */
export const REPLAY_FORMATS = ['text', 'json'] as const;
/** Search strategies. */
export const STRATEGIES = ['bfs', 'dfs'] as const;

/** Format of `run`. */
export type RunFormat = (typeof RUN_FORMATS)[number];
/** Format of `replay`. */
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

/** Search options from the command line (absent bound: unlimited). */
export interface SearchArgs {
  readonly strategy: 'bfs' | 'dfs';
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimit?: number;
  /** Check every step's changes against its declared writes (debug; slower). */
  readonly checkWrites?: boolean;
  /** Check only these invariant ids (`--only`, comma-separated words split; absent: all). */
  readonly only?: readonly string[];
}

/** A parsed command line. */
export type Invocation =
  | { readonly command: 'help'; readonly topic: string | null }
  | { readonly command: 'list'; readonly json: boolean }
  | {
      readonly command: 'run';
      readonly target: string;
      readonly protocol: string | null;
      /** `name=value` words of --param, unchecked (the scenario checks them). */
      readonly params: readonly string[];
      readonly search: SearchArgs;
      readonly format: RunFormat;
    }
  | {
      readonly command: 'replay';
      readonly target: string;
      readonly protocol: string;
      readonly params: readonly string[];
      readonly schedule: string;
      readonly format: ReplayFormat;
    }
  | {
      readonly command: 'gate';
      readonly targets: readonly string[];
      readonly protocols: readonly string[];
      readonly expect: string | null;
      readonly junit: string | null;
      readonly md: string | null;
      readonly search: SearchArgs;
    }
  | {
      readonly command: 'report';
      readonly targets: readonly string[];
      readonly protocols: readonly string[];
      readonly out: string;
      readonly search: SearchArgs;
    };

/** Names of the commands. */
export type CommandName = Invocation['command'];

/** How an option's value is read. */
type Kind = 'flag' | 'string' | 'count' | 'depth' | 'seconds' | readonly string[];

interface OptionSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly repeat?: boolean;
  /** Placeholder in usage text. */
  readonly meta?: string;
  readonly help: string;
}

interface CommandSpec {
  readonly name: CommandName;
  /** Usage of the positionals, e.g. `<scenario-id|file>`. */
  readonly args: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly options: readonly OptionSpec[];
  readonly help: string;
}

const SEARCH: readonly OptionSpec[] = [
  { name: 'strategy', kind: STRATEGIES, meta: 'bfs|dfs', help: 'search order (default bfs: shortest counterexamples)' },
  { name: 'max-states', kind: 'count', meta: 'N', help: 'stop after N distinct states (verdict incomplete)' },
  { name: 'max-depth', kind: 'depth', meta: 'N', help: 'do not expand states N steps deep (verdict incomplete)' },
  { name: 'time-limit', kind: 'seconds', meta: 'SECONDS', help: 'stop after this many seconds (verdict incomplete)' },
  { name: 'only', kind: 'string', repeat: true, meta: 'INV[,INV...]', help: 'check only these invariants (no-hang only when listed); repeatable' },
  { name: 'check-writes', kind: 'flag', help: "debug: fail loudly when a step changes what it does not declare in its writes" },
];

const PARAM: OptionSpec = {
  name: 'param',
  kind: 'string',
  repeat: true,
  meta: 'NAME=VALUE',
  help: 'set a scenario parameter (repeatable; movcheck list shows each scenario\'s parameters)',
};

/** Every command with its arguments and options, in help order. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    args: '',
    minArgs: 0,
    maxArgs: 0,
    options: [{ name: 'json', kind: 'flag', help: 'machine-readable output' }],
    help: 'list the built-in scenarios and protocol versions',
  },
  {
    name: 'run',
    args: '<scenario-id|file>',
    minArgs: 1,
    maxArgs: 1,
    options: [
      { name: 'protocol', kind: 'string', meta: '<version|file>', help: 'check under this version only (default: every version the scenario lists)' },
      PARAM,
      ...SEARCH,
      { name: 'format', kind: RUN_FORMATS, meta: 'text|json|md|email', help: 'output format (default text)' },
    ],
    help: 'check a scenario; exit 0 no violation, 1 violation, 3 incomplete (a bound was hit), 2 bad input',
  },
  {
    name: 'replay',
    args: '<scenario-id|file>',
    minArgs: 1,
    maxArgs: 1,
    options: [
      { name: 'protocol', kind: 'string', meta: '<version|file>', help: 'the version the schedule was found under (required)' },
      { name: 'schedule', kind: 'string', meta: '<string>', help: 'the schedule printed by run, e.g. 01a10 (required)' },
      PARAM,
      { name: 'format', kind: REPLAY_FORMATS, meta: 'text|json', help: 'output format (default text)' },
    ],
    help: 'replay one interleaving and show its trace; exit 0 no violation on it, 1 violation, 2 bad input',
  },
  {
    name: 'gate',
    args: '[<scenario-id|file>...]',
    minArgs: 0,
    maxArgs: Infinity,
    options: [
      { name: 'expect', kind: 'string', meta: 'FILE', help: 'JSON {"<scenario>": {"<version>": "pass"|"<invariant>"}} overriding expectations' },
      { name: 'junit', kind: 'string', meta: 'FILE', help: 'write JUnit XML here' },
      { name: 'md', kind: 'string', meta: 'FILE', help: 'append a Markdown summary here (e.g. "$GITHUB_STEP_SUMMARY")' },
      { name: 'protocol', kind: 'string', repeat: true, meta: '<version|file>', help: 'only these versions (repeatable; a file also defines its version)' },
      ...SEARCH,
    ],
    help: 'check every scenario (default: the catalog) under every version it lists against expectations (by reachability: the same under every strategy); exit 0 only when all match',
  },
  {
    name: 'report',
    args: '[<scenario-id|file>...]',
    minArgs: 0,
    maxArgs: Infinity,
    options: [
      { name: 'out', kind: 'string', meta: 'DIR', help: 'output directory (default reports/out)' },
      { name: 'protocol', kind: 'string', repeat: true, meta: '<version|file>', help: 'only these versions (repeatable; a file also defines its version)' },
      ...SEARCH,
    ],
    help: 'write index.md, index.html, results.json and one page per scenario and version',
  },
  { name: 'help', args: '[<command>]', minArgs: 0, maxArgs: 1, options: [], help: 'show this help, or the help of one command' },
];

/** The spec of a command, or undefined. */
function specOf(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Names of the commands, for messages. */
function commandList(): string {
  return COMMANDS.map((c) => c.name).join(', ');
}

/** One line of usage of a command. */
export function usageLine(name: CommandName): string {
  const c = specOf(name);
  if (!c) return '';
  const opts = c.options.map((o) => {
    const v = o.kind === 'flag' ? `--${o.name}` : `--${o.name} ${o.meta ?? 'VALUE'}`;
    return c.name === 'replay' && (o.name === 'protocol' || o.name === 'schedule') ? v : `[${v}]`;
  });
  return ['movcheck', c.name, c.args, ...opts].filter((x) => x).join(' ');
}

/** The help text: every command, or one command with its options. */
export function helpText(topic: string | null): string {
  if (topic !== null) {
    const c = specOf(topic);
    if (!c) throw new UsageError(`no help for unknown command '${topic}'; commands: ${commandList()}`);
    const lines = [`usage: ${usageLine(c.name)}`, '', `  ${c.help}`, ''];
    for (const o of c.options) {
      const v = o.kind === 'flag' ? `--${o.name}` : `--${o.name} ${o.meta ?? 'VALUE'}`;
      lines.push(`  ${v.padEnd(30)} ${o.help}`);
    }
    return lines.join('\n').replace(/\n*$/, '\n');
  }
  const lines = ['movcheck: model checker for the Linux non-LRU movable page migration protocol', '', 'usage:'];
  for (const c of COMMANDS) lines.push(`  ${usageLine(c.name)}`, `      ${c.help}`);
  lines.push(
    '',
    'A scenario or protocol is a built-in id (see `movcheck list`) or a path to a .ts/.js/.mjs file',
    'that exports it (`export default`, `export const scenario`/`protocol`, or `export default (api) => ...`).',
    'Exit status: 0 no violation / all match, 1 violation / mismatch, 2 bad input, 3 incomplete, 4 internal error (a bug in movcheck).',
    'Set MOVCHECK_DEBUG=1 to see stack traces of unexpected errors.',
  );
  return lines.join('\n') + '\n';
}

/** Reads a value of an option by its kind. */
function convert(cmd: string, o: OptionSpec, raw: string): string | number {
  const flag = `--${o.name}`;
  switch (o.kind) {
    case 'flag':
      throw new UsageError(`option ${flag} of ${cmd} takes no value, got '${raw}'; write just ${flag}`);
    case 'string':
      if (raw === '') throw new UsageError(`option ${flag} of ${cmd} needs a value; e.g. ${flag} ${o.meta ?? 'VALUE'}`);
      return raw;
    case 'count':
    case 'depth': {
      const min = o.kind === 'count' ? 1 : 0;
      if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
        const what = min === 1 ? 'a positive whole number' : 'a whole number (0 or more)';
        throw new UsageError(`${flag} expects ${what}, got '${raw}'; e.g. ${flag} ${o.kind === 'count' ? 100000 : 40}`);
      }
      return Number(raw);
    }
    case 'seconds': {
      const n = Number(raw);
      if (!/^(\d+\.?\d*|\.\d+)$/.test(raw) || !(n > 0) || !Number.isFinite(n)) {
        throw new UsageError(`${flag} expects a positive number of seconds, got '${raw}'; e.g. ${flag} 60`);
      }
      return n;
    }
    default:
      if (!o.kind.includes(raw)) {
        throw new UsageError(`${flag} of ${cmd} must be one of ${o.kind.join(', ')}, got '${raw}'; e.g. ${flag} ${o.kind[0]}`);
      }
      return raw;
  }
}

/** Positionals and option values of one command line, before typing. */
interface Raw {
  readonly spec: CommandSpec;
  readonly positionals: string[];
  readonly values: Map<string, (string | number | true)[]>;
}

/** Splits the arguments of a command into positionals and options, checking names, arity and values. */
function split(spec: CommandSpec, args: readonly string[]): Raw | { help: true } {
  const positionals: string[] = [];
  const values = new Map<string, (string | number | true)[]>();
  const valid = () => (spec.options.length ? spec.options.map((o) => `--${o.name}`).join(', ') : 'none');
  let onlyPositionals = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (onlyPositionals || !a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    if (a === '--') {
      onlyPositionals = true;
      continue;
    }
    if (a === '--help' || a === '-h') return { help: true };
    if (!a.startsWith('--')) throw new UsageError(`unknown option '${a}' for ${spec.name}; valid options: ${valid()}`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const o = spec.options.find((x) => x.name === name);
    if (!o) throw new UsageError(`unknown option '--${name}' for ${spec.name}; valid options: ${valid()}`);
    let value: string | number | true;
    if (o.kind === 'flag') {
      if (eq >= 0) convert(spec.name, o, a.slice(eq + 1));
      value = true;
    } else {
      let raw: string | undefined;
      if (eq >= 0) raw = a.slice(eq + 1);
      else {
        raw = args[i + 1];
        if (raw === undefined || (raw.startsWith('--') && raw.length > 2)) {
          throw new UsageError(`option --${name} of ${spec.name} needs a value; e.g. --${name} ${o.meta ?? 'VALUE'}`);
        }
        i++;
      }
      value = convert(spec.name, o, raw);
    }
    const prev = values.get(name);
    if (prev && !o.repeat) throw new UsageError(`option --${name} given twice; give it once`);
    values.set(name, [...(prev ?? []), value]);
  }
  if (positionals.length < spec.minArgs) {
    throw new UsageError(`${spec.name} needs ${spec.args}; usage: ${usageLine(spec.name)}`);
  }
  if (positionals.length > spec.maxArgs) {
    const extra = positionals[spec.maxArgs] as string;
    throw new UsageError(`unexpected argument '${extra}' for ${spec.name}; usage: ${usageLine(spec.name)}`);
  }
  return { spec, positionals, values };
}

const str = (r: Raw, name: string): string | null => {
  const v = r.values.get(name)?.[0];
  return typeof v === 'string' ? v : null;
};
const num = (r: Raw, name: string): number | undefined => {
  const v = r.values.get(name)?.[0];
  return typeof v === 'number' ? v : undefined;
};
const strs = (r: Raw, name: string): string[] => (r.values.get(name) ?? []).filter((v): v is string => typeof v === 'string');

/** The search options of a command line. */
function search(r: Raw): SearchArgs {
  const out: { strategy: 'bfs' | 'dfs'; maxStates?: number; maxDepth?: number; timeLimit?: number; checkWrites?: boolean; only?: string[] } = {
    strategy: (str(r, 'strategy') as 'bfs' | 'dfs' | null) ?? 'bfs',
  };
  if (r.values.has('check-writes')) out.checkWrites = true;
  const only = parseOnly(strs(r, 'only'));
  if (only !== null) out.only = only;
  const ms = num(r, 'max-states');
  const md = num(r, 'max-depth');
  const tl = num(r, 'time-limit');
  if (ms !== undefined) out.maxStates = ms;
  if (md !== undefined) out.maxDepth = md;
  if (tl !== undefined) out.timeLimit = tl;
  return out;
}

/** Parses the arguments after `movcheck` (no `node` or script path). Throws UsageError. */
export function parseArgs(argv: readonly string[]): Invocation {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) throw new UsageError(`no command given; commands: ${commandList()} (see movcheck help)`);
  if (cmd === '--help' || cmd === '-h') return { command: 'help', topic: null };
  const spec = specOf(cmd);
  if (!spec) {
    const hint = cmd.startsWith('-') ? 'options go after the command' : `commands: ${commandList()}`;
    throw new UsageError(`unknown command '${cmd}'; ${hint} (see movcheck help)`);
  }
  const r = split(spec, rest);
  if ('help' in r) return { command: 'help', topic: spec.name === 'help' ? null : spec.name };
  const p = r.positionals;
  switch (spec.name) {
    case 'help':
      if (p[0] !== undefined && !specOf(p[0])) throw new UsageError(`no help for unknown command '${p[0]}'; commands: ${commandList()}`);
      return { command: 'help', topic: p[0] ?? null };
    case 'list':
      return { command: 'list', json: r.values.has('json') };
    case 'run':
      return {
        command: 'run',
        target: p[0] as string,
        protocol: str(r, 'protocol'),
        params: strs(r, 'param'),
        search: search(r),
        format: (str(r, 'format') as RunFormat | null) ?? 'text',
      };
    case 'replay': {
      const protocol = str(r, 'protocol');
      const schedule = str(r, 'schedule');
      if (protocol === null) throw new UsageError(`replay needs --protocol <version|file>; usage: ${usageLine('replay')}`);
      if (schedule === null) throw new UsageError(`replay needs --schedule <string> (printed by run); usage: ${usageLine('replay')}`);
      return { command: 'replay', target: p[0] as string, protocol, params: strs(r, 'param'), schedule, format: (str(r, 'format') as ReplayFormat | null) ?? 'text' };
    }
    case 'gate':
      return {
        command: 'gate',
        targets: p,
        protocols: strs(r, 'protocol'),
        expect: str(r, 'expect'),
        junit: str(r, 'junit'),
        md: str(r, 'md'),
        search: search(r),
      };
    case 'report':
      return { command: 'report', targets: p, protocols: strs(r, 'protocol'), out: str(r, 'out') ?? 'reports/out', search: search(r) };
  }
}
