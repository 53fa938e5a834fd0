/**
 * Driver duties 3 and 4, broken: after a successful migration the driver must
 * clear the old page's movable state before dropping it (3); a v3 driver's
 * putback_page must clear PG_isolated (4). The passing sibling of both is
 * migration-preserves-data, where the driver keeps them.
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, V3_FIXES, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';
import { editFns } from '../../model/mutate.ts';
import { pg } from '../../model/dsl.ts';
import { List } from '../../model/world.ts';

const actors = ['C0: compaction isolating page 0 and migrating it to page 1'];
const pages = ['page 0: driver page, movable', 'page 1: free'];
const system: SystemInit = { pages: [driverPage(), free], threads: [{ name: 'C0', fn: 'compact', args: { p: 0, np: 1 } }] };

/** Duty 3 broken: the old page keeps its movable mark. */
export const duty3 = defineScenario({
  id: 'duty3-old-page-left-movable',
  title: 'Duty 3 broken: migratepage leaves the old page movable',
  review: null,
  quote: null,
  summary: "The driver's migratepage copies the objects and takes over the new page, but does not __ClearPageMovable() the old one before dropping its reference; the VM then frees it.",
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation('free-page-clean', 'The old page reaches refcount 0 still carrying PG_movable, the marker and the driver\'s mapping: "Bad page state".'),
    ...Object.fromEntries(V3_FIXES.map((v) => [v, violation('free-page-clean', "As v3: no review fix touches duty 3, so the old page is freed still carrying PG_movable and the driver's mapping.")])),
    'v3-reviewed': violation('free-page-clean', 'As v3 (PG_movable and the mapping).'),
    'v4.8': pass("v4.8's free_pages_prepare() clears any mapping that carries tag bits, so a freed page that is still __PageMovable comes out clean: duty 3's __ClearPageMovable is needed to tell the VM, not to free."),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() changes nothing the free path or the put-back looks at.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass("As 4.8: free_pages_prepare() clears a tagged mapping, so the old page is freed clean; reset_page()'s __ClearPageMovable tells the VM, not the free path."),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass("7.0's driver clears nothing the free path checks: without reset_zpdesc() the old page keeps zpdesc->zspage until the VM frees it, and __free_pages_prepare() resets page->private and the page type."),
  },
  mutantOf: { id: 'migration-preserves-data', change: "drv_migratepage: __ClearPageMovable(page) of the old page removed" },
  notes: 'v4.8 passes here by design of its free path; the mutant bites v3 and v3-reviewed only.',
  system: {
    ...system,
    overrides: (p) => editFns(p.fns, { drv_migratepage: { clear_movable: { code: '/* RULE-BREAKING: no __ClearPageMovable(page) */', run: (c) => c.goto('put') } } }),
  },
});

/** Duty 4 broken: putback_page leaves PG_isolated set (a v3 duty; in v4.8 the VM clears it). */
export const duty4 = defineScenario({
  id: 'duty4-putback-leaves-isolated',
  title: 'Duty 4 broken: putback_page leaves PG_isolated set',
  review: null,
  quote: null,
  summary: "When migration fails, the VM hands the page back through the driver's putback_page, which relinks it but does not clear PG_isolated.",
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    v3: violation(
      'no-isolated-leak',
      "In v3 only the driver clears PG_isolated on put-back; left set, nobody will ever clear it and compaction skips the page forever. (putback_movable_page's own WARN_ON_ONCE(PageIsolated(page)) warns first, kernel-warn-on; checked here past the kernel's own checks.)",
      { only: PAST_KERNEL_CHECKS },
    ),
    ...Object.fromEntries(V3_FIXES.map((v) => [v, violation('no-isolated-leak', 'As v3: no review fix touches duty 4 (the same WARN_ON_ONCE warns first).', { only: PAST_KERNEL_CHECKS })])),
    'v3-reviewed': violation('no-isolated-leak', 'As v3 (the same WARN_ON_ONCE warns first).', { only: PAST_KERNEL_CHECKS }),
    'v4.8': pass('In v4.8 the VM clears PG_isolated itself after putback_page (__ClearPageIsolated), so this duty is gone.'),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() changes nothing the free path or the put-back looks at.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass('The VM clears PG_isolated itself after mops->putback_page (ClearPageIsolated): the duty is gone.'),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass('putback_movable_ops_page() clears PG_movable_ops_isolated itself after putback_page.'),
  },
  mutantOf: { id: 'migration-preserves-data', change: 'drv_putback_page: the PG_isolated clear removed' },
  system: {
    ...system,
    overrides: (p) =>
      editFns(p.fns, {
        drv_putback_page: {
          list: {
            code: 'list_add(&page->lru, &pool->pages); /* RULE-BREAKING: PG_isolated left set */',
            run: (c) => {
              pg(c).lru = List.DRV;
              c.ret(null);
            },
          },
        },
      }),
  },
});
