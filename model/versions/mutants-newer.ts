/**
 * Mutants of 6.1, 6.2 and 7.0: one lock, check or atomic operation removed
 * (as mutants.ts for the older versions). Each passing catalog pair of these
 * versions runs one and must fail through an outcome invariant.
 */
import { PAGE_MOVABLE_MAPCOUNT_VALUE, PG, test, type Layout } from '../flags.ts';
import { AS, mappingOf, PAGE_MAPPING_MOVABLE } from '../mapping.ts';
import { num, pg } from '../dsl.ts';
import { mutant } from '../mutate.ts';
import type { Protocol } from '../protocol.ts';
import { nonAtomicBitFn } from '../prim/flagword.ts';
import { getPageUnlessZero } from '../prim/refcount.ts';
import { List, ownerSlot } from '../world.ts';
import { v61 } from './v6.1.ts';
import { v62 } from './v6.2.ts';
import { v70, v70Fns } from './v7.0.ts';

const V6X: readonly Protocol[] = [v61, v62];

/** isolate_movable_page (6.x) / isolate_movable_ops_page (7.0) without the movable test before the page lock. */
function noPrecheck(base: Protocol): Protocol {
  return mutant(base, 'no-precheck', 'isolate_movable_page() takes the page lock without testing first that the page is movable', {
    isolate_movable_page: {
      get: {
        code: 'if (unlikely(!get_page_unless_zero(page))) goto out; /* MUTANT: no __PageMovable() / page_has_movable_ops() test before the trylock */',
        run: (c) => (getPageUnlessZero(c, ownerSlot(c.tid)) ? c.goto('trylock') : c.ret(false)),
      },
    },
  });
}

/** 6.x isolate_movable_page without "|| PageIsolated(page)" under PG_lock. */
function noIsolatedCheck(base: Protocol): Protocol {
  return mutant(base, 'no-isolated-check', 'isolate_movable_page() does not test PageIsolated() under PG_lock', {
    isolate_movable_page: {
      mv2: { code: 'if (!PageMovable(page)) goto out_no_isolated; /* MUTANT: no PageIsolated(page) test */', run: (c) => void (c.l.mv || c.goto('out_no_isolated')) },
    },
  });
}

/** 6.x isolate_movable_page without "!PageMovable(page) ||" under PG_lock (the test that refuses a released page). */
function noMovableCheck(base: Protocol): Protocol {
  return mutant(base, 'no-movable-check', 'isolate_movable_page() does not test PageMovable() under PG_lock', {
    isolate_movable_page: {
      mv2: {
        code: 'if (PageIsolated(page)) goto out_no_isolated; /* MUTANT: no !PageMovable(page) test */',
        run: (c) => void (test(pg(c).flags, base.layout.isolated) && c.goto('out_no_isolated')),
      },
    },
  });
}

/** 6.x putback_movable_pages without lock_page()/unlock_page() (R6's question asked of 6.1). */
function putbackNoLock(base: Protocol): Protocol {
  return mutant(base, 'putback-no-lock', 'putback_movable_pages() does not take lock_page()', {
    putback_movable_pages: {
      lock: { code: 'VM_BUG_ON_PAGE(!PageIsolated(page), page); /* MUTANT: no lock_page(page) */', run: (c) => c.goto('lock_check') },
      lock_unlock: { code: '/* MUTANT: no unlock_page(page) */', run: () => undefined },
    },
  });
}

/** PG_isolated (7.0: PG_movable_ops_isolated) set and cleared with the non-atomic __SetPageIsolated/__ClearPageIsolated again: the 2022 fix reverted. */
function nonAtomicIsolated(base: Protocol): Protocol {
  const l: Layout = base.layout;
  const name = l.aliasNames ? 'PageMovableOpsIsolated' : 'PageIsolated';
  return {
    id: `${base.id}~non-atomic-isolated`,
    title: `${base.id} mutant: non-atomic ${name} updates`,
    description: `${base.title}, with one change: Set${name}/Clear${name} are the non-atomic __Set${name}/__Clear${name} (a load and a store of page->flags), as before the 2022 fix. A mutant.`,
    layout: l,
    fns: {
      ...base.fns,
      SetPageIsolated: nonAtomicBitFn('include/linux/page-flags.h', `__Set${name} /* MUTANT */`, l.isolated, true, l),
      ClearPageIsolated: nonAtomicBitFn('include/linux/page-flags.h', `__Clear${name} /* MUTANT */`, l.isolated, false, l),
    },
    base: base.id,
  };
}

