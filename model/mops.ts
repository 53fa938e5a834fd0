/**
 * Calling a driver callback through `struct movable_operations` (6.1 on):
 * `page_movable_ops(page)->op(...)`. Where the ops come from differs: 6.1 and
 * 6.2 take them from `page->mapping - PAGE_MAPPING_MOVABLE`, 7.0 from the page
 * type (PageOffline: the balloon's, PageZsmalloc: zsmalloc's). The caller
 * passes the ops it read, as a mapping-style address_space id (AS.DRIVER is
 * the model's zsmalloc-like driver, `&zsmalloc_mops`; 0 is NULL; anything else
 * has no callbacks the model knows: a wild pointer).
 *
 * A NULL ops is `no-null-deref`, a wild one or a page that is not the
 * driver's `no-false-positive-callback`, a free page `no-use-after-free`: the
 * call is not made (a search that leaves that invariant out goes on as if the
 * callback failed: isolate_page false, migrate_page -EBUSY). A page the driver has already released is
 * `no-callback-after-release`, and the call IS made: 7.0 calls the callbacks
 * of released pages by design (its driver refuses them), so a check that
 * leaves that invariant out (`only`) goes on into the driver.
 */
import { aopsOf, AS, LIST_POISON2, mappingName, type AOps } from './mapping.ts';
import { num, pg, RC, type KCtx, type LocalName } from './dsl.ts';
import { Kind, kindName } from './world.ts';
import type { Locals } from '../checker/index.ts';

/** A callback of struct movable_operations, by the model's name of the driver function. */
export type MopsOp = 'isolate_page' | 'migrate_page' | 'putback_page';

/** What a callback that could not be called "returns" when its fault's invariant is not checked: isolate_page false, migrate_page -EBUSY (a permanent failure). */
const FAILED: Readonly<Record<MopsOp, boolean | number | null>> = { isolate_page: false, migrate_page: RC.EBUSY, putback_page: null };

/** The model's callback names (aopsOf keeps v4.8's a_ops names: migratepage). */
const MODEL_NAME: Readonly<Record<MopsOp, keyof AOps>> = { isolate_page: 'isolate_page', migrate_page: 'migratepage', putback_page: 'putback_page' };

/**
 * Calls `mops->op` for the page in local `p`, where `ops` is the ops pointer
 * the caller read (an address_space id, see the module comment) and `what`
 * says where it came from (for messages, e.g. `page->mapping`).
 */
export function callMops<L extends string = never>(c: KCtx<L>, op: MopsOp, ops: number, what: string, args: Locals, then?: L, into?: LocalName): void {
  const p = num(c.l, 'p');
  // The call cannot be made: the fault is recorded; a search that leaves its invariant out goes on as if the callback failed.
  const fault = (inv: string, msg: string) => {
    c.fail(inv, msg);
    if (into !== undefined) c.l[into] = FAILED[op];
    if (then !== undefined) c.goto(then);
  };
  if (ops === 0) return fault('no-null-deref', `page_movable_ops(page ${p}) is NULL (${what}): mops->${op} dereferences NULL`);
  const target = ops === AS.DRIVER ? aopsOf[AS.DRIVER]?.[MODEL_NAME[op]] : undefined;
  if (target === undefined) {
    const name = ops === LIST_POISON2 >> 2 ? 'LIST_POISON2 - PAGE_MAPPING_MOVABLE' : mappingName(ops << 2);
    return fault('no-false-positive-callback', `page_movable_ops(page ${p}) is ${name} (${what}), no struct movable_operations: mops->${op} jumps through a wild pointer`);
  }
  const page = pg(c);
  if (page.ref === 0) return fault('no-use-after-free', `mops->${op} called on page ${p}, which is free`);
  if (page.kind !== Kind.DRIVER) {
    return fault('no-false-positive-callback', `mops->${op} called on page ${p}, which is a ${kindName[page.kind]} page, not the driver's`);
  }
  if (page.released) c.fail('no-callback-after-release', `mops->${op} called on page ${p}, which the driver has already released`);
  c.call(target, args, then, into);
}
