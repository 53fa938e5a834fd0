/**
 * R9: Minchan's two-level PageMovable(page, page_locked). The unlocked test
 * exists so that isolate_movable_page never takes PG_lock of a page that is not
 * movable: an owner of a newly allocated page locks it with the non-atomic
 * __SetPageLocked, believing nobody else can see it.
 */
import { defineScenario, NEWER, pass, PAST_KERNEL_CHECKS, V3_FIXES, V48_FAMILY, VERSIONS, violation } from '../define.ts';
import { free, type SystemInit } from '../../model/system.ts';

const quote =
  "It works under PG_lock but with this, we need trylock_page to peek whether it's movable non-lru or not for scanning pfn. For avoiding that, we need another function to peek which just checks PG_movable bit instead of all things.";
const system: SystemInit = {
  pages: [free],
  threads: [
    { name: 'C0', fn: 'isolate_movable_page', args: { p: 0 }, transient: true },
    { name: 'O', fn: 'other_owner', args: { p: 0 } },
  ],
};
const actors = [
  "C0: compaction in isolate_movable_page(page 0): its scan saw a movable page, which its driver has since freed",
  'O: another owner allocating page 0 and locking it with __SetPageLocked',
];
const pages = ['page 0: free (the driver just released and freed it)'];

/** C0 tries to isolate a page that is being reallocated. */
export const r9 = defineScenario({
  id: 'r9-new-page-owner-lock',
  title: "R9: isolate_movable_page meets a new page's owner",
  review: 'R9',
  quote,
  summary: 'If C0\'s get_page_unless_zero() wins against the free, nobody can allocate the page; if it comes after the allocation, C0 holds a reference to O\'s new page and must not touch its PG_lock.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(
    VERSIONS.map((v) => [v, pass('The PageMovable check before trylock_page() (flag, flag+marker or mapping tag) fails on a newly allocated page, so C0 puts its reference back without touching PG_lock.')]),
  )),
    'v6.1': pass('The __PageMovable() test before trylock_page() fails on the new page (no tagged mapping).'),
    'v6.2': pass('As 6.1 (PageSlab is tested too).'),
    'v7.0': pass('page_has_movable_ops() before folio_trylock() fails on the new page (no PG_movable_ops, no page type).'),
  },
  system,
});

/** The same without the check before trylock_page. */
export const r9Mutant = defineScenario({
  id: 'r9-new-page-owner-lock~no-precheck',
  title: 'Mutant: trylock_page without the unlocked PageMovable check',
  review: 'R9',
  quote,
  summary: 'As r9-new-page-owner-lock, with the PageMovable()/__PageMovable() test before trylock_page() removed from isolate_movable_page.',
  actors,
  pages,
  protocols: [...['v3', ...V3_FIXES, 'v3-reviewed', ...V48_FAMILY].map((v) => `${v}~no-precheck`), 'v6.1~no-precheck', 'v6.2~no-precheck', 'v7.0~no-precheck'],
  expect: {
    ...(Object.fromEntries(
    ['v3', ...V3_FIXES, 'v3-reviewed', ...V48_FAMILY].map((v) => `${v}~no-precheck`).map((v) => [
      v,
      violation('page-lock-consistent', "C0's trylock_page() and O's __SetPageLocked() both take PG_locked: two threads hold one page lock."),
    ]),
  )),
    'v6.1~no-precheck': violation('page-lock-consistent', "C0's trylock and O's __SetPageLocked() both take PG_locked: two threads hold one page lock."),
    'v6.2~no-precheck': violation('page-lock-consistent', "C0's trylock and O's __SetPageLocked() both take PG_locked: two threads hold one page lock."),
    'v7.0~no-precheck': violation(
      'page-lock-consistent',
      "C0's trylock and O's __SetPageLocked() both take PG_locked: two threads hold one page lock. (isolate_movable_ops_page()'s VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(page), page) after the trylock warns first, kernel-warn-on; checked here past the kernel's own checks.)",
      { only: PAST_KERNEL_CHECKS },
    ),
  },
  mutantOf: { id: 'r9-new-page-owner-lock', change: 'the PageMovable test before trylock_page() removed' },
  system,
});
