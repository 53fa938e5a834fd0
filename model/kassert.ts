/**
 * The kernel's own assertions, checked where the kernel checks them:
 * VM_BUG_ON_PAGE / VM_BUG_ON / BUG_ON (`kernel-bug-on`: with
 * CONFIG_DEBUG_VM the kernel oopses) and WARN_ON_ONCE (`kernel-warn-on`: a
 * warning with a backtrace). A step evaluates the asserted condition on the
 * world as the kernel would at that statement and, when it holds, records the
 * violation with the assertion's text and its function.
 */
import { num, type KCtx, type LocalName } from './dsl.ts';

/** `VM_BUG_ON_PAGE(cond, page)` (or VM_BUG_ON, BUG_ON) in kernel function `fn`: fails `kernel-bug-on` when `cond` holds. */
export function bugOn(c: KCtx, cond: boolean, assertion: string, fn: string, v: LocalName = 'p'): void {
  if (cond) c.fail('kernel-bug-on', `${assertion} in ${fn}() fires on page ${num(c.l, v)}`);
}

/** `WARN_ON_ONCE(cond)` in kernel function `fn`: fails `kernel-warn-on` when `cond` holds. */
export function warnOn(c: KCtx, cond: boolean, assertion: string, fn: string, v: LocalName = 'p'): void {
  if (cond) c.fail('kernel-warn-on', `${assertion} in ${fn}() fires on page ${num(c.l, v)}`);
}
