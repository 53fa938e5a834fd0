/**
 * Mutant versions: a shipped version with one lock, check or atomic operation
 * removed. Each passing scenario of the catalog runs some of them and must
 * fail, which shows that the scenario's checks can bite.
 */
import { PAGE_MOVABLE_MAPCOUNT_VALUE, test } from '../flags.ts';
import { AS, mappingOf, PAGE_MAPPING_MOVABLE } from '../mapping.ts';
import { pg } from '../dsl.ts';
import { mutant } from '../mutate.ts';
import type { Protocol } from '../protocol.ts';
import { getPageUnlessZero } from '../prim/refcount.ts';
import { ownerSlot } from '../world.ts';
import { v3 } from './v3.ts';
import { v3Reviewed, v3ReviewedFns } from './v3-reviewed.ts';
import { v3R2 } from './v3-r2.ts';
import { v3R6 } from './v3-r6.ts';
import { v3R7 } from './v3-r7.ts';
import { r9Fix, v3R9 } from './v3-r9.ts';
import { fixedFns } from './review-fix.ts';
import { v410Generic } from './v4.10-generic.ts';
import { v48 } from './v4.8.ts';
import { v48Atomic } from './v4.8-atomic.ts';
import { v410 } from './v4.10.ts';
import { v50 } from './v5.0.ts';
import { v519 } from './v5.19.ts';
import type { KCtx } from '../dsl.ts';

/** isolate_movable_page without the PageMovable check before trylock_page (the one that keeps it off new pages' PG_lock). */
const noPrecheck = {
  isolate_movable_page: {
    get: {
      code: 'if (unlikely(!get_page_unless_zero(page))) goto out; /* MUTANT: no PageMovable() check before trylock_page() */',
      run: (c: KCtx<string>) => (getPageUnlessZero(c, ownerSlot(c.tid)) ? c.goto('trylock') : c.ret(false)),
    },
  },
};

/** isolate_movable_page without the PageIsolated() test under PG_lock (the one that refuses a page another thread isolated). */
function noIsolatedCheck(base: Protocol): Protocol {
  return mutant(base, 'no-isolated-check', 'isolate_movable_page() does not test PageIsolated() under PG_lock', {
    isolate_movable_page: {
      mv2: {
        code: 'if (!PageMovable(page)) goto out_no_isolated; /* MUTANT: no PageIsolated(page) test */',
        run: (c) => void (c.l.mv || c.goto('out_no_isolated')),
      },
    },
  });
}

/**
 * isolate_movable_page without the PageMovable() test under PG_lock (the one
 * that refuses a page its driver released: v4.8's driver clears the mapping
 * with __ClearPageMovable under PG_lock, mm/compaction.c, and
 * isolate_movable_page re-checks "if (!PageMovable(page) || PageIsolated(page))"
 * under the lock, mm/migrate.c).
 */
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

/** v3's PageMovable (of v3 or a one-fix version that keeps it) without the _mapcount marker test. */
function noMarkerCheck(base: Protocol): Protocol {
  return mutant(base, 'no-mapcount-check', 'PageMovable() tests PG_movable only, not the _mapcount marker', {
    PageMovable: { bit: { code: 'return test_bit(PG_movable, &(page)->flags); /* MUTANT */', run: (c) => c.ret(test(pg(c).flags, base.layout.movable ?? 0)) } },
  });
}

/** v3's PageMovable without the _mapcount marker test. */
export const v3NoMarkerCheck = noMarkerCheck(v3);
/** The same in the one-fix versions that keep v3's PageMovable (all but v3-r9). */
export const v3FixesNoMarkerCheck = [v3R2, v3R6, v3R7].map(noMarkerCheck);

/** A version with R9's PageMovable(page, page_locked) whose locked call does not look at a_ops->isolate_page. */
function flagOnlyLocked(base: Protocol): Protocol {
  return mutant(base, 'flag-only-locked', 'PageMovable(page, true) tests PG_movable only, not a_ops->isolate_page', {
    PageMovable: { bit: { code: 'return test_bit(PG_movable, &(page->flags)); /* MUTANT: no a_ops check under PG_lock */', run: (c) => c.ret(test(pg(c).flags, base.layout.movable ?? 0)) } },
  });
}

/** v3-reviewed whose PageMovable(page, true) does not look at a_ops->isolate_page. */
export const v3rFlagOnly = flagOnlyLocked(v3Reviewed);
/** v3-r9 whose PageMovable(page, true) does not look at a_ops->isolate_page. */
export const v3r9FlagOnly = flagOnlyLocked(v3R9);

/** v3-reviewed keeping v3's _mapcount marker (R5's objection). */
export const v3rMarker: Protocol = (() => {
  const layout = { ...v3Reviewed.layout, mapcountMarker: true };
  return {
    id: 'v3-reviewed~mapcount-marker',
    title: 'v3-reviewed mutant: keeps the _mapcount marker',
    description: "v3-reviewed, but __SetPageMovable still stores PAGE_MOVABLE_MAPCOUNT_VALUE in _mapcount, as v3 did. A mutant for R5.",
    layout,
    fns: v3ReviewedFns(layout),
    base: v3Reviewed.id,
  };
})();

/** v3-r9 keeping v3's _mapcount marker (R5's objection, as v3-reviewed~mapcount-marker). */
export const v3r9Marker: Protocol = (() => {
  const layout = { ...v3R9.layout, mapcountMarker: true };
  return {
    id: 'v3-r9~mapcount-marker',
    title: 'v3-r9 mutant: keeps the _mapcount marker',
    description: "v3-r9, but __SetPageMovable still stores PAGE_MOVABLE_MAPCOUNT_VALUE in _mapcount, as v3 did. A mutant for R5.",
    layout,
    fns: fixedFns([r9Fix], layout),
    base: v3R9.id,
  };
})();

