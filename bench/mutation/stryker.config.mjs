/**
 * StrykerJS over the engine (checker/, with the packed search), the kernel
 * primitives (model/prim/) and the invariants (model/invariants.ts).
 * `npm run mutation` runs it and writes bench/mutation.md (run.ts); the test
 * runner is ava-runner.mjs, which runs the ava test files listed here in one process.
 * checker/ includes the symmetry reduction (packed/symmetry.ts): its unit tests are
 * test/engine/symmetry-canon*.test.ts, in the subset; symmetry-catalog.test.ts (the
 * whole catalog with and without --symmetry) is left out for its time.
 */
export default {
  testRunner: 'ava-inproc',
  plugins: ['./bench/mutation/ava-runner.mjs'],
  testRunnerNodeArgs: ['--import', 'tsx'],
  // Every file of checker/ (packed/symmetry.ts included), the primitives and the invariants.
  mutate: ['checker/**/*.ts', 'model/prim/*.ts', 'model/invariants.ts'],
  avaInproc: {
    files: ['test/engine', 'test/model', 'test/reference'],
    exclude: ['test/engine/packed-catalog.test.ts', 'test/engine/symmetry-catalog.test.ts', 'test/model/writes.test.ts'],
    env: { MOVCHECK_PROGRAMS: 15 },
    // Module-level caches: a mutant there could leave them wrong for the next one, or find them filled by the dry run
    // (symmetry.ts's table of permutations per size), so the mutant after one of these files gets a fresh process.
    freshAfter: ['checker/fingerprint.ts', 'checker/packed/hints.ts', 'checker/packed/liveness.ts', 'checker/packed/symmetry.ts'],
  },
  coverageAnalysis: 'perTest',
  // Mutants in code that runs while modules load (constants, step tables) need a fresh process and the whole
  // subset each: about 200 of them would double the run. They are reported as Ignored; run them too with
  // `MUTATION_STATIC=1 npm run mutation`.
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  concurrency: 1,
  // TypeScript 7 has no JS API for Stryker's tsconfig rewriting; tsx reads the sandbox's tsconfig.json as it is.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['reports/out', 'dist', '.ci/*.log', 'bench/_*'],
  reporters: ['json', 'progress'],
  jsonReporter: { fileName: '.stryker-tmp/mutation.json' },
  // `npm run mutation -- --incremental` reuses this run's results for unchanged code and tests.
  incrementalFile: '.stryker-tmp/incremental.json',
  timeoutMS: 10000,
  timeoutFactor: 2,
  thresholds: { high: 95, low: 90, break: null },
};
