/**
 * R1: after a successful isolation nothing of the driver's may survive in
 * page->lru: the VM links the page on its migration list through it. A
 * driver that keeps its duty passes; one that keeps the page on its own list
 * (and keeps rotating that list) corrupts the VM's list, under every version.
 */
import { defineScenario, NEWER, pass, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';
import { editFns } from '../../model/mutate.ts';
import { pg } from '../../model/dsl.ts';
import { List } from '../../model/world.ts';

const quote =
  'Ah another thing to document (especially in the comments/Doc) is that the subsystem must not expect anything to survive in page.lru (or fields that union it) after having isolated successfully.';
const system: SystemInit = {
  pages: [driverPage(), free],
  threads: [
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'D', fn: 'drv_lru', args: { p: 0 } },
  ],
};
const actors = ['C0: compaction isolating page 0 and migrating it to page 1', 'D: the driver rotating its pool list through page->lru'];
const pages = ["page 0: driver page on the driver's list", 'page 1: free'];

/** The driver removes the page from its list in isolate_page and touches only pages on its list. */
export const r1Keeps = defineScenario({
  id: 'r1-driver-keeps-lru-duty',
  title: 'R1: a driver that lets go of page->lru on isolation',
  review: 'R1',
  quote,
  summary: "The driver's isolate_page unlinks the page from its list, and its list rotation only touches pages on its list, so while C0 has the page isolated page->lru is C0's alone.",
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(VERSIONS.map((v) => [v, pass('The driver never writes page->lru of an isolated page; the VM links it on its migration list.')]))),
    'v6.1': pass('The driver never writes page->lru of an isolated page; the VM links it on its migration list.'),
    'v6.2': pass('The driver never writes page->lru of an isolated page; the VM links it on its migration list.'),
    'v7.0': pass('The driver never writes page->lru of an isolated page; the VM links it on its migration list.'),
  },
  system,
});

/** The driver keeps the page on its list after isolation and goes on using page->lru. */
export const r1Breaks = defineScenario({
  id: 'r1-driver-uses-lru-after-isolation',
  title: 'R1: a driver that keeps using page->lru after isolation',
  review: 'R1',
  quote,
  summary: "The driver's isolate_page returns true without unlinking the page from its list, and the driver goes on rotating its list. The VM's list_add to cc->migratepages and the driver's list operations share page->lru.",
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(
    VERSIONS.map((v) => [v, violation('lru-owned-by-isolator', 'No version can protect page->lru from its own driver: right after isolation the page is still linked on the driver\'s list.')]),
  )),
    'v6.1': violation('lru-owned-by-isolator', "No version can protect page->lru from its own driver: right after isolation the page is still linked on the driver's list."),
    'v6.2': violation('lru-owned-by-isolator', "No version can protect page->lru from its own driver: right after isolation the page is still linked on the driver's list."),
    'v7.0': violation('lru-owned-by-isolator', "No version can protect page->lru from its own driver: right after isolation the page is still linked on the driver's list."),
  },
  mutantOf: { id: 'r1-driver-keeps-lru-duty', change: "drv_isolate_page: list_del of page->lru removed (the driver's duty broken)" },
  system: {
    ...system,
    overrides: (p) =>
      editFns(p.fns, {
        drv_isolate_page: {
          isolate: {
            code: '/* RULE-BREAKING: no list_del_init(&page->lru): the page stays on the pool list */',
            run: (c) => {
              if (p.layout.movable === null || p.layout.movableOps) c.ret(true);
            },
          },
        },
        drv_lru: {
          rotate: {
            code: 'list_move_tail(&page->lru, &pool->pages) /* RULE-BREAKING: also isolated pages */',
            run: (c) => void (pg(c).lru = List.DRV),
          },
        },
      }),
  },
});
