/**
 * Linux 6.2: 6.1 plus "mm/migrate: make isolate_movable_page() skip slab
 * pages" (Vlastimil Babka, upstream 8b8817630ae8;
 * ../shared/kernel/v6.2/mm__migrate.c and the patch mail). SLUB's struct slab
 * now lays `slab_list` over the page so that `page->mapping` is
 * `slab_list.prev`, which list_del() leaves as LIST_POISON2 (0x122 +
 * POISON_POINTER_DELTA): bit 1 set, a false `__PageMovable`, and
 * `page_movable_ops()` a wild pointer. isolate_movable_page therefore tests
 * PageSlab before the lockless `__PageMovable` and again after it; the
 * smp_rmb()s between pair with the smp_wmb()s in SLUB's alloc_slab_page (set
 * the slab flag, then write ->mapping) and __free_slab (clear ->mapping, then
 * the flag). The model is sequentially consistent, so the barriers are the
 * order of its steps. Everything else is 6.1.
 */
import { PG, test } from '../flags.ts';
import { fields, pg } from '../dsl.ts';
import type { Protocol } from '../protocol.ts';
import { v61, v61IsolateMovablePage, v61Layout } from './v6.1.ts';

/** isolate_movable_page of 6.2: 6.1's, with the PageSlab tests around the lockless __PageMovable. */
export const v62IsolateMovablePage = v61IsolateMovablePage(v61Layout, {
  before: {
    label: 'slab1',
    code: 'if (unlikely(PageSlab(page))) goto out_putpage; /* Pairs with smp_wmb() in slab freeing, e.g. SLUB\'s __free_slab() */ smp_rmb();',
    reads: fields('p', 'flags'),
    run: (c) => void (test(pg(c).flags, PG.slab) && c.goto('out_putpage')),
  },
  after: {
    label: 'slab2',
    code: '/* Pairs with smp_wmb() in slab allocation, e.g. SLUB\'s alloc_slab_page() */ smp_rmb(); if (unlikely(PageSlab(page))) goto out_putpage;',
    reads: fields('p', 'flags'),
    run: (c) => void (test(pg(c).flags, PG.slab) && c.goto('out_putpage')),
  },
});

/** Protocol v6.2. */
export const v62: Protocol = {
  id: 'v6.2',
  title: 'Linux 6.2 (isolate_movable_page skips slab pages)',
  description:
    'Linux 6.2: 6.1 plus "mm/migrate: make isolate_movable_page() skip slab pages" (8b8817630ae8): PageSlab is tested before and after the lockless __PageMovable, because SLUB\'s slab_list.prev now lies over page->mapping and LIST_POISON2 has PAGE_MAPPING_MOVABLE\'s bit.',
  layout: v61.layout,
  fns: { ...v61.fns, isolate_movable_page: v62IsolateMovablePage },
  base: 'v6.1',
  since: { kernel: '6.2', commit: 'mm/migrate: make isolate_movable_page() skip slab pages (8b8817630ae8)' },
};
