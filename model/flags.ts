/**
 * The page flags word. Bit numbers are the model's own (the order in the
 * kernel does not matter); what matters is that they share one word, and that
 * a version may alias PG_movable / PG_isolated onto existing bits.
 */
import { check, mutating } from './mutation/hook.ts';

/** Bit numbers of the flags that matter to the protocol. */
export const PG = {
  locked: 0,
  waiters: 1,
  lru: 2,
  reclaim: 3,
  owner_priv_1: 4,
  writeback: 5,
  /** PG_uptodate: tracked only where a version aliases it (7.0's PG_movable_ops). */
  uptodate: 6,
  /** PG_slab (6.1, 6.2: a page flag; 7.0 has a slab page type instead). */
  slab: 7,
} as const;

/** Base names of the bits, indexed by bit number. */
export const baseFlagNames: readonly string[] = [
  'PG_locked',
  'PG_waiters',
  'PG_lru',
  'PG_reclaim',
  'PG_owner_priv_1',
  'PG_writeback',
  'PG_uptodate',
  'PG_slab',
];

/**
 * Which page lock a kernel has: 'bitwait' is 4.8's (a sleeper waits on the
 * hashed bit waitqueue and writes nothing to page->flags, see
 * prim/pagelock-bitwait.ts); 'waiters' is 4.10's and later (a sleeper sets
 * PG_waiters, see prim/pagelock.ts), with x86's one-step unlock_page();
 * 'waiters-generic' is the same lock on an architecture without
 * clear_bit_unlock_is_negative_byte(), whose unlock_page() tests PG_waiters
 * in a step after clear_bit_unlock (prim/pagelock-generic.ts).
 */
export type PageLockKind = 'bitwait' | 'waiters' | 'waiters-generic';

/**
 * How a version encodes "movable" and "isolated", and which of the kernel's
 * primitives it runs on (page lock, free path).
 */
export interface Layout {
  /** Bit of PG_isolated (v3: PG_owner_priv_1; v4.8: PG_reclaim). */
  readonly isolated: number;
  /** Bit of PG_movable (v3: PG_reclaim), or null when movability is the PAGE_MAPPING_MOVABLE tag (v4.8). */
  readonly movable: number | null;
  /** v3: movable pages carry `_mapcount == PAGE_MOVABLE_MAPCOUNT_VALUE`. */
  readonly mapcountMarker: boolean;
  /** The page lock (default 'waiters', the 4.10+ PG_waiters lock). */
  readonly pageLock?: PageLockKind;
  /** The free path's checks (default: the v3 reading, prim/freepage.ts FREE_V3). */
  readonly free?: FreeRules;
  /**
   * 7.0: movability is PG_movable_ops (bit `movable`, set atomically) plus a
   * page type in page_type (over `_mapcount`, see pagetype.ts); both stay
   * until the page is freed, and a page its driver released is told apart by
   * the driver (zpdesc->zspage == NULL), not by the VM. Absent: false.
   */
  readonly movableOps?: boolean;
  /** Names of the aliases shown after a bit's name (default PG_movable, PG_isolated; 7.0: PG_movable_ops, PG_movable_ops_isolated). */
  readonly aliasNames?: { readonly movable: string; readonly isolated: string };
}

/**
 * What `free_pages_prepare()` does with a page whose refcount reached 0, as a
 * version's kernel has it (mm/page_alloc.c, PAGE_FLAGS_CHECK_AT_FREE and
 * PAGE_FLAGS_CHECK_AT_PREP in include/linux/page-flags.h). The values are in
 * prim/freepage.ts.
 */
export interface FreeRules {
  /** The kernel the rules are read from, for messages (e.g. `4.8`). */
  readonly kernel: string;
  /** The modelled bits of PAGE_FLAGS_CHECK_AT_FREE: set at free, a "Bad page state". */
  readonly atFree: number;
  /** 7.0: `if (unlikely(page_has_type(page))) page->page_type = UINT_MAX;` before the check (see pagetype.ts). Absent: false. */
  readonly resetsPageType?: boolean;
  /** The movable and isolated marks of a driver page are bad too (v3's reading of duty 3), and so are a page still on a list or isolated (ghost). */
  readonly marksBad: boolean;
  /** A clean page's flags are cleared (`page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP`, every modelled bit). */
  readonly clearsAtPrep: boolean;
}

/** `PAGE_MOVABLE_MAPCOUNT_VALUE` of v3. */
export const PAGE_MOVABLE_MAPCOUNT_VALUE = -255;

/** Mask of one bit. */
export function bit(b: number): number {
  return 1 << b;
}

/** True when bit `b` is set in `flags` (a check an automatic mutant may force, see model/mutation/hook.ts). */
export function test(flags: number, b: number): boolean {
  const r = (flags & (1 << b)) !== 0;
  return mutating() ? check(r, `test(${baseFlagNames[b] ?? `bit${b}`})`) : r;
}

/** Display name of bit `b` under `layout`, with its alias (e.g. `PG_reclaim(=PG_movable)`). */
export function flagName(b: number, layout?: Layout): string {
  const base = baseFlagNames[b] ?? `bit${b}`;
  const alias: string[] = [];
  if (layout?.movable === b) alias.push(layout.aliasNames?.movable ?? 'PG_movable');
  if (layout?.isolated === b) alias.push(layout.aliasNames?.isolated ?? 'PG_isolated');
  return alias.length ? `${base}(=${alias.join(',')})` : base;
}

/** Names of the bits set in `mask`, joined by `|` (`0` when none). */
export function flagNames(mask: number, layout?: Layout): string {
  const out: string[] = [];
  for (let b = 0; mask >> b; b++) if ((mask >> b) & 1) out.push(flagName(b, layout));
  return out.length ? out.join('|') : '0';
}
