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
    }
    return c;
  }
}

/** True when `v` fits an integer slot. */
export function fitsSlot(v: unknown): v is number {
  return typeof v === 'number' && (v << 16) >> 16 === v && !Object.is(v, -0);
}
