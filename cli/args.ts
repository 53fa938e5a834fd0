/**
 * Command-line parsing with node:util's parseArgs (its tokens, so that every
 * mistake gets movcheck's own one-line message): the command, then its
 * positionals and options as the command table declares them (`--name value`,
 * `--name=value`, repeatable options, `--` before odd positionals), typed into
 * one `Invocation`. Every mistake is a UsageError naming what is wrong and what
 * is valid. The table lives in table.ts and the help in help.ts (re-exported here).
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { UsageError } from './errors.ts';
import { usageLine } from './help.ts';
import { parseOnly } from './only.ts';
import { commandList, specOf, type CommandSpec, type Invocation, type OptionSpec, type ReplayFormat, type RunFormat, type SearchArgs } from './table.ts';

export { helpText, usageLine } from './help.ts';
export { COMMANDS, REPLAY_FORMATS, RUN_FORMATS, STRATEGIES } from './table.ts';
export type { CommandName, Invocation, ReplayFormat, RunFormat, SearchArgs } from './table.ts';

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

/** Splits the arguments of a command into positionals and options (node:util parseArgs tokens), checking names, arity and values. */
function split(spec: CommandSpec, args: readonly string[]): Raw | { help: true } {
  const valid = () => (spec.options.length ? spec.options.map((o) => `--${o.name}`).join(', ') : 'none');
  const options: Record<string, { type: 'string' | 'boolean'; multiple: true; short?: string }> = {
    help: { type: 'boolean', multiple: true, short: 'h' },
  };
  for (const o of spec.options) options[o.name] = { type: o.kind === 'flag' ? 'boolean' : 'string', multiple: true };
  const { tokens } = nodeParseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const values = new Map<string, (string | number | true)[]>();
  for (const tok of tokens) {
    if (tok.kind === 'positional') {
      positionals.push(tok.value);
      continue;
    }
    if (tok.kind === 'option-terminator') continue;
    if (tok.name === 'help') return { help: true };
    const o = spec.options.find((x) => x.name === tok.name);
    if (!o || !tok.rawName.startsWith('--')) throw new UsageError(`unknown option '${tok.rawName}' for ${spec.name}; valid options: ${valid()}`);
    let value: string | number | true;
    if (o.kind === 'flag') {
      if (tok.value !== undefined) convert(spec.name, o, tok.value);
      value = true;
    } else {
      // parseArgs takes the next word as the value even when it looks like an option: that is a missing value.
      const raw = tok.value;
      if (raw === undefined || (!tok.inlineValue && raw.startsWith('--') && raw.length > 2)) {
        throw new UsageError(`option --${o.name} of ${spec.name} needs a value; e.g. --${o.name} ${o.meta ?? 'VALUE'}`);
      }
      value = convert(spec.name, o, raw);
    }
    const prev = values.get(o.name);
    if (prev && !o.repeat) throw new UsageError(`option --${o.name} given twice; give it once`);
    values.set(o.name, [...(prev ?? []), value]);
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
  const out: {
    strategy: 'bfs' | 'dfs';
    maxStates?: number;
    maxDepth?: number;
    timeLimit?: number;
    maxMemory?: number;
    exact?: boolean;
    deadLocals?: boolean;
    symmetry?: boolean;
    por?: boolean;
    workers?: number;
    checkWrites?: boolean;
    checkReads?: boolean;
    only?: string[];
  } = {
    strategy: (str(r, 'strategy') as 'bfs' | 'dfs' | null) ?? 'bfs',
  };
  if (r.values.has('check-writes')) out.checkWrites = true;
  if (r.values.has('check-footprints')) {
    out.checkWrites = true;
    out.checkReads = true;
  }
  if (r.values.has('exact')) out.exact = true;
  if (r.values.has('no-dead-locals')) out.deadLocals = false;
  if (r.values.has('symmetry')) out.symmetry = true;
  const por = r.values.has('por');
  if (por && r.values.has('no-por')) throw new UsageError('--por and --no-por contradict each other; drop one (partial-order reduction is on by default)');
  const wk = num(r, 'workers');
  // Partial-order reduction is on unless --no-por.
  out.por = !r.values.has('no-por');
  if (wk !== undefined && wk > 1) {
    if (out.strategy !== 'bfs') throw new UsageError('--workers searches breadth-first only; drop --strategy dfs');
    if (r.values.has('check-writes') || r.values.has('check-footprints')) throw new UsageError('--workers does not run the debug checks (--check-writes, --check-footprints); drop one');
    out.workers = wk;
  }
  const mm = num(r, 'max-memory');
  if (mm !== undefined) out.maxMemory = mm;
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
  if (cmd === undefined) return { command: 'help', topic: null, bare: true };
  if (cmd === '--help' || cmd === '-h') return { command: 'help', topic: null };
  if (cmd === '--version' || cmd === '-V') {
    if (rest.length) throw new UsageError(`--version takes nothing after it, got '${rest[0]}'; write just movcheck --version`);
    return { command: 'version' };
  }
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
      return { command: 'replay', target: p[0] as string, protocol, params: strs(r, 'param'), schedule, only: parseOnly(strs(r, 'only')), format: (str(r, 'format') as ReplayFormat | null) ?? 'text' };
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
    case 'timeline':
      return { command: 'timeline', target: p[0] ?? null, search: search(r), format: (str(r, 'format') as 'text' | 'md' | null) ?? 'text' };
    case 'mutants':
      return {
        command: 'mutants',
        protocols: strs(r, 'protocol'),
        equivalents: str(r, 'equivalents'),
        search: search(r),
        format: (str(r, 'format') as 'text' | 'json' | 'md' | null) ?? 'text',
      };
    case 'report':
      return { command: 'report', targets: p, protocols: strs(r, 'protocol'), out: str(r, 'out') ?? 'reports/out', search: search(r) };
  }
}
