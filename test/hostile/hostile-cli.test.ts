/**
 * Issue 8, item 6: hostile input as a property test. fast-check drives the
 * CLI in-process with random argument lists, random schedules, and scenario
 * and protocol files broken in many ways; each run must end in exit 2 with one
 * `movcheck: ...` line, or exit 3 for a bound, and never in a stack trace, a
 * hang, an internal error or a pass (argument lists may also be valid
 * commands: exit 0 or 1 is then allowed, never 4). Loops are in
 * test/cli/watchdog.test.ts (they need the worker). The number of cases
 * tried is printed.
 */
import test from 'ava';
import fc from 'fast-check';
import { cli } from '../cli/_helpers.ts';
import { argList, badProtocol, badScenario, hostileOk, schedule, writeFile } from './_hostile.ts';

const SEED = Number(process.env.MOVCHECK_SEED ?? 20261128);
let tried = 0;

test.serial('random argument lists: never an internal error or a stack; exit 2 is one line', async (t) => {
  await fc.assert(
    fc.asyncProperty(argList, async (args) => {
      tried++;
      const r = await cli(args);
      if (/\n\s+at .+:\d+:\d+\)?\n/.test(r.stdout + r.stderr)) return false;
      if (![0, 1, 2, 3].includes(r.code)) return false;
      return r.code !== 2 || (r.stdout === '' && /^movcheck: [^\n]+\n$/.test(r.stderr));
    }),
    { numRuns: 150, seed: SEED },
  );
  t.pass();
});

test.serial('random schedules: exit 0, 1 or 2 (one line), never a stack', async (t) => {
  await fc.assert(
    fc.asyncProperty(schedule, fc.constantFrom('r6-putback-unlocked-clear', 'r2-release-isolated-page'), async (s, sc) => {
      tried++;
      const r = await cli(['replay', sc, '--protocol', 'v4.8', '--schedule', s]);
      if (/\n\s+at .+:\d+:\d+\)?\n/.test(r.stdout + r.stderr)) return false;
      if (r.code === 2) return r.stdout === '' && /^movcheck: [^\n]+\n$/.test(r.stderr);
      return r.code === 0 || r.code === 1;
    }),
    { numRuns: 100, seed: SEED },
  );
  t.pass();
});

test.serial('broken protocol files: exit 2 with one line (or 3), never a pass', async (t) => {
  await fc.assert(
    fc.asyncProperty(badProtocol, fc.constantFrom('r6-putback-unlocked-clear', 'r9-new-page-owner-lock'), async (body, sc) => {
      tried++;
      const r = await cli(['run', sc, '--protocol', writeFile(body), '--max-states', '5000']);
      const why = hostileOk(r.code, r.stdout, r.stderr);
      if (why) t.log(`${why}\n${body}`);
      return why === null;
    }),
    { numRuns: 120, seed: SEED },
  );
  t.pass();
});

test.serial('broken scenario files: exit 2 with one line (or 3), never a pass', async (t) => {
  await fc.assert(
    fc.asyncProperty(badScenario, async (body) => {
      tried++;
      const r = await cli(['run', writeFile(body), '--protocol', 'v4.8', '--max-states', '5000']);
      const why = hostileOk(r.code, r.stdout, r.stderr);
      if (why) t.log(`${why}\n${body}`);
      return why === null;
    }),
    { numRuns: 120, seed: SEED },
  );
  t.log(`hostile cases tried: ${tried} (seed ${SEED})`);
  t.pass();
});
