/**
 * 6.2's fix "mm/migrate: make isolate_movable_page() skip slab pages"
 * (8b8817630ae8): SLUB's `slab_list.prev` lies over `page->mapping`, and
 * list_del() leaves LIST_POISON2 there (0x122: bit 1 is PAGE_MAPPING_MOVABLE),
 * so a slab page taken off the partial list looks `__PageMovable`. A
 * compaction thread whose scan saw a movable page at this pfn (the page has
 * since been freed and SLUB allocates it) runs isolate_movable_page on it.
 */
import { defineScenario, pass, violation } from '../define.ts';
import { free, type SystemInit } from '../../model/system.ts';
import { bit, PG } from '../../model/flags.ts';
import { fields, fn, pg, type Fns } from '../../model/dsl.ts';
import { LIST_POISON2, mappingOf } from '../../model/mapping.ts';
import { PGTY } from '../../model/pagetype.ts';
import { allocFields, allocPage } from '../../model/prim/refcount.ts';
import { Kind, ownerSlot } from '../../model/world.ts';
import type { Protocol } from '../../model/protocol.ts';

const SLUB = 'mm/slub.c';
/** A slab list_head the partial list links slab_list to: an aligned pointer (no tag bits). */
const PARTIAL_LIST = mappingOf(0x50);

/** SLUB allocating page 0 as a slab and later taking it off the node's partial list. */
function slabAllocator(p: Protocol): Fns {
  return {
    slab_alloc: fn(SLUB, 'alloc_slab_page', [
      {
        label: 'alloc',
        code: 'folio = (struct folio *)alloc_pages(flags, order); if (!folio) return NULL;',
        writes: allocFields(),
        run: (c) => void (allocPage(c, ownerSlot(c.tid), Kind.OTHER) || c.ret(null)),
      },
      {
        label: 'set_slab',
        code: p.layout.movableOps
          ? '__folio_set_slab(folio); /* 7.0: page_type = PGTY_slab */'
          : 'slab = folio_slab(folio); __folio_set_slab(folio); /* Make the flag visible before any changes to folio->mapping */ smp_wmb();',
        writes: fields('p', 'flags', 'mapcount'),
        run: (c) => {
          if (p.layout.movableOps) pg(c).mapcount = PGTY.slab;
          else pg(c).flags |= bit(PG.slab);
        },
      },
      {
        label: 'add_partial',
        code: 'add_partial(n, slab, ...): list_add(&slab->slab_list, &n->partial); /* slab_list.prev (page->mapping) = &n->partial */',
        writes: fields('p', 'mapping'),
        run: (c) => void (pg(c).mapping = PARTIAL_LIST),
      },
      {
        label: 'remove_partial',
        code: 'remove_partial(n, slab): list_del(&slab->slab_list); /* slab_list.prev (page->mapping) = LIST_POISON2 */',
        writes: fields('p', 'mapping'),
        run: (c) => void (pg(c).mapping = LIST_POISON2),
      },
    ]),
  };
}

const quote = null;
const system: SystemInit = {
  pages: [free],
  threads: [
    { name: 'C0', fn: 'isolate_movable_page', args: { p: 0 }, transient: true },
    { name: 'S', fn: 'slab_alloc', args: { p: 0 } },
  ],
  obj: -1,
  overrides: slabAllocator,
};
const actors = [
  'C0: compaction in isolate_movable_page(page 0): its scan saw a movable page there, since freed',
  'S: SLUB allocating page 0 as a slab, adding it to the partial list and taking it off again (slab_list.prev = LIST_POISON2)',
];
const pages = ['page 0: free, about to become a slab page'];

/** C0 meets a slab page whose ->mapping is LIST_POISON2. */
export const slabPage = defineScenario({
  id: 'slab-page-looks-movable',
  title: 'A slab page whose slab_list.prev looks like a movable mapping',
  review: null,
  quote,
  summary:
    "SLUB's list_del() leaves LIST_POISON2 (0x122) in slab_list.prev, which lies over page->mapping: __PageMovable() sees PAGE_MAPPING_MOVABLE, and PageMovable() under the lock sees a non-NULL page_movable_ops(). isolate_movable_page must skip the page before it calls mops->isolate_page through 0x120.",
  actors,
  pages,
  protocols: ['v6.1', 'v6.2', 'v7.0'],
  expect: {
    'v6.1': violation(
      'no-false-positive-callback',
      "6.1's isolate_movable_page has no PageSlab test: LIST_POISON2 passes __PageMovable() and, under the lock, PageMovable(), and mops->isolate_page jumps through LIST_POISON2 - PAGE_MAPPING_MOVABLE (the GPF lkp reported). 6.1's own struct slab did not yet put slab_list.prev over ->mapping; the fix came first in the series that did, so this is 6.1's code meeting 6.2's layout.",
    ),
    'v6.2': pass("PageSlab is tested before and after the lockless __PageMovable(): SLUB sets the slab flag before it ever writes slab_list (smp_wmb()), so a poisoned ->mapping means the second test sees PageSlab."),
    'v7.0': pass("page_has_movable_ops() needs PG_movable_ops and a movable page type; a slab page's type is PGTY_slab, and ->mapping is not read at all."),
  },
  notes:
    'The model is sequentially consistent: the smp_rmb()/smp_wmb() pairs are the order of the steps. 7.0 has no single change that makes it fail here (its test does not read ->mapping).',
  system,
});

/** 6.2 without the PageSlab test after __PageMovable. */
export const slabPageMutant = defineScenario({
  id: 'slab-page-looks-movable~no-second-slab-check',
  title: 'Mutant: isolate_movable_page tests PageSlab only before __PageMovable',
  review: null,
  quote,
  summary: "As slab-page-looks-movable, under 6.2 without the PageSlab test after __PageMovable(): C0 tests PageSlab before S sets it, and __PageMovable() after S's list_del().",
  actors,
  pages,
  protocols: ['v6.2~no-second-slab-check'],
  expect: {
    'v6.2~no-second-slab-check': violation(
      'no-false-positive-callback',
      "C0's first PageSlab() test runs before SLUB's __folio_set_slab(), its __PageMovable() after remove_partial(): LIST_POISON2 gets through, and nothing tests PageSlab again before mops->isolate_page.",
    ),
  },
  mutantOf: { id: 'slab-page-looks-movable', change: 'the PageSlab() test after __PageMovable() removed' },
  system,
});