/** 6.x with v3's _mapcount marker back beside the mapping tag (R5's objection). */
function mapcountMarker(base: Protocol): Protocol {
  const m = mutant(base, 'mapcount-marker', 'keeps the _mapcount marker', {
    __SetPageMovable: {
      store: {
        code: 'page->mapping = (void *)((unsigned long)mops | PAGE_MAPPING_MOVABLE); atomic_set(&page->_mapcount, PAGE_MOVABLE_MAPCOUNT_VALUE); /* MUTANT */',
        run: (c) => {
          pg(c).mapping = mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE);
          pg(c).mapcount = PAGE_MOVABLE_MAPCOUNT_VALUE;
        },
      },
    },
    __ClearPageMovable: {
      store: {
        code: 'page->mapping = (void *)PAGE_MAPPING_MOVABLE; atomic_set(&page->_mapcount, -1); /* MUTANT */',
        run: (c) => {
          pg(c).mapping = PAGE_MAPPING_MOVABLE;
          pg(c).mapcount = -1;
        },
      },
    },
  });
  return { ...m, layout: { ...base.layout, mapcountMarker: true } };
}

/** 6.2 without the PageSlab test after __PageMovable (the one that pairs with alloc_slab_page's smp_wmb()). */
export const v62NoSecondSlabCheck = mutant(v62, 'no-second-slab-check', 'isolate_movable_page() does not test PageSlab() again after __PageMovable()', {
  isolate_movable_page: { slab2: { code: 'smp_rmb(); /* MUTANT: no second PageSlab(page) test */', run: () => undefined } },
});

/** 7.0 whose page_has_movable_ops() tests PG_movable_ops (= PG_uptodate) alone, not the page type. */
export const v70NoPageType: Protocol = {
  id: 'v7.0~no-page-type',
  title: 'v7.0 mutant: page_has_movable_ops() without the page type',
  description: `${v70.title}, with one change: page_has_movable_ops() is PageMovableOps(page) alone, without "&& (PageOffline(page) || PageZsmalloc(page))". A mutant.`,
  layout: v70.layout,
  fns: v70Fns(v70.layout, (page) => test(page.flags, PG.uptodate)),
  base: v70.id,
};

/** 7.0 whose zs_page_migrate() does not return early for a zspage destroyed meanwhile: get_zspage() dereferences zpdesc->zspage == NULL. */
export const v70MigrateNoDestroyedCheck = mutant(v70, 'migrate-no-destroyed-check', 'zs_page_migrate() does not return 0 when zpdesc->zspage is NULL', {
  drv_migratepage: {
    destroyed: {
      code: '/* MUTANT: no "if (!zpdesc->zspage) return 0;" */ zspage = get_zspage(zpdesc): BUG_ON(zspage->magic != ZSPAGE_MAGIC);',
      run: (c) => {
        if (pg(c).released) c.fail('no-null-deref', `get_zspage() of page ${num(c.l, 'p')}: zpdesc->zspage is NULL (the zspage was destroyed while the page was isolated)`);
      },
    },
  },
});

/** 7.0 whose isolate_movable_ops_page() does not test PageMovableOpsIsolated() under the page lock. */
export const v70NoIsolatedCheck = mutant(v70, 'no-isolated-check', 'isolate_movable_ops_page() does not test PageMovableOpsIsolated() under the page lock', {
  isolate_movable_page: {
    mv2: { code: 'VM_WARN_ON_ONCE_PAGE(!page_has_movable_ops(page), page); /* MUTANT: no PageMovableOpsIsolated(page) test */', run: () => undefined },
  },
});

/** 7.0 whose zs_page_isolate() isolates a page whose zspage was destroyed (no `return zpdesc->zspage`). */
export const v70IsolateDestroyed = mutant(v70, 'isolate-destroyed', 'zs_page_isolate() returns true for a page whose zspage was destroyed', {
  drv_isolate_page: {
    isolate: {
      code: 'return true; /* MUTANT: not page_zpdesc(page)->zspage */ /* list_del(&page->lru) */',
      run: (c) => {
        const page = pg(c);
        if (page.lru === List.DRV) page.lru = List.NONE;
        c.ret(true);
      },
    },
  },
});

/** 7.0 whose putback_movable_ops_page() does not take the folio lock (as 6.1's putback_movable_pages did for it). */
export const v70PutbackNoLock = mutant(v70, 'putback-no-lock', 'putback_movable_ops_page() does not take folio_lock()', {
  putback_movable_ops_page: {
    lock: { code: 'VM_WARN_ON_ONCE_PAGE(...); /* MUTANT: no folio_lock(folio) */', run: (c) => c.goto('callback') },
    unlock: { code: '/* MUTANT: no folio_unlock(folio) */', run: () => undefined },
  },
});

/** Every mutant of 6.1, 6.2 and 7.0, by id (`<version>~<what is removed>`). */
export const newerMutants: readonly Protocol[] = [
  ...[v61, v62, v70].map(noPrecheck),
  ...V6X.map(noIsolatedCheck),
  ...V6X.map(noMovableCheck),
  ...V6X.map(putbackNoLock),
  ...[v61, v62, v70].map(nonAtomicIsolated),
  ...V6X.map(mapcountMarker),
  v62NoSecondSlabCheck,
  v70NoPageType,
  v70NoIsolatedCheck,
  v70IsolateDestroyed,
  v70MigrateNoDestroyedCheck,
  v70PutbackNoLock,
];
