/**
 * The page flags word. Atomic bit operations (set_bit, clear_bit and the
 * SetPageX/ClearPageX helpers) change one bit in one step. Non-atomic ones
 * (__set_bit, __clear_bit, __SetPageX, __ClearPageX) are two steps, a load and
 * a store of the whole word, so a concurrent change to another bit between
 * them is lost: the store reports `no-lost-flag-update`.
 */
import { bit, flagNames, type Layout } from '../flags.ts';
import { fields, fn, pg, type KCtx, type KFn, type LocalName } from '../dsl.ts';
import { fuseNonAtomic, mutating, splitAtomic } from '../mutation/hook.ts';

/** Atomic set_bit / clear_bit of bit `b` on the page in local `v` (inline, one step). */
export function atomicBit(c: KCtx, b: number, set: boolean, v: LocalName = 'p'): void {
  const page = pg(c, v);
  if (mutating() && splitAtomic(`${set ? 'set_bit' : 'clear_bit'}(${flagNames(bit(b))})`, page.flags, c.l[v] as number, b, set)) return;
  page.flags = set ? page.flags | bit(b) : page.flags & ~bit(b);
}

/**
 * A non-atomic flag operation as a function of two steps (load, store) on the
 * page in local `p`. `name` is the kernel helper (e.g. `__ClearPageIsolated`),
 * `file` where it is defined.
 */
export function nonAtomicBitFn(file: string, name: string, b: number, set: boolean, layout?: Layout): KFn {
  const op = `${set ? '__set_bit' : '__clear_bit'}(${flagNames(bit(b), layout)}, &page->flags)`;
  return fn(file, name, [
    {
      label: 'load',
      code: `${op}: load page->flags`,
      reads: fields('p', 'flags'),
      run: (c) => {
        if (mutating() && fuseNonAtomic(`${set ? '__set_bit' : '__clear_bit'}(${flagNames(bit(b))})`)) {
          const page = pg(c);
          page.flags = set ? page.flags | bit(b) : page.flags & ~bit(b);
          return c.ret(null);
        }
        c.l.old = pg(c).flags;
      },
    },
    {
      label: 'store',
      code: `${op}: store page->flags`,
      reads: fields('p', 'flags'),
      writes: fields('p', 'flags'),
      run: (c) => {
        const page = pg(c);
        const old = c.l.old as number;
        const next = set ? old | bit(b) : old & ~bit(b);
        const undone = (page.flags ^ next) & ~bit(b);
        if (undone) {
          c.fail(
            'no-lost-flag-update',
            `${name} stored a stale page->flags: ${flagNames(undone, layout)}, changed by another thread after the load, is undone`,
          );
        }
        page.flags = next;
      },
    },
  ]);
}
