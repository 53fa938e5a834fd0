/**
 * Two compaction threads scan the same driver page at once: PG_lock and the
 * PageIsolated() test under it must let exactly one of them isolate it. Its
 * mutant drops that test and isolates the page twice.
 */
import { defineScenario, pass, violation, VERSIONS } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';

const system: SystemInit = {
  pages: [driverPage(), free, free],
  threads: [
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'C1', fn: 'compact', args: { p: 0, np: 2 } },
  ],
};
const actors = ['C0: compaction migrating page 0 to page 1', 'C1: compaction migrating page 0 to page 2'];
const pages = ['page 0: driver page, movable', 'page 1, page 2: free (targets)'];

/** Two compactions, one page. */
export const parallel = defineScenario({
  id: 'parallel-compaction',
  title: 'Two compaction threads race for one driver page',
  review: null,
  quote: null,
  summary: 'Both threads pass the unlocked checks of the scan; trylock_page() and the PageIsolated() test under PG_lock must leave the page to one of them, and the other must give up cleanly.',
  actors,
  pages,
  protocols: VERSIONS,
  expect: Object.fromEntries(VERSIONS.map((v) => [v, pass('Whoever takes PG_lock second sees PG_isolated, unlocks and puts its reference back.')])),
  system,
});

/** The same without the PageIsolated() test under the lock. */
export const parallelMutant = defineScenario({
  id: 'parallel-compaction~no-isolated-check',
  title: 'Mutant: isolate_movable_page without the PageIsolated test',
  review: null,
  quote: null,
  summary: 'As parallel-compaction, with "|| PageIsolated(page)" removed from isolate_movable_page\'s test under PG_lock.',
  actors,
  pages,
  protocols: VERSIONS.map((v) => `${v}~no-isolated-check`),
  expect: Object.fromEntries(
    VERSIONS.map((v) => [`${v}~no-isolated-check`, violation('no-double-isolation', 'The second thread to take PG_lock calls isolate_page again and owns the page too.')]),
  ),
  mutantOf: { id: 'parallel-compaction', change: 'the PageIsolated() test under PG_lock removed' },
  system,
});
