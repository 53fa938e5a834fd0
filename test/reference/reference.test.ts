/**
 * The engine against the reference enumerator on random small programs,
 * under every search option it has (see agree.ts): 500 programs in chunks of
 * 100, each chunk with its own seed (printed in the title; fast-check shrinks
 * a failing program). `npm run soak -- --programs 10000` runs more.
 */
import test from 'ava';
import fc from 'fast-check';
import { randProgram } from '../toys/random-program.ts';
import { agreesWithReference } from './agree.ts';

/** Lets ava report progress (synchronous tests of one file would otherwise report only at the end). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const runs = Number(process.env.MOVCHECK_PROGRAMS ?? 500);
const seed = Number(process.env.MOVCHECK_SEED ?? 7);

for (let chunk = 0; chunk * 100 < runs; chunk++) {
  const n = Math.min(100, runs - chunk * 100);
  test(`every search option agrees with the reference enumerator on random programs ${chunk * 100 + 1}-${chunk * 100 + n} (seed ${seed + chunk})`, async (t) => {
    await tick();
    fc.assert(fc.property(randProgram(), agreesWithReference), { numRuns: n, seed: seed + chunk });
    t.pass();
  });
}
