/**
 * Calling a driver callback through `page->mapping->a_ops`: the call dereferences
 * the mapping (NULL is `no-null-deref`), then the function pointer (absent is
 * `no-false-positive-callback`), on a page that must be the driver's and not
 * yet released (`no-callback-after-release`).
 */
import { mappingName, asOf, aopsOf, type AOps } from './mapping.ts';
import { fields, num, pg, type KCtx, type LocalName } from './dsl.ts';
import { Kind, kindName } from './world.ts';
import type { Locals } from '../checker/index.ts';

/** Name of a callback in address_space_operations. */
export type AOp = keyof AOps;

/** Footprint of callAop on the page in local `v`: the mapping it calls through and the ghost fields its checks read. */
export const aopFields = (v: LocalName = 'p') => fields(v, 'mapping', 'ref', 'kind', 'released');

/**
 * Calls `a_ops->op` of address_space `mapping` (a page->mapping value read by
 * the caller) for the page in local `p`. On a fault the state records it and
 * the call is not made.
 */
export function callAop<L extends string = never>(c: KCtx<L>, op: AOp, mapping: number, args: Locals, then?: L, into?: LocalName): void {
  const p = num(c.l, 'p');
  if (asOf(mapping) === 0) {
    return c.fail('no-null-deref', `page->mapping of page ${p} is NULL: calling a_ops->${op} dereferences NULL`);
  }
  const target = aopsOf[asOf(mapping)]?.[op];
  if (target === undefined) {
    return c.fail(
      'no-false-positive-callback',
      `page ${p}'s mapping ${mappingName(mapping)} has no a_ops->${op}: the VM calls a NULL function pointer`,
    );
  }
  const page = pg(c);
  if (page.ref === 0) return c.fail('no-use-after-free', `a_ops->${op} called on page ${p}, which is free`);
  if (page.kind !== Kind.DRIVER) {
    return c.fail('no-false-positive-callback', `a_ops->${op} called on page ${p}, which is a ${kindName[page.kind]} page, not the driver's`);
  }
  if (page.released) {
    return c.fail('no-callback-after-release', `a_ops->${op} called on page ${p}, which the driver has already released`);
  }
  c.call(target, args, then, into);
}
