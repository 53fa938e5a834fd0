/**
 * The reference property on many programs: `npm run soak -- --programs 10000 [--seed S]`.
 * Prints the seed first, then the shrunk counterexample if any option disagrees (exit 1).
 */
import fc from 'fast-check';
import { randProgram } from '../toys/random-program.ts';
import { agreesWithReference } from './agree.ts';

const argv = process.argv.slice(2);
const arg = (name: string, def: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : def);
const programs = arg('--programs', 10000);
const seed = arg('--seed', Date.now() % 2 ** 31);
console.log(`soak: ${programs} random programs, seed ${seed} (rerun with --seed ${seed})`);
const t0 = performance.now();
const out = fc.check(fc.property(randProgram(), agreesWithReference), { numRuns: programs, seed });
if (out.failed) {
  console.log(fc.defaultReportMessage(out));
  process.exit(1);
}
console.log(`soak: all ${programs} programs agree under every search option (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
