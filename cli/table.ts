/**
 * The command table: every command with its positionals and options (name,
 * how its value is read, help), and the typed `Invocation` a command line
 * parses into. The parser (args.ts) and the help renderer (help.ts) both read
 * this table, so a new option is one line here.
 */

/** Output formats of `run`. */
export const RUN_FORMATS = ['text', 'json', 'md', 'email', 'itf'] as const;
/** Output formats of `replay`. */
export const REPLAY_FORMATS = ['text', 'json', 'itf'] as const;
/** Output formats of `mutants`. */
export const MUTANTS_FORMATS = ['text', 'json', 'md'] as const;
/** Output formats of `timeline`. */
export const TIMELINE_FORMATS = ['text', 'md'] as const;
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
  /** MiB the search's tables may hold (`--max-memory`). */
  readonly maxMemory?: number;
  /** Whole states instead of fingerprints (`--exact`). */
  readonly exact?: boolean;
  /** False with `--no-dead-locals`. */
  readonly deadLocals?: boolean;
  /** True with `--symmetry`. */
  readonly symmetry?: boolean;
  /** Partial-order reduction: on unless `--no-por`. */
  readonly por?: boolean;
  /** Worker threads of the search (`--workers`; absent: one, in the calling thread). */
  readonly workers?: number;
  /** Check every step's changes against its declared writes (debug; slower). */
  readonly checkWrites?: boolean;
  /** Check every step's and guard's reads against its declared footprint (`--check-footprints`; debug; slower). */
  readonly checkReads?: boolean;
  /** Check only these invariant ids (`--only`, comma-separated words split; absent: all). */
  readonly only?: readonly string[];
}

/** A parsed command line. */
export type Invocation =
  | { readonly command: 'help'; readonly topic: string | null; /** No command at all: the help goes to stderr, exit 2. */ readonly bare?: boolean }
  | { readonly command: 'version' }
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
      /** `--only`: check just these invariants along the schedule (as the run that printed it did); null: all. */
      readonly only: readonly string[] | null;
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
      readonly command: 'timeline';
      /** The scenario (id or file), or null for the whole catalog as a matrix. */
      readonly target: string | null;
      readonly search: SearchArgs;
      readonly format: (typeof TIMELINE_FORMATS)[number];
    }
  | {
      readonly command: 'mutants';
      readonly protocols: readonly string[];
      /** The equivalents file (`--equivalents`), or null for the shipped scenarios/equivalent-mutants.json. */
      readonly equivalents: string | null;
      readonly search: SearchArgs;
      readonly format: (typeof MUTANTS_FORMATS)[number];
    }
  | {
      readonly command: 'report';
      readonly targets: readonly string[];
      readonly protocols: readonly string[];
      readonly out: string;
      readonly search: SearchArgs;
    };

/** Names of the commands (`version` is the option --version/-V, not a command). */
export type CommandName = Exclude<Invocation['command'], 'version'>;

/** How an option's value is read. */
export type Kind = 'flag' | 'string' | 'count' | 'depth' | 'seconds' | readonly string[];

/** One option of a command. */
export interface OptionSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly repeat?: boolean;
  /** Placeholder in usage text. */
  readonly meta?: string;
  readonly help: string;
}

/** One command: its positionals, options and one line of help. */
export interface CommandSpec {
  readonly name: CommandName;
  /** Usage of the positionals, e.g. `<scenario-id|file>`. */
  readonly args: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly options: readonly OptionSpec[];
  readonly help: string;
}

/** `--only`, of the searches and of replay. */
const ONLY: OptionSpec = { name: 'only', kind: 'string', repeat: true, meta: 'INV[,INV...]', help: 'check only these invariants (no-hang only when listed); repeatable' };
const SEARCH: readonly OptionSpec[] = [
  { name: 'strategy', kind: STRATEGIES, meta: 'bfs|dfs', help: 'search order (default bfs: shortest counterexamples)' },
  { name: 'max-states', kind: 'count', meta: 'N', help: 'stop after N distinct states (verdict incomplete)' },
  { name: 'max-depth', kind: 'depth', meta: 'N', help: 'do not expand states N steps deep (verdict incomplete)' },
  { name: 'time-limit', kind: 'seconds', meta: 'SECONDS', help: 'stop after this many seconds (verdict incomplete)' },
  ONLY,
  { name: 'max-memory', kind: 'count', meta: 'MB', help: "stop when the search's tables pass MB MiB (verdict incomplete; default half the machine's memory, at most 16384)" },
  { name: 'exact', kind: 'flag', help: 'store whole states instead of 64-bit fingerprints (collision-free, more memory)' },
  { name: 'no-dead-locals', kind: 'flag', help: 'keep dead locals (by default a local no later step reads is reset, as SPIN does)' },
  { name: 'symmetry', kind: 'flag', help: 'one state per class of states equal up to swapping interchangeable compaction threads (with their target pages)' },
  { name: 'por', kind: 'flag', help: 'partial-order reduction, the default: where a thread\'s next step touches nothing another can write, take it alone; a violation is searched again without it, for the shortest counterexample' },
  { name: 'no-por', kind: 'flag', help: 'no partial-order reduction (a violation is then found by one search, not two)' },
  { name: 'workers', kind: 'count', meta: 'N', help: 'search with N worker threads sharing the states (bfs, catalog scenarios and built-in versions)' },
  { name: 'check-footprints', kind: 'flag', help: 'debug: fail loudly when a step (or its guard) reads or changes what its footprint does not declare' },
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
      { name: 'format', kind: RUN_FORMATS, meta: 'text|json|md|email|itf', help: 'output format (default text; itf: the Informal Trace Format of Apalache and Quint, one version)' },
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
      ONLY,
      { name: 'format', kind: REPLAY_FORMATS, meta: 'text|json|itf', help: 'output format (default text; itf: the Informal Trace Format of Apalache and Quint)' },
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
  {
    name: 'timeline',
    args: '[<scenario-id|file>]',
    minArgs: 0,
    maxArgs: 1,
    options: [...SEARCH, { name: 'format', kind: TIMELINE_FORMATS, meta: 'text|md', help: 'output format (default text; md: Markdown tables)' }],
    help: 'a scenario under every version it lists, in kernel order, marking where the verdict changes and the commit that changed it; without a scenario, the catalog as a scenarios x versions matrix; exit 0 when every verdict matches its expectation',
  },
  {
    name: 'mutants',
    args: '',
    minArgs: 0,
    maxArgs: 0,
    options: [
      { name: 'protocol', kind: 'string', repeat: true, meta: '<version|file>', help: 'mutate these versions (repeatable; default: every built-in version)' },
      { name: 'equivalents', kind: 'string', meta: 'FILE', help: 'recorded survivors with their reasons (default: scenarios/equivalent-mutants.json)' },
      ...SEARCH,
      { name: 'format', kind: MUTANTS_FORMATS, meta: 'text|json|md', help: 'output format (default text)' },
    ],
    help: "every single-point mutant of a version (a lock, unlock, reference, atomic operation or check changed), judged on the scenarios that list it; exit 0 when each is killed or recorded with a reason",
  },
  { name: 'help', args: '[<command>]', minArgs: 0, maxArgs: 1, options: [], help: 'show this help, or the help of one command' },
];

/** The spec of a command, or undefined. */
export function specOf(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Names of the commands, for messages. */
export function commandList(): string {
  return COMMANDS.map((c) => c.name).join(', ');
}
