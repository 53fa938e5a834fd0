/**
 * `npm run mutation`: StrykerJS over checker/, model/prim/ and
 * model/invariants.ts (config: stryker.config.mjs beside this file), then
 * bench/mutation.md from its JSON report. Extra arguments go to Stryker, e.g.
 *
 *   npm run mutation -- --mutate checker/explore.ts,checker/packed/explore.ts
 *   npm run mutation -- --incremental     # reuse the last run's results for unchanged code and tests
 *
 * A run with --mutate writes the report of the files it mutated only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const CONFIG = 'bench/mutation/stryker.config.mjs';
const JSON_REPORT = '.stryker-tmp/mutation.json';
const args = process.argv.slice(2);
const t0 = Date.now();
const started = t0 - 1000;
const r = spawnSync('npx', ['stryker', 'run', CONFIG, ...args], { stdio: 'inherit' });
const seconds = (Date.now() - t0) / 1000;
if (r.status !== 0 || !existsSync(JSON_REPORT) || statSync(JSON_REPORT).mtimeMs < started) {
  console.error(`mutation: stryker failed (status ${r.status ?? r.signal}); bench/mutation.md not written`);
  process.exit(r.status || 1);
}
const partial = args.includes('--mutate') || args.some((a) => a.startsWith('--mutate='));
const note = partial ? `Partial run: \`stryker run ${args.join(' ')}\`; only the files listed below were mutated.` : undefined;
const w = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'bench/mutation/report.ts', JSON_REPORT, '--out', 'bench/mutation.md', '--seconds', String(Math.round(seconds)), ...(note ? ['--note', note] : [])],
  { stdio: 'inherit' },
);
process.exit(w.status ?? 1);
