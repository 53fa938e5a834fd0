/**
 * Steps of a scenario or protocol file, checked as they run: what a step
 * stores in a local, passes to a call, returns or jumps to must be what a
 * packed state can hold (a number, string, boolean or null; labels and
 * function names strings). A step that breaks this throws, so the search ends
 * in a model error naming the step (exit 2) instead of going on with a state
 * the engine would misread (an object in a local could even let a broken file
 * pass). The catalog's own steps are not guarded.
 */
import type { Ctx, Locals, StepDef, Value } from '../checker/index.ts';

/** True for a value a local may hold. */
export function isValue(v: unknown): v is Value {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));
}

/** What a value is, for messages. */
function kind(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return 'NaN';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The context a guarded step sees: `c` with every value it hands the engine checked; `where` names the step. */
export function guardCtx<W>(c: Ctx<W>, where: string): Ctx<W> {
  const bad = (what: string, v: unknown): never => {
    throw new TypeError(`step ${where} ${what} ${kind(v)}: locals, arguments and return values are numbers, strings, booleans or null`);
  };
  const l = new Proxy(c.l, {
    // The engine's locals may be a class with private fields: its accessors must see the object itself.
    get(t, k) {
      return (t as Record<string | symbol, unknown>)[k];
    },
    set(t, k, v) {
      if (!isValue(v)) bad(`sets local '${String(k)}' to`, v);
      (t as Locals)[k as string] = v as Value;
      return true;
    },
  });
  return {
    get w() {
      return c.w;
    },
    l,
    tid: c.tid,
    choice: c.choice,
    fail(inv, msg) {
      if (typeof inv !== 'string' || typeof msg !== 'string') bad('fails with', typeof inv !== 'string' ? inv : msg);
      c.fail(inv, msg);
    },
    goto(label) {
      if (typeof label !== 'string') bad('jumps to', label);
      c.goto(label);
    },
    call(fn, args, then, into) {
      if (typeof fn !== 'string') bad('calls', fn);
      if (typeof args !== 'object' || args === null) bad(`calls ${fn} with arguments`, args);
      for (const [k, v] of Object.entries(args)) if (!isValue(v)) bad(`calls ${fn} with argument '${k}'`, v);
      if (then !== undefined && typeof then !== 'string') bad(`calls ${fn} continuing at`, then);
      if (into !== undefined && typeof into !== 'string') bad(`calls ${fn} returning into`, into);
      c.call(fn, args, then, into);
    },
    ret(value) {
      if (value !== undefined && !isValue(value)) bad('returns', value);
      c.ret(value);
    },
  };
}

/** `step` guarded (see guardCtx); `fn` is its function's name. */
export function guardStep<W>(fn: string, step: StepDef<W>): StepDef<W> {
  const where = `${fn}:${String(step.label)}`;
  const run = step.run;
  return { ...step, run: (c) => run(guardCtx(c, where)) };
}
