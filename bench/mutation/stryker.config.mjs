/**
 * StrykerJS over the engine (checker/, with the packed search), the kernel
 * primitives (model/prim/) and the invariants (model/invariants.ts).
 * `npm run mutation` runs it and writes bench/mutation.md (see README.md beside this file).
 */
export default {
  testRunner: 'ava-inproc',
  plugins: ['./bench/mutation/ava-runner.mjs'],
  testRunnerNodeArgs: ['--import', 'tsx'],
  mutate: ['checker/**/*.ts', 'model/prim/*.ts', 'model/invariants.ts'],
  avaInproc: {
    files: ['test/engine', 'test/model'],
    exclude: ['test/engine/packed-catalog.test.ts', 'test/model/writes.test.ts'],
    env: { MOVCHECK_PROGRAMS: 30 },
    freshAfter: ['checker/fingerprint.ts', 'checker/packed/hints.ts'],
  },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  // TypeScript 7 has no JS API for Stryker's tsconfig rewriting; tsx reads the sandbox's tsconfig.json as it is.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['reports/out', '.ci/*.log', 'bench/_*'],
  reporters: ['json', 'progress'],
  jsonReporter: { fileName: '.stryker-tmp/mutation.json' },
  timeoutMS: 10000,
  timeoutFactor: 2,
  thresholds: { high: 95, low: 90, break: null },
};
