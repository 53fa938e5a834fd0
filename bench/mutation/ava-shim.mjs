/**
 * A stand-in for `ava` inside the mutation runner's process (see ava-runner.mjs):
 * test files register their tests here instead of with ava's CLI, and the
 * runner runs them in one warm process, one mutant after another. It covers
 * the part of ava's API the test files use; anything else throws, so a test
 * that needs more fails the dry run instead of passing unchecked.
 *
 * Semantics kept from ava: `t.is` is Object.is, `t.true`/`t.false` want the
 * booleans themselves, `t.deepEqual` is a strict structural comparison, a test
 * that makes no assertion fails, `t.plan(n)` is checked, `t.throws` returns
 * the error and checks `message`/`instanceOf`/`name`/`code`/`is`.
 */
import { isDeepStrictEqual, inspect } from 'node:util';

/** Where test files register: the runner sets `current` to a fresh list before importing a file. */
const registry = (globalThis.__avaShim ??= { current: null });

class AssertionFailure extends Error {}

const show = (v) => inspect(v, { depth: 6, breakLength: 120, maxArrayLength: 20, maxStringLength: 400 });

function register(kind, args) {
  if (!registry.current) throw new Error('ava shim: tests must be declared while the mutation runner imports a test file');
  let [title, fn, ...rest] = args;
  if (typeof title === 'function' || (title && typeof title === 'object')) {
    rest = fn === undefined ? [] : [fn, ...rest];
    fn = title;
    title = '';
  }
  if (fn && typeof fn === 'object' && typeof fn.exec === 'function') {
    const macro = fn;
    if (typeof macro.title === 'function') title = macro.title(title, ...rest);
    fn = macro.exec;
  }
  registry.current.push({ kind, title: String(title), fn, args: rest });
}

const test = (...args) => register('test', args);
test.serial = test;
test.only = test;
test.skip = (...args) => register('skip', args);
test.todo = (title) => register('skip', [title, () => {}]);
test.failing = (...args) => register('failing', args);
test.before = (...args) => register('before', args.length === 1 ? ['before', ...args] : args);
test.after = (...args) => register('after', args.length === 1 ? ['after', ...args] : args);
test.beforeEach = (...args) => register('beforeEach', args.length === 1 ? ['beforeEach', ...args] : args);
test.afterEach = (...args) => register('afterEach', args.length === 1 ? ['afterEach', ...args] : args);
test.serial.before = test.before;
test.serial.after = test.after;
test.macro = (m) => m;
export default test;
export { test };

