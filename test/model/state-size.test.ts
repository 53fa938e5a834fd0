/**
 * The state stays small: the explorer keys its visited set by the state's
 * fingerprint string, so its length is memory per state. Measured when this
 * test was written: a page fingerprints in 122-126 characters (13 fields,
 * holds of length threads+1), the thread stacks in 104-112, the rest of the
 * world in 51; the largest catalog state (r7: 3 pages, 2 threads) is 546.
 * The bounds leave ~10% margin: room for a new small field, not for a page
 * that grows a list or a state that grows a page.
 */
import test from 'ava';
import { fingerprint, type SysState } from '../../checker/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import type { World } from '../../model/world.ts';
import { catalog } from '../../scenarios/index.ts';

/** Bound on the whole initial state of a catalog scenario (largest measured: 546). */
const STATE_BOUND = 600;
/** Bound on one page (largest measured: 126). */
const PAGE_BOUND = 140;

for (const s of catalog) {
  test(`${s.id}: the initial state's fingerprint is under ${STATE_BOUND} characters, each page under ${PAGE_BOUND}`, (t) => {
    for (const pid of s.protocols) {
      const p = protocolById(pid);
      if (!p) return t.fail(`unknown protocol ${pid}`);
      const model = s.build(p);
      const init = model.init() as SysState<World>;
      const fp = model.fingerprint(init);
      t.true(fp.length < STATE_BOUND, `${pid}: ${fp.length} characters`);
      for (const [i, page] of init.w.pages.entries()) {
        const n = fingerprint(page).length;
        t.true(n < PAGE_BOUND, `${pid}: page ${i} is ${n} characters`);
      }
    }
  });
}
