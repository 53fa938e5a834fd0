/**
 * Driver duty 1: register the mapping and mark the page movable with
 * __SetPageMovable under PG_lock. Compaction may scan the page while the
 * driver marks it.
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, V48_FAMILY, VERSIONS, violation } from '../define.ts';
import { free, type SystemInit } from '../../model/system.ts';
import { editFns } from '../../model/mutate.ts';
import { allocPage } from '../../model/prim/refcount.ts';
import { num, pg } from '../../model/dsl.ts';
import { DRIVER_SLOT, Kind } from '../../model/world.ts';

const system: SystemInit = {
  pages: [free, free],
  obj: -1,
  threads: [
    { name: 'D', fn: 'drv_alloc', args: { p: 0 } },
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
  ],
};
const actors = ['D: the driver allocating page 0 and making it movable', 'C0: compaction scanning page 0 (and migrating it to page 1 if it can)'];
const pages = ['page 0: free, about to become a driver page', 'page 1: free'];

/** The driver marks under PG_lock. */
export const duty1 = defineScenario({
  id: 'duty1-mark-under-lock',
  title: 'Duty 1: the driver marks a new page movable under PG_lock',
  review: null,
  quote: null,
  summary: 'The driver allocates page 0, takes lock_page(), calls __SetPageMovable(), links it on its list and unlocks it, while compaction scans the same pfn.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(VERSIONS.map((v) => [v, pass('Compaction cannot take PG_lock while the driver marks the page, and sees it movable only when marking is done.')]))),
    'v6.1': pass("SetZsPageMovable() marks the page (__SetPageMovable) holding its lock; compaction's trylock_page() fails until the page is marked and listed."),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass("The page gets its type and PG_movable_ops (SetPageMovableOps) while the driver holds its lock; compaction's folio_trylock() fails until then."),
  },
  system,
});

/** The driver marks without PG_lock. */
export const duty1Mutant = defineScenario({
  id: 'duty1-mark-under-lock~no-lock',
  title: 'Mutant: the driver marks a new page movable without PG_lock',
  review: null,
  quote: null,
  summary: 'As duty1-mark-under-lock, but the driver calls __SetPageMovable() without lock_page().',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(
    VERSIONS.map((v) => [
      v,
      (V48_FAMILY as readonly string[]).includes(v)
        ? violation(
            'lru-owned-by-isolator',
            "Without PG_lock, C0 isolates the page as soon as it looks movable, before the driver has linked it on its list; the driver's list_add then takes over page->lru of an isolated page. (__SetPageMovable's own VM_BUG_ON_PAGE(!PageLocked(page), page) catches the unlocked call first, kernel-bug-on; checked here past the kernel's own checks.)",
            { only: PAST_KERNEL_CHECKS },
          )
        : violation('lru-owned-by-isolator', "Without PG_lock, C0 isolates the page as soon as it looks movable, before the driver has linked it on its list; the driver's list_add then takes over page->lru of an isolated page."),
    ]),
  )),
    'v6.1': violation('lru-owned-by-isolator', "Without the page lock C0 isolates the page as soon as it looks movable, before the driver has linked it on its list, and the driver's list_add takes over page->lru. (__SetPageMovable's VM_BUG_ON_PAGE(!PageLocked(page), page) fires first, kernel-bug-on; checked here past the kernel's own checks.)", { only: PAST_KERNEL_CHECKS }),
    'v6.2': violation('lru-owned-by-isolator', "Without the page lock C0 isolates the page as soon as it looks movable, before the driver has linked it on its list, and the driver's list_add takes over page->lru. (__SetPageMovable's VM_BUG_ON_PAGE(!PageLocked(page), page) fires first, kernel-bug-on; checked here past the kernel's own checks.)", { only: PAST_KERNEL_CHECKS }),
    'v7.0': violation('lru-owned-by-isolator', "Without the page lock C0 isolates the page as soon as it has its type and PG_movable_ops, before the driver has linked it on its list, and the driver's list_add takes over page->lru (7.0's SetPageMovableOps asserts no lock)."),
  },
  mutantOf: { id: 'duty1-mark-under-lock', change: 'drv_alloc: lock_page()/unlock_page() removed' },
  system: {
    ...system,
    overrides: (p) =>
      editFns(p.fns, {
        drv_alloc: {
          alloc: {
            code: 'page = alloc_page(GFP_KERNEL) /* MUTANT: no lock_page(page) */',
            run: (c) => {
              if (!allocPage(c, DRIVER_SLOT, Kind.DRIVER)) return c.ret(null);
              pg(c).data = c.w.objData;
              c.w.obj = num(c.l, 'p');
              c.goto('mark');
            },
          },
          unlock: { code: '/* MUTANT: no unlock_page(page) */', run: () => undefined },
        },
      }),
  },
});
