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
} as const;

/** Base names of the bits, indexed by bit number. */
export const baseFlagNames: readonly string[] = [
  'PG_locked',
  'PG_waiters',
  'PG_lru',
  'PG_reclaim',
  'PG_owner_priv_1',
  'PG_writeback',
];

/** How a version encodes "movable" and "isolated". */
export interface Layout {
  /** Bit of PG_isolated (v3: PG_owner_priv_1; v4.8: PG_reclaim). */
  readonly isolated: number;
  /** Bit of PG_movable (v3: PG_reclaim), or null when movability is the PAGE_MAPPING_MOVABLE tag (v4.8). */
  readonly movable: number | null;
  /** v3: movable pages carry `_mapcount == PAGE_MOVABLE_MAPCOUNT_VALUE`. */
  readonly mapcountMarker: boolean;
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
  if (layout?.movable === b) alias.push('PG_movable');
  if (layout?.isolated === b) alias.push('PG_isolated');
  return alias.length ? `${base}(=${alias.join(',')})` : base;
}

/** Names of the bits set in `mask`, joined by `|` (`0` when none). */
export function flagNames(mask: number, layout?: Layout): string {
  const out: string[] = [];
  for (let b = 0; mask >> b; b++) if ((mask >> b) & 1) out.push(flagName(b, layout));
  return out.length ? out.join('|') : '0';
}
