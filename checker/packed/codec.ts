/**
 * Values as small integers: every slot of a packed state is one Int16, so a
 * value that is not a small integer (null, a string, a boolean local, a return
 * code) is interned once per build and stored as its code. Code 0 is "absent".
 */

/** The most distinct interned values one build can hold (Int16 codes). */
export const MAX_CODES = 32767;

/** Smallest and greatest integer a slot can hold. */
export const SLOT_MIN = -32768;
export const SLOT_MAX = 32767;

/** Interning table: value ↔ code, code 0 reserved for `undefined` (absent). */
export class Interner {
  readonly vals: unknown[] = [undefined];
  private readonly codes = new Map<unknown, number>();
  /** Codes of the integers -64..191 (0: none yet), the values most locals hold: an array load instead of a map lookup. */
  private readonly small = new Int32Array(256);
  /**
   * A parallel search's worker (parallel.ts): codes from here on are its own,
   * so assigning one throws CodeGrowth (after assigning it) and the search
   * starts again with every worker knowing the value. Infinity elsewhere.
   */
  limit = Infinity;

  /** Assigns codes to `vals` (another interner's, code 1 first) in order, so both give every one of them the same code. */
  seed(vals: readonly unknown[]): void {
    for (let i = 1; i < vals.length; i++) {
      if (this.code(vals[i]) !== i) throw new Error(`interner: value ${String(vals[i])} seeded out of order`);
    }
  }

  /** The code of `v`, assigning the next one on first sight. */
  code(v: unknown): number {
    if (typeof v === 'number' && (v | 0) === v && v >= -64 && v < 192) {
      const c = this.small[v + 64] as number;
      if (c !== 0) return c;
      return (this.small[v + 64] = this.assign(v));
    }
    return v === undefined ? 0 : this.assign(v);
  }

  /** The code of `v` (not undefined) from the map, assigning the next one on first sight. */
  private assign(v: unknown): number {
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.vals.length;
      if (c > MAX_CODES) throw new RangeError(`packed state: more than ${MAX_CODES} distinct non-integer values`);
      this.vals.push(v);
      this.codes.set(v, c);
      if (c >= this.limit) throw new CodeGrowth(`a new value ${typeof v === 'string' ? JSON.stringify(v) : String(v)} met`);
    }
    return c;
  }
}

const CODE_GROWTH = Symbol.for('movcheck.CodeGrowth');

/** Thrown by an interner past its `limit`: a parallel search's worker met a value the others may code differently. */
export class CodeGrowth extends Error {
  readonly [CODE_GROWTH] = true;
  static is(e: unknown): e is CodeGrowth {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[CODE_GROWTH] === true;
  }
}

/** True when `v` fits an integer slot. */
export function fitsSlot(v: unknown): v is number {
  return typeof v === 'number' && (v << 16) >> 16 === v && !Object.is(v, -0);
}
