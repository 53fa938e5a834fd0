/**
 * A StrykerJS test runner that runs the project's ava test files in its own
 * warm process (there is no Stryker runner for ava 7, and the command runner
 * pays ava's start-up, several seconds, for each of ~2700 mutants).
 *
 * `ava` resolves to ava-shim.mjs (hooks.mjs); the test files are imported
 * once, from the sandbox, and each test registered there is a Stryker test
 * with id `file › title`. The dry run records per-test coverage, so a mutant
 * runs only the tests that reach it, fastest first, stopping at the first
 * failure. Mutants that run at import time (static) get a fresh process from
 * Stryker; so does the mutant after one in a file listed in `freshAfter`
 * (module-level caches that a mutant could leave wrong for the next one).
 *
 * Options (stryker config, key `avaInproc`):
 *   files       test files or directories (every *.test.ts inside), relative to the project
 *   exclude     test files to leave out (relative paths)
 *   env         environment variables set before the test files load
 *   freshAfter  source files whose mutants may leave module state behind
 *
 * Environment: AVA_INPROC_LOG=file appends one line per mutant run (id,
 * status, place, tests run, time); AVA_INPROC_TIMES=file writes the dry run's
 * test times, slowest first.
 */
import { register } from 'node:module';
import { appendFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { determineHitLimitReached, DryRunStatus, TestStatus, toMutantRunResult } from '@stryker-mutator/api/test-runner';

const NAME = 'ava-inproc';

function listFiles(entries, exclude) {
  const out = [];
  const skip = new Set(exclude.map((f) => path.normalize(f)));
  const walk = (rel) => {
    const abs = path.resolve(rel);
    if (!existsSync(abs)) throw new Error(`${NAME}: no test file or directory ${rel}`);
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        const sub = path.join(rel, name);
        if (statSync(path.resolve(sub)).isDirectory()) walk(sub);
        else if (name.endsWith('.test.ts')) out.push(path.normalize(sub));
      }
    } else out.push(path.normalize(rel));
  };
  for (const e of entries) walk(e);
  return [...new Set(out)].filter((f) => !skip.has(f));
}

const ns = () => (globalThis.__stryker__ ??= {});

class AvaInprocTestRunner {
  static inject = tokens(commonTokens.logger, commonTokens.options);

  constructor(log, options) {
    this.log = log;
    const o = options.avaInproc ?? {};
    this.files = o.files ?? ['test'];
    this.exclude = o.exclude ?? [];
    this.env = o.env ?? {};
    this.freshAfter = (o.freshAfter ?? []).map((f) => path.normalize(f));
    this.tests = null;
    this.timeByTest = new Map();
    this.dirty = null;
  }

  capabilities() {
    return { reloadEnvironment: false };
  }

  async init() {
    register(new URL('./hooks.mjs', import.meta.url));
    for (const [k, v] of Object.entries(this.env)) process.env[k] = String(v);
  }

  /** Imports every test file once (in this process) and collects its tests. */
  async load() {
    if (this.tests) return;
    const shim = await import(new URL('./ava-shim.mjs', import.meta.url).href);
    this.runTest = shim.runTest;
    const registry = globalThis.__avaShim;
    const tests = [];
    this.hooks = new Map();
    for (const file of listFiles(this.files, this.exclude)) {
      registry.current = [];
      await import(pathToFileURL(path.resolve(file)).href);
      const entries = registry.current;
      registry.current = null;
      const hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
      for (const e of entries) {
        if (e.kind in hooks) hooks[e.kind].push(e);
        else tests.push({ ...e, file, id: `${file} › ${e.title}` });
      }
      this.hooks.set(file, hooks);
    }
    const seen = new Set();
    for (const t of tests) {
      if (seen.has(t.id)) throw new Error(`${NAME}: two tests with the id ${t.id}`);
      seen.add(t.id);
    }
    this.tests = tests;
  }

  /** Runs `tests`; with `bail`, stops at the first failure. */
  async run(tests, { bail, perTest }) {
    const results = [];
    const started = new Set();
    const contexts = new Map();
    for (const test of tests) {
      const hooks = this.hooks.get(test.file);
      if (!started.has(test.file)) {
        started.add(test.file);
        const context = {};
        contexts.set(test.file, context);
        const { Assertions } = await import(new URL('./ava-shim.mjs', import.meta.url).href);
        for (const h of hooks.before) await h.fn(new Assertions(h.title, context), ...h.args);
      }
      if (test.kind === 'skip') {
        results.push({ id: test.id, name: test.id, fileName: test.file, status: TestStatus.Skipped, timeSpentMs: 0 });
        continue;
      }
      if (perTest) ns().currentTestId = test.id;
      const t0 = performance.now();
      const failure = await this.runTest(test, hooks, contexts.get(test.file));
      const timeSpentMs = performance.now() - t0;
      if (perTest) ns().currentTestId = undefined;
      if (failure === null) results.push({ id: test.id, name: test.id, fileName: test.file, status: TestStatus.Success, timeSpentMs });
      else {
        results.push({ id: test.id, name: test.id, fileName: test.file, status: TestStatus.Failed, failureMessage: failure, timeSpentMs });
        if (bail) break;
      }
    }
    return results;
  }

