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

  /** The code of `v`, assigning the next one on first sight. */
  code(v: unknown): number {
    if (v === undefined) return 0;
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