/** The `t` of one test run. */
export class Assertions {
  constructor(title, context = {}) {
    this.title = title;
    this.context = context;
    this.count = 0;
    this.planned = undefined;
    this.teardowns = [];
    this.logs = [];
  }
  #ok(cond, message, detail) {
    this.count++;
    if (!cond) throw new AssertionFailure(detail ? `${message ?? 'assertion failed'}\n${detail}` : (message ?? 'assertion failed'));
  }
  pass() {
    this.count++;
  }
  fail(message) {
    this.#ok(false, message ?? 'Test failed via `t.fail()`');
  }
  assert(v, message) {
    this.#ok(Boolean(v), message, `value: ${show(v)}`);
  }
  truthy(v, message) {
    this.#ok(Boolean(v), message, `value: ${show(v)}`);
  }
  falsy(v, message) {
    this.#ok(!v, message, `value: ${show(v)}`);
  }
  true(v, message) {
    this.#ok(v === true, message, `value is not true: ${show(v)}`);
  }
  false(v, message) {
    this.#ok(v === false, message, `value is not false: ${show(v)}`);
  }
  is(a, b, message) {
    this.#ok(Object.is(a, b), message, `actual:   ${show(a)}\nexpected: ${show(b)}`);
  }
  not(a, b, message) {
    this.#ok(!Object.is(a, b), message, `both: ${show(a)}`);
  }
  deepEqual(a, b, message) {
    this.#ok(isDeepStrictEqual(a, b), message, `actual:   ${show(a)}\nexpected: ${show(b)}`);
  }
  notDeepEqual(a, b, message) {
    this.#ok(!isDeepStrictEqual(a, b), message, `both: ${show(a)}`);
  }
  like(a, selector, message) {
    const sub = (x, s) => {
      if (s === null || typeof s !== 'object') return s;
      if (x === null || typeof x !== 'object') return x;
      const out = Array.isArray(s) ? [] : {};
      for (const k of Object.keys(s)) out[k] = sub(x[k], s[k]);
      return out;
    };
    this.#ok(isDeepStrictEqual(sub(a, selector), selector), message, `actual:   ${show(a)}\nselector: ${show(selector)}`);
  }
  regex(s, re, message) {
    this.#ok(typeof s === 'string' && re.test(s), message, `string: ${show(s)}\nregex: ${re}`);
  }
  notRegex(s, re, message) {
    this.#ok(typeof s === 'string' && !re.test(s), message, `string: ${show(s)}\nregex: ${re}`);
  }
  throws(fn, expectations, message) {
    let error;
    let threw = false;
    try {
      const r = fn();
      if (r && typeof r.then === 'function') this.#ok(false, message, 'function returned a promise: use throwsAsync');
    } catch (e) {
      if (e instanceof AssertionFailure) throw e;
      threw = true;
      error = e;
    }
    this.#ok(threw, message, 'function did not throw');
    this.#check(error, expectations, message);
    return error;
  }
  async throwsAsync(thrower, expectations, message) {
    let error;
    let threw = false;
    try {
      await (typeof thrower === 'function' ? thrower() : thrower);
    } catch (e) {
      threw = true;
      error = e;
    }
    this.#ok(threw, message, 'promise did not reject');
    this.#check(error, expectations, message);
    return error;
  }
  #check(error, exp, message) {
    if (exp === undefined || exp === null) return;
    if (exp.any) return;
    const msg = error?.message;
    if (exp.instanceOf !== undefined) this.#ok(error instanceof exp.instanceOf, message, `error ${show(error)} is not an instance of ${exp.instanceOf.name}`);
    if (exp.is !== undefined) this.#ok(error === exp.is, message, 'error is not the expected one');
    if (exp.name !== undefined) this.#ok(error?.name === exp.name, message, `error name ${show(error?.name)}, expected ${show(exp.name)}`);
    if (exp.code !== undefined) this.#ok(error?.code === exp.code, message, `error code ${show(error?.code)}, expected ${show(exp.code)}`);
    if (exp.message !== undefined) {
      const m = exp.message;
      const ok = typeof m === 'string' ? msg === m : m instanceof RegExp ? typeof msg === 'string' && m.test(msg) : typeof m === 'function' ? m(msg) === true : false;
      this.#ok(ok, message, `error message ${show(msg)}, expected ${show(m)}`);
    }
  }
  notThrows(fn, message) {
    try {
      fn();
    } catch (e) {
      this.#ok(false, message, `function threw ${show(e)}`);
    }
    this.count++;
  }
  async notThrowsAsync(p, message) {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (e) {
      this.#ok(false, message, `promise rejected with ${show(e)}`);
    }
    this.count++;
  }
  plan(n) {
    this.planned = n;
  }
  teardown(fn) {
    this.teardowns.push(fn);
  }
  log(...values) {
    this.logs.push(values.map((v) => (typeof v === 'string' ? v : show(v))).join(' '));
  }
  timeout() {}
  snapshot() {
    throw new Error('ava shim: t.snapshot is not supported by the mutation runner');
  }
  try() {
    throw new Error('ava shim: t.try is not supported by the mutation runner');
  }
}

/**
 * Runs one registered test; resolves to null when it passed, else the failure
 * message. `hooks` are the file's beforeEach/afterEach entries.
 */
export async function runTest(entry, hooks = { beforeEach: [], afterEach: [] }, context = {}) {
  const t = new Assertions(entry.title, context);
  let failure = null;
  try {
    for (const h of hooks.beforeEach) await h.fn(new Assertions(h.title, context), ...h.args);
    await entry.fn(t, ...entry.args);
    if (t.planned !== undefined && t.planned !== t.count) failure = `planned ${t.planned} assertions, made ${t.count}`;
    else if (t.count === 0) failure = 'Test finished without running any assertions';
    for (const h of hooks.afterEach) await h.fn(new Assertions(h.title, context), ...h.args);
  } catch (e) {
    failure = e instanceof AssertionFailure ? e.message : `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`;
  } finally {
    for (const f of t.teardowns.reverse()) {
      try {
        await f();
      } catch (e) {
        failure ??= `teardown threw: ${e?.message ?? String(e)}`;
      }
    }
  }
  if (entry.kind === 'failing') return failure === null ? 'test marked failing passed' : null;
  return failure;
}