  async dryRun(options) {
    const g = ns();
    g.activeMutant = undefined;
    g.hitCount = undefined;
    g.hitLimit = undefined;
    const coverage = options.coverageAnalysis !== 'off';
    if (coverage) g.mutantCoverage = { static: {}, perTest: {} };
    try {
      await this.load();
    } catch (e) {
      return { status: DryRunStatus.Error, errorMessage: `${NAME}: loading the test files failed: ${e?.stack ?? e}` };
    }
    const results = await this.run(this.tests, { bail: false, perTest: options.coverageAnalysis === 'perTest' });
    for (const r of results) this.timeByTest.set(r.id, r.timeSpentMs);
    const slow = [...results].sort((a, b) => b.timeSpentMs - a.timeSpentMs);
    const total = results.reduce((a, r) => a + r.timeSpentMs, 0);
    this.log.info(`dry run: ${results.length} tests in ${(total / 1000).toFixed(1)} s; slowest: ${slow.slice(0, 5).map((r) => `${r.id} ${(r.timeSpentMs / 1000).toFixed(1)} s`).join('; ')}`);
    if (coverage) this.log.info(`dry run: ${Object.keys(g.mutantCoverage.static).length} mutant(s) reached while loading (static)`);
    if (process.env.AVA_INPROC_TIMES) writeFileSync(process.env.AVA_INPROC_TIMES, slow.map((r) => `${r.timeSpentMs.toFixed(0)}\t${r.id}`).join('\n') + '\n');
    const failed = results.filter((r) => r.status === TestStatus.Failed);
    if (failed.length) this.log.error(`${failed.length} test(s) failed in the dry run, first: ${failed[0].id}: ${failed[0].failureMessage}`);
    return { status: DryRunStatus.Complete, tests: results, mutantCoverage: coverage ? g.mutantCoverage : undefined };
  }

  async mutantRun(options) {
    if (this.dirty) {
      // Throwing makes Stryker start a fresh process and retry this mutant there.
      const why = this.dirty;
      this.dirty = null;
      throw new Error(`${NAME}: fresh process needed after a mutant in ${why}`);
    }
    const g = ns();
    const id = options.activeMutant.id;
    if (options.mutantActivation === 'static') {
      g.activeMutant = id;
      await this.load();
    } else {
      await this.load();
      g.activeMutant = id;
    }
    g.currentTestId = undefined;
    g.hitLimit = options.hitLimit;
    g.hitCount = options.hitLimit === undefined ? undefined : 0;
    let results;
    try {
      const filter = options.testFilter ? new Set(options.testFilter) : null;
      const selected = (filter ? this.tests.filter((t) => filter.has(t.id)) : [...this.tests]).sort(
        (a, b) => (this.timeByTest.get(a.id) ?? 0) - (this.timeByTest.get(b.id) ?? 0),
      );
      results = await this.run(selected, { bail: !options.disableBail, perTest: false });
    } finally {
      g.activeMutant = undefined;
    }
    const hit = determineHitLimitReached(g.hitCount, g.hitLimit);
    g.hitCount = undefined;
    g.hitLimit = undefined;
    const file = path.normalize(path.relative(process.cwd(), options.sandboxFileName ?? options.activeMutant.fileName));
    if (this.freshAfter.includes(file)) this.dirty = file;
    const result = hit ? toMutantRunResult(hit) : toMutantRunResult({ status: DryRunStatus.Complete, tests: results }, false);
    if (process.env.AVA_INPROC_LOG) {
      const m = options.activeMutant;
      const ms = results.reduce((a, r) => a + r.timeSpentMs, 0);
      appendFileSync(
        process.env.AVA_INPROC_LOG,
        `${m.id}\t${result.status}\t${file}:${m.location.start.line + 1}:${m.location.start.column + 1}\t${m.mutatorName}\t${results.length} tests\t${ms.toFixed(0)} ms\t${JSON.stringify(m.replacement ?? '').slice(0, 80)}\n`,
      );
    }
    return result;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, NAME, AvaInprocTestRunner)];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    avaInproc: {
      type: 'object',
      properties: {
        files: { type: 'array', items: { type: 'string' } },
        exclude: { type: 'array', items: { type: 'string' } },
        env: { type: 'object' },
        freshAfter: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
  },
};
