/**
 * Scenario parameters: a scenario may declare named integer (with bounds) and
 * boolean parameters with defaults, so that one scenario covers a family of
 * systems (for example N compaction threads over P pages). Values come from
 * the API as numbers and booleans, or from the command line as `name=value`
 * strings; anything unknown, out of range or malformed is a ParamError whose
 * one-line message names every valid parameter with its range.
 */

/** An integer parameter in [min, max]. */
export interface IntParam {
  readonly kind: 'int';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** What it sets, a few words. */
  readonly help: string;
}

/** A boolean parameter (on/off). */
export interface BoolParam {
  readonly kind: 'bool';
  readonly default: boolean;
  readonly help: string;
}

/** A declared parameter. */
export type ParamSpec = IntParam | BoolParam;

/** A scenario's parameters by name, in display order. */
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** Parameter values by name. */
export type ParamValues = Readonly<Record<string, number | boolean>>;

/** A parameter that does not exist, is out of range or has a malformed value. */
export class ParamError extends Error {
  override readonly name = 'ParamError';
}

/** An integer parameter. */
export function intParam(def: number, min: number, max: number, help: string): IntParam {
  if (!Number.isInteger(def) || !Number.isInteger(min) || !Number.isInteger(max) || min > max || def < min || def > max) {
    throw new RangeError(`intParam: need integers min <= default <= max, got ${min} <= ${def} <= ${max}`);
  }
  return { kind: 'int', default: def, min, max, help };
}

/** A boolean parameter. */
export function boolParam(def: boolean, help: string): BoolParam {
  return { kind: 'bool', default: def, help };
}

/** How a value is written on the command line (`on`/`off` for booleans). */
export function showValue(v: number | boolean): string {
  return typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
}

/** One parameter's range and default, e.g. `threads=1..6 (default 2)` or `driver=on|off (default off)`. */
export function describeParam(name: string, p: ParamSpec): string {
  const range = p.kind === 'int' ? `${p.min}..${p.max}` : 'on|off';
  return `${name}=${range} (default ${showValue(p.default)})`;
}

/** Every parameter's range and default, comma-separated, or `none`. */
export function describeParams(specs: ParamSpecs | undefined): string {
  const names = Object.keys(specs ?? {});
  return names.length ? names.map((n) => describeParam(n, (specs as ParamSpecs)[n] as ParamSpec)).join(', ') : 'none';
}

/** The default value of every parameter. */
export function defaultParams(specs: ParamSpecs | undefined): ParamValues {
  return Object.fromEntries(Object.entries(specs ?? {}).map(([n, p]) => [n, p.default]));
}

const TRUE = new Set(['on', 'true', 'yes', '1']);
const FALSE = new Set(['off', 'false', 'no', '0']);

/** The error for something wrong with parameter `what` of `scenario`. */
function bad(scenario: string, specs: ParamSpecs | undefined, what: string): ParamError {
  const valid = Object.keys(specs ?? {}).length ? `valid parameters: ${describeParams(specs)}` : `scenario '${scenario}' takes no parameters`;
  return new ParamError(`${what}; ${valid}`);
}

/** Checks one value against its spec; returns it, or throws ParamError. */
function check(scenario: string, specs: ParamSpecs | undefined, name: string, v: unknown): number | boolean {
  const p = specs?.[name];
  if (p === undefined || !Object.hasOwn(specs as object, name)) throw bad(scenario, specs, `unknown parameter '${name}' for scenario '${scenario}'`);
  if (p.kind === 'bool') {
    if (typeof v !== 'boolean') throw bad(scenario, specs, `parameter ${name} of '${scenario}' is on or off, got ${String(v)}`);
    return v;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(scenario, specs, `parameter ${name} of '${scenario}' is a whole number, got ${String(v)}`);
  if (v < p.min || v > p.max) throw bad(scenario, specs, `parameter ${name}=${v} of '${scenario}' is out of range ${p.min}..${p.max}`);
  return v;
}

/**
 * Every parameter's value: the defaults, overridden by `given` (checked).
 * Throws ParamError on an unknown name, a value of the wrong type or out of range.
 */
export function resolveParams(scenario: string, specs: ParamSpecs | undefined, given: Readonly<Record<string, unknown>> = {}): ParamValues {
  const out: Record<string, number | boolean> = { ...defaultParams(specs) };
  for (const [name, v] of Object.entries(given)) if (v !== undefined) out[name] = check(scenario, specs, name, v);
  return out;
}

/**
 * Parses `name=value` words (as given to `--param`) into values, checked
 * against `specs`: integers in decimal, booleans as on/off (also true/false,
 * yes/no, 1/0). A name given twice is an error.
 */
export function parseParams(scenario: string, specs: ParamSpecs | undefined, words: readonly string[]): ParamValues {
  const out: Record<string, number | boolean> = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) throw bad(scenario, specs, `--param expects name=value, got '${w}'`);
    const name = w.slice(0, eq).trim();
    const raw = w.slice(eq + 1).trim().toLowerCase();
    const p = specs?.[name];
    if (p === undefined || !Object.hasOwn(specs as object, name)) throw bad(scenario, specs, `unknown parameter '${name}' for scenario '${scenario}'`);
    if (Object.hasOwn(out, name)) throw bad(scenario, specs, `parameter ${name} given twice`);
    let v: number | boolean;
    if (p.kind === 'bool') {
      if (TRUE.has(raw)) v = true;
      else if (FALSE.has(raw)) v = false;
      else throw bad(scenario, specs, `parameter ${name} of '${scenario}' is on or off, got '${w.slice(eq + 1)}'`);
    } else {
      if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        throw bad(scenario, specs, `parameter ${name} of '${scenario}' is a whole number, got '${w.slice(eq + 1)}'`);
      }
      v = Number(raw);
    }
    out[name] = check(scenario, specs, name, v);
  }
  return out;
}

/** The values that differ from the defaults, as `name=value` words in declaration order (empty at the defaults). */
export function nonDefaultWords(specs: ParamSpecs | undefined, values: ParamValues): string[] {
  return Object.entries(specs ?? {})
    .filter(([n, p]) => values[n] !== undefined && values[n] !== p.default)
    .map(([n]) => `${n}=${showValue(values[n] as number | boolean)}`);
}
