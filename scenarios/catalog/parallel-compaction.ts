/**
 * Compaction threads scan the same driver page at once: PG_lock and the
 * PageIsolated() test under it must let exactly one of them isolate it. Its
 * mutant drops that test and isolates the page twice. Parameters widen it:
 * more threads, several driver pages visited in order by each thread (each
 * with its own targets), and a driver freeing its objects meanwhile.
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, V48_FAMILY, VERSIONS, violation } from '../define.ts';
import { boolParam, intParam, type ParamSpecs, type ParamValues } from '../params.ts';
import { driverPage, free, type PageInit, type SystemInit, type ThreadInit } from '../../model/system.ts';

/** threads 1-6, pages 1-4, driver on/off; the defaults are the two-thread, one-page system without a driver. */
const params: ParamSpecs = {
  threads: intParam(2, 1, 6, 'compaction threads'),
  pages: intParam(1, 1, 4, 'driver pages, visited in order by every thread'),
  driver: boolParam(false, "a driver thread freeing each page's object, in order, at any time"),
};

/**
 * The system for `threads` T, `pages` P and `driver`: driver pages 0..P-1
 * (object k on page k), then P free targets per thread (thread t migrates
 * page k to page P + t*P + k). One page: each thread runs `compact`, and the
 * driver `drv_free`; several: `compact_pages` and `drv_free_objects`.
 */
function system(_protocol: unknown, v: ParamValues): SystemInit {
  const T = v.threads as number;
  const P = v.pages as number;
  const pages: PageInit[] = [];
  for (let k = 0; k < P; k++) pages.push(driverPage());
  for (let k = 0; k < T * P; k++) pages.push(free);
  const threads: ThreadInit[] = [];
  for (let t = 0; t < T; t++) {
    const np = P + t * P;
    threads.push(P === 1 ? { name: `C${t}`, fn: 'compact', args: { p: 0, np } } : { name: `C${t}`, fn: 'compact_pages', args: { p: 0, n: P, np } });
  }
  if (v.driver) threads.push(P === 1 ? { name: 'D', fn: 'drv_free', args: {} } : { name: 'D', fn: 'drv_free_objects', args: { n: P } });
  return { pages, threads, obj: Array.from({ length: P }, (_, k) => k) };
}
const actors = [
  'C0: compaction migrating page 0 to page 1',
  'C1: compaction migrating page 0 to page 2',
  '(parameters: threads C0..C5, each visiting pages 0..P-1 in order; with driver=on, D frees the object of each page in order)',
];
const pages = ['page 0: driver page, movable', 'page 1, page 2: free (targets)', '(parameters: driver pages 0..P-1, then P free targets per thread)'];

/** Two compactions, one page (by default). */
export const parallel = defineScenario({
  id: 'parallel-compaction',
  title: "Compaction threads race for the driver's pages",
  review: null,
  quote: null,
  summary:
    'Both threads pass the unlocked checks of the scan; trylock_page() and the PageIsolated() test under PG_lock must leave the page to one of them, and the other must give up cleanly. The parameters scale it: threads, driver pages visited in order, and a driver releasing its pages.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(VERSIONS.map((v) => [v, pass('Whoever takes PG_lock second sees PG_isolated, unlocks and puts its reference back.')]))),
    'v6.1': pass("As 5.19: whoever takes PG_lock second sees PG_isolated and gives up; a page migrated away meanwhile is no longer PageMovable (zs_page_migrate's reset_page() cleared its ops under the lock)."),
    'v6.2': pass('As 6.1.'),
    'v7.0': violation('no-callback-after-release', 'By design: 7.0 clears nothing when zsmalloc lets go of a page (reset_zpdesc() only sets zpdesc->zspage = NULL), so the thread that takes the page lock after the other migrated page 0 away passes page_has_movable_ops() and !PageMovableOpsIsolated() and calls zs_page_isolate() on the released page, which refuses it. v7-released-page-rescanned checks the rest.'),
  },
  params,
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
  protocols: [...VERSIONS.map((v) => `${v}~no-isolated-check`), ...['v6.1~no-isolated-check', 'v6.2~no-isolated-check']],
  expect: {
    ...(Object.fromEntries(
    VERSIONS.map((v) => [
      `${v}~no-isolated-check`,
      (V48_FAMILY as readonly string[]).includes(v)
        ? violation(
            'no-double-isolation',
            "The second thread to take PG_lock calls isolate_page again and owns the page too. (isolate_movable_page's own WARN_ON_ONCE(PageIsolated(page)) warns first, kernel-warn-on, and the kernel goes on; checked here past the kernel's own checks.)",
            { only: PAST_KERNEL_CHECKS },
          )
        : violation('no-double-isolation', 'The second thread to take PG_lock calls isolate_page again and owns the page too.'),
    ]),
  )),
    'v6.1~no-isolated-check': violation('no-double-isolation', "The second thread to take PG_lock calls zs_page_isolate() again and owns the page too. (isolate_movable_page's WARN_ON_ONCE(PageIsolated(page)) warns first, kernel-warn-on; checked here past the kernel's own checks.)", { only: PAST_KERNEL_CHECKS }),
    'v6.2~no-isolated-check': violation('no-double-isolation', "The second thread to take PG_lock calls zs_page_isolate() again and owns the page too. (isolate_movable_page's WARN_ON_ONCE(PageIsolated(page)) warns first, kernel-warn-on; checked here past the kernel's own checks.)", { only: PAST_KERNEL_CHECKS }),
  },
  mutantOf: { id: 'parallel-compaction', change: 'the PageIsolated() test under PG_lock removed' },
  params,
  system,
});