/**
 * A v4.8-like version that, as v3 did, also marks a movable page with
 * _mapcount == PAGE_MOVABLE_MAPCOUNT_VALUE (R5's objection, as
 * v3-reviewed~mapcount-marker): __SetPageMovable stores the marker with the
 * mapping tag, __ClearPageMovable resets it to -1.
 */
function v48Marker(base: Protocol): Protocol {
  const m = mutant(base, 'mapcount-marker', 'keeps the _mapcount marker', {
    __SetPageMovable: {
      store: {
        code: 'page->mapping = (void *)((unsigned long)mapping | PAGE_MAPPING_MOVABLE); atomic_set(&page->_mapcount, PAGE_MOVABLE_MAPCOUNT_VALUE); /* MUTANT */',
        run: (c) => {
          pg(c).mapping = mappingOf(AS.DRIVER, PAGE_MAPPING_MOVABLE);
          pg(c).mapcount = PAGE_MOVABLE_MAPCOUNT_VALUE;
        },
      },
    },
    __ClearPageMovable: {
      store: {
        code: 'page->mapping = (void *)((unsigned long)page->mapping & PAGE_MAPPING_MOVABLE); atomic_set(&page->_mapcount, -1); /* MUTANT */',
        run: (c) => {
          pg(c).mapping &= PAGE_MAPPING_MOVABLE;
          pg(c).mapcount = -1;
        },
      },
    },
  });
  return { ...m, layout: { ...base.layout, mapcountMarker: true } };
}

/** putback_movable_pages of a v4.8-like version without lock_page/unlock_page around the released-page handling (R6 asked of v4.8). */
function putbackNoLock(base: Protocol): Protocol {
  return mutant(base, 'putback-no-lock', 'putback_movable_pages() does not take lock_page()', {
    putback_movable_pages: {
      lock: { code: 'VM_BUG_ON_PAGE(!PageIsolated(page), page); /* MUTANT: no lock_page(page) */', run: (c) => c.goto('lock_check') },
      lock_unlock: { code: '/* MUTANT: no unlock_page(page) */', run: (c) => c.goto('put') },
    },
  });
}

/** unmap_and_move of a v4.8-like version without lock_page/unlock_page in the freed-under-us path (R7 asked of v4.8). */
function freedNoLock(base: Protocol): Protocol {
  return mutant(base, 'freed-no-lock', 'unmap_and_move() handles a page freed under it without lock_page()', {
    unmap_and_move: {
      freed: { code: 'if (unlikely(__PageMovable(page))) { /* MUTANT: no lock_page(page) */', run: (c) => c.goto('freed_check') },
      freed_unlock: { code: '/* MUTANT: no unlock_page(page) */', run: (c) => c.goto('freed_put_new') },
    },
  });
}

/**
 * The versions built on v4.8's code (mapping tag, PG_isolated set and cleared
 * by the VM under PG_lock), in kernel order: each gets the same mutants.
 */
const v48Family: readonly Protocol[] = [v48, v410, v410Generic, v48Atomic, v50, v519];

export const v48FamilyMapcountMarker = v48Family.map(v48Marker);
export const v48FamilyPutbackNoLock = v48Family.map(putbackNoLock);
/*
 * freed-no-lock only where PG_isolated is non-atomic (v4.8, v4.10, v4.10-generic, v5.0): with the atomic
 * ClearPageIsolated() (v4.8-atomic, v5.19) that lock protects nothing the model can see
 * (see r7-unmap-and-move-unlocked-clear~no-lock).
 */
export const v48FamilyFreedNoLock = [v48, v410, v410Generic, v50].map(freedNoLock);
export const v3NoPrecheck = mutant(v3, 'no-precheck', 'isolate_movable_page() takes trylock_page() without checking PageMovable() first', noPrecheck);
export const v3rNoPrecheck = mutant(v3Reviewed, 'no-precheck', 'isolate_movable_page() takes trylock_page() without checking PageMovable() first', noPrecheck);
/** The one-fix versions of v3, in the order of their reviews. */
const v3Fixes: readonly Protocol[] = [v3R2, v3R6, v3R7, v3R9];
export const v3FixesNoPrecheck = v3Fixes.map((v) => mutant(v, 'no-precheck', 'isolate_movable_page() takes trylock_page() without checking PageMovable() first', noPrecheck));
export const v48FamilyNoPrecheck = v48Family.map((v) =>
  mutant(v, 'no-precheck', 'isolate_movable_page() takes trylock_page() without checking __PageMovable() first', noPrecheck),
);

export const noIsolatedCheckMutants = [v3, ...v3Fixes, v3Reviewed, ...v48Family].map(noIsolatedCheck);
export const v48FamilyNoMovableCheck = v48Family.map(noMovableCheck);

/** Every mutant version, by id (`<version>~<what is removed>`). */
export const mutantProtocols: readonly Protocol[] = [
  v3NoMarkerCheck,
  ...v3FixesNoMarkerCheck,
  v3rFlagOnly,
  v3r9FlagOnly,
  v3rMarker,
  v3r9Marker,
  ...v48FamilyMapcountMarker,
  ...v48FamilyPutbackNoLock,
  ...v48FamilyFreedNoLock,
  v3NoPrecheck,
  v3rNoPrecheck,
  ...v3FixesNoPrecheck,
  ...v48FamilyNoPrecheck,
  ...noIsolatedCheckMutants,
  ...v48FamilyNoMovableCheck,
];
