/**
 * Issue 8, item 6, the files that loop: a protocol step, a step's guard, an
 * invariant, a build() or the file's top level that never returns. They need
 * the real process (the worker and its watchdog, cli/worker/), so the compiled
 * CLI is spawned, with the watchdog's limits shortened; each must end in exit
 * 2 with one line naming what was stopped, never a hang.
 */
import test from 'ava';
import fc from 'fast-check';
import { spawnCli } from '../cli/_helpers.ts';
import { writeFile } from './_hostile.ts';

const LOOP = 'for (;;) { /* never returns */ }';

/** Where the loop is: a file, the command that runs it, and what the one line must say. */
const placements: readonly { name: string; file: string; args: (f: string) => string[]; says: RegExp }[] = [
  {
    name: 'a protocol step',
    file: `export default (api) => { const b = api.protocolById('v4.8'); const f = b.fns.isolate_movable_page; return { ...b, id: 'loops', title: 't', base: 'v4.8', fns: { ...b.fns, isolate_movable_page: { steps: f.steps.map((s, i) => i === 0 ? { ...s, run: () => { ${LOOP} } } : s) } } }; };\n`,
    args: (f) => ['run', 'r6-putback-unlocked-clear', '--protocol', f],
    says: /: step isolate_movable_page:get \(.*has run for [\d.]+s without returning, and was stopped; /,
  },
  {
    name: 'a guard',
    file: `export default (api) => { const b = api.protocolById('v4.8'); const f = b.fns.lock_page; return { ...b, id: 'loops', title: 't', base: 'v4.8', fns: { ...b.fns, lock_page: { steps: f.steps.map((s) => ({ ...s, when: () => { ${LOOP} } })) } } }; };\n`,
    args: (f) => ['run', 'r6-putback-unlocked-clear', '--protocol', f],
    says: /: the guard of step lock_page:lock \(.*has run for [\d.]+s without returning, and was stopped; /,
  },
  {
    name: 'a build()',
    file: `export default { id: 'loops', title: 't', review: null, quote: null, summary: 's', actors: [], pages: [], protocols: ['v4.8'], expect: { 'v4.8': { verdict: 'pass', why: 'w' } }, build() { ${LOOP} } };\n`,
    args: (f) => ['run', f],
    says: /has run for [\d.]+s without running a step, and was stopped: does a scenario or protocol file loop while it loads or builds\? fix the file$/,
  },
  {
    name: 'the top level',
    file: `${LOOP}\nexport default {};\n`,
    args: (f) => ['run', 'r6-putback-unlocked-clear', '--protocol', f],
    says: /has run for [\d.]+s without running a step, and was stopped: does a scenario or protocol file loop while it loads or builds\? fix the file$/,
  },
];

test('files that loop: exit 2 with one line naming what was stopped, never a hang', async (t) => {
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...placements), fc.constantFrom('bfs', 'dfs'), async (p, strategy) => {
      tried++;
      const r = await spawnCli([...p.args(writeFile(p.file)), '--strategy', strategy], undefined, { MOVCHECK_STEP_TIMEOUT: '1', MOVCHECK_LOAD_TIMEOUT: '2' });
      const ok = r.code === 2 && r.stdout === '' && /^movcheck: [^\n]+\n$/.test(r.stderr) && p.says.test(r.stderr.trim());
      if (!ok) t.log(`${p.name}: exit ${r.code}: ${r.stderr}`);
      return ok;
    }),
    { numRuns: 6, seed: 20261128 },
  );
  t.log(`looping files tried: ${tried}`);
  t.pass();
});
