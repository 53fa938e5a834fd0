/**
 * Regression pins: the shortest counterexample (invariant and schedule) BFS
 * finds for every violating pair of the catalog, and one exact printed report.
 * A change of the model or the explorer that alters any of them must update
 * these pins on purpose (and say why in the CHANGELOG).
 */
import test from 'ava';
import { explore } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { cli } from '../cli/_helpers.ts';

/** `<scenario> @ <version>` -> `<invariant> <schedule>`; every other catalog pair passes. */
const PINS: Record<string, string> = {
  'migration-preserves-data~no-copy @ v3': 'migration-preserves-data 000000000000000000a000000000a00000000000000000001',
  'migration-preserves-data~no-copy @ v3-reviewed': 'migration-preserves-data 0000000000000000a000000000a000000000000000001',
  'migration-preserves-data~no-copy @ v4.8': 'migration-preserves-data 000000000000000000a000000000a000000000000001',
  'migration-preserves-data~no-copy @ v4.10': 'migration-preserves-data 000000000000000000a000000000a000000000000001',
  'migration-preserves-data~no-copy @ v4.8-atomic': 'migration-preserves-data 00000000000000000a000000000a00000000000001',
  'migration-preserves-data~no-copy @ v5.0': 'migration-preserves-data 000000000000000000a000000000a00000000000001',
  'migration-preserves-data~no-copy @ v5.19': 'migration-preserves-data 00000000000000000a000000000a0000000000001',
  'migration-preserves-data~no-copy @ v6.1': 'migration-preserves-data 0000000000000000a000000000a0000000000001',
  'migration-preserves-data~no-copy @ v6.2': 'migration-preserves-data 000000000000000000a000000000a0000000000001',
  'migration-preserves-data~no-copy @ v7.0': 'migration-preserves-data 00000000000000a000000a00000000001',
  'parallel-compaction @ v7.0': 'no-callback-after-release 00000000000000a000000a0000000001111111',
  'parallel-compaction~no-isolated-check @ v3~no-isolated-check': 'no-double-isolation 00000000000000111110011111111111',
  'parallel-compaction~no-isolated-check @ v3-reviewed~no-isolated-check': 'no-double-isolation 0000000000001111001111111111',
  'parallel-compaction~no-isolated-check @ v4.8~no-isolated-check': 'no-double-isolation 00000000000000111100111111111111',
  'parallel-compaction~no-isolated-check @ v4.10~no-isolated-check': 'no-double-isolation 00000000000000111100111111111111',
  'parallel-compaction~no-isolated-check @ v4.8-atomic~no-isolated-check': 'no-double-isolation 000000000000011110011111111111',
  'parallel-compaction~no-isolated-check @ v5.0~no-isolated-check': 'no-double-isolation 00000000000000111100111111111111',
  'parallel-compaction~no-isolated-check @ v5.19~no-isolated-check': 'no-double-isolation 000000000000011110011111111111',
  'parallel-compaction~no-isolated-check @ v6.1~no-isolated-check': 'no-double-isolation 00000000000110011111111111',
  'parallel-compaction~no-isolated-check @ v6.2~no-isolated-check': 'no-double-isolation 000000000000011001111111111111',
  'duty1-mark-under-lock~no-lock @ v3': 'lru-owned-by-isolator 0000011111111111111011',
  'duty1-mark-under-lock~no-lock @ v3-reviewed': 'lru-owned-by-isolator 0000111111111111011',
  'duty1-mark-under-lock~no-lock @ v4.8': 'lru-owned-by-isolator 0011111111111101111',
  'duty1-mark-under-lock~no-lock @ v4.10': 'lru-owned-by-isolator 0011111111111101111',
  'duty1-mark-under-lock~no-lock @ v4.8-atomic': 'lru-owned-by-isolator 001111111111110111',
  'duty1-mark-under-lock~no-lock @ v5.0': 'lru-owned-by-isolator 0011111111111101111',
  'duty1-mark-under-lock~no-lock @ v5.19': 'lru-owned-by-isolator 001111111111110111',
  'duty1-mark-under-lock~no-lock @ v6.1': 'lru-owned-by-isolator 0011111111110111',
  'duty1-mark-under-lock~no-lock @ v6.2': 'lru-owned-by-isolator 001111111111110111',
  'duty1-mark-under-lock~no-lock @ v7.0': 'lru-owned-by-isolator 000111111110111',
  'duty3-old-page-left-movable @ v3': 'free-page-clean 000000000000000000a000000000a000000000000000',
  'duty3-old-page-left-movable @ v3-reviewed': 'free-page-clean 0000000000000000a000000000a00000000000000',
  'duty4-putback-leaves-isolated @ v3': 'no-isolated-leak 000000000000000000b00000000000',
  'duty4-putback-leaves-isolated @ v3-reviewed': 'no-isolated-leak 0000000000000000b0000000000',
  'r1-driver-uses-lru-after-isolation @ v3': 'lru-owned-by-isolator 0000000000000000',
  'r1-driver-uses-lru-after-isolation @ v3-reviewed': 'lru-owned-by-isolator 00000000000000',
  'r1-driver-uses-lru-after-isolation @ v4.8': 'lru-owned-by-isolator 0000000000000000',
  'r1-driver-uses-lru-after-isolation @ v4.10': 'lru-owned-by-isolator 0000000000000000',
  'r1-driver-uses-lru-after-isolation @ v4.8-atomic': 'lru-owned-by-isolator 000000000000000',
  'r1-driver-uses-lru-after-isolation @ v5.0': 'lru-owned-by-isolator 0000000000000000',
  'r1-driver-uses-lru-after-isolation @ v5.19': 'lru-owned-by-isolator 000000000000000',
  'r1-driver-uses-lru-after-isolation @ v6.1': 'lru-owned-by-isolator 0000000000000',
  'r1-driver-uses-lru-after-isolation @ v6.2': 'lru-owned-by-isolator 000000000000000',
  'r1-driver-uses-lru-after-isolation @ v7.0': 'lru-owned-by-isolator 00000000000',
  'r2-release-isolated-page @ v3': 'isolated-cleared-under-lock 111',
  'r2-release-isolated-page @ v3-reviewed': 'no-lost-flag-update 00a0111101',
  'r2-release-isolated-page @ v4.10': 'no-lost-flag-update 00b00000000110',
  'r2-release-isolated-page @ v5.0': 'no-lost-flag-update 00b00000000110',
  'r2-release-isolated-page @ v7.0': 'no-callback-after-release 000a11110000',
  'r2-release-isolated-page~non-atomic-isolated @ v6.1~non-atomic-isolated': 'no-lost-flag-update 000b00000000110',
  'r2-release-isolated-page~non-atomic-isolated @ v6.2~non-atomic-isolated': 'no-lost-flag-update 000b00000000110',
  'r2-lost-wakeup @ v3-reviewed': 'no-hang 00a0111101111',
  'r2-lost-wakeup @ v4.10': 'no-hang 00b0000000011000',
  'r2-lost-wakeup @ v5.0': 'no-hang 00b0000000011000',
  'r2-lost-wakeup~non-atomic-isolated @ v6.1~non-atomic-isolated': 'no-hang 000b0000000011000',
  'r2-lost-wakeup~non-atomic-isolated @ v6.2~non-atomic-isolated': 'no-hang 000b0000000011000',
  'r2-lost-wakeup~non-atomic-isolated @ v7.0~non-atomic-isolated': 'no-hang 000b00000011000',
  'r3-driver-uses-owner-priv-1 @ v3': 'isolated-cleared-under-lock 11',
  'r3-driver-uses-owner-priv-1 @ v3-reviewed': 'isolated-cleared-under-lock 11',
  'r3-driver-uses-owner-priv-1 @ v4.8': 'no-lost-flag-update 0000000000000010',
  'r3-driver-uses-owner-priv-1 @ v4.10': 'no-lost-flag-update 0000000000000010',
  'r3-driver-uses-owner-priv-1 @ v5.0': 'no-lost-flag-update 0000000000000010',
  'r3-driver-uses-reclaim @ v3': 'driver-page-off-lru 000000000000000000b01100',
  'r3-driver-uses-reclaim @ v3-reviewed': 'driver-page-off-lru 0000000000000000b01100',
  'r3-driver-uses-reclaim @ v4.8': 'kernel-warn-on 00000000000010',
  'r3-driver-uses-reclaim @ v4.10': 'kernel-warn-on 00000000000010',
  'r3-driver-uses-reclaim @ v4.8-atomic': 'kernel-warn-on 00000000000010',
  'r3-driver-uses-reclaim @ v5.0': 'kernel-warn-on 00000000000010',
  'r3-driver-uses-reclaim @ v5.19': 'kernel-warn-on 00000000000010',
  'r3-driver-uses-reclaim @ v6.1': 'kernel-bug-on 00000000010',
  'r3-driver-uses-reclaim @ v6.2': 'kernel-bug-on 0000000000010',
  'r3-driver-uses-reclaim @ v7.0': 'kernel-warn-on 0000000010',
  'r3-driver-uses-owner-priv-1~non-atomic-isolated @ v6.1~non-atomic-isolated': 'no-lost-flag-update 00000000000010',
  'r3-driver-uses-owner-priv-1~non-atomic-isolated @ v6.2~non-atomic-isolated': 'no-lost-flag-update 0000000000000010',
  'r3-driver-uses-owner-priv-1~non-atomic-isolated @ v7.0~non-atomic-isolated': 'no-lost-flag-update 000000000010',
  'r4-reclaim-false-positive-isolate~mutants @ v3~no-mapcount-check': 'no-false-positive-callback 0000000000',
  'r4-reclaim-false-positive-isolate~mutants @ v3-reviewed~flag-only-locked': 'no-false-positive-callback 0000000000',
  'r4-reclaim-false-positive-isolate~mutants @ v7.0~no-page-type': 'kernel-warn-on 01000000',
  'r5-movable-and-mapped @ v3': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v3-reviewed~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v4.8~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v4.10~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v4.8-atomic~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v5.0~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v5.19~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v6.1~mapcount-marker': 'mapcount-consistent 0',
  'r5-movable-and-mapped~marker @ v6.2~mapcount-marker': 'mapcount-consistent 0',
  'r6-putback-unlocked-clear @ v3': 'movable-cleared-under-lock 00000000',
  'r6-putback-unlocked-clear @ v3-reviewed': 'no-callback-after-release 11111111111',
  'r6-putback-unlocked-clear @ v7.0': 'no-callback-after-release 00000',
  'r6-putback-unlocked-clear~no-lock @ v4.8~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-lock @ v4.10~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-lock @ v4.8-atomic~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-lock @ v5.0~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-lock @ v5.19~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-lock @ v6.1~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-lock @ v6.2~putback-no-lock': 'no-callback-after-release 000002220',
  'r6-putback-unlocked-clear~no-movable-check @ v4.8~no-movable-check': 'no-null-deref 00000000011111111111',
  'r6-putback-unlocked-clear~no-movable-check @ v4.10~no-movable-check': 'no-null-deref 00000000011111111111',
  'r6-putback-unlocked-clear~no-movable-check @ v4.8-atomic~no-movable-check': 'no-null-deref 0000000011111111111',
  'r6-putback-unlocked-clear~no-movable-check @ v5.0~no-movable-check': 'no-null-deref 00000000011111111111',
  'r6-putback-unlocked-clear~no-movable-check @ v5.19~no-movable-check': 'no-null-deref 0000000011111111111',
  'r6-putback-unlocked-clear~no-movable-check @ v6.1~no-movable-check': 'no-null-deref 00000000111111111',
  'r6-putback-unlocked-clear~no-movable-check @ v6.2~no-movable-check': 'no-null-deref 0000000011111111111',
  'r7-unmap-and-move-unlocked-clear @ v3': 'movable-cleared-under-lock 00a0000000',
  'r7-unmap-and-move-unlocked-clear @ v3-reviewed': 'no-callback-after-release 11111111111',
  'r7-unmap-and-move-unlocked-clear @ v7.0': 'no-callback-after-release 000a0000',
  'r7-unmap-and-move-unlocked-clear~no-lock @ v4.8~freed-no-lock': 'no-lost-flag-update 00a000001110',
  'r7-unmap-and-move-unlocked-clear~no-lock @ v4.10~freed-no-lock': 'no-lost-flag-update 00a000001110',
  'r7-unmap-and-move-unlocked-clear~no-lock @ v5.0~freed-no-lock': 'no-lost-flag-update 00a000001110',
  'r7-unmap-and-move-unlocked-clear~no-movable-check @ v4.8~no-movable-check': 'no-null-deref 00a0000000011111111111',
  'r7-unmap-and-move-unlocked-clear~no-movable-check @ v4.10~no-movable-check': 'no-null-deref 00a0000000011111111111',
  'r7-unmap-and-move-unlocked-clear~no-movable-check @ v4.8-atomic~no-movable-check': 'no-null-deref 00a000000011111111111',
  'r7-unmap-and-move-unlocked-clear~no-movable-check @ v5.0~no-movable-check': 'no-null-deref 00a0000000011111111111',
  'r7-unmap-and-move-unlocked-clear~no-movable-check @ v5.19~no-movable-check': 'no-null-deref 00a000000011111111111',
  'r7-unmap-and-move-unlocked-clear~scanned-no-movable-check @ v6.1~no-movable-check': 'no-null-deref 0100b0000000111111',
  'r7-unmap-and-move-unlocked-clear~scanned-no-movable-check @ v6.2~no-movable-check': 'no-null-deref 0100b000000011111111',
  'r8-reclaim-false-positive-migrate @ v3-reviewed': 'no-false-positive-movable 00b0000',
  'r8-reclaim-false-positive-migrate~mutants @ v3~no-mapcount-check': 'no-false-positive-movable 00b000',
  'r8-reclaim-false-positive-migrate~mutants @ v7.0~no-page-type': 'no-null-deref 000a0000',
  'r9-new-page-owner-lock~no-precheck @ v3~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v3-reviewed~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v4.8~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v4.10~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v4.8-atomic~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v5.0~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v5.19~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v6.1~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v6.2~no-precheck': 'page-lock-consistent 10011',
  'r9-new-page-owner-lock~no-precheck @ v7.0~no-precheck': 'page-lock-consistent 10011',
  'slab-page-looks-movable @ v6.1': 'no-false-positive-callback 10111000000',
  'slab-page-looks-movable~no-second-slab-check @ v6.2~no-second-slab-check': 'no-false-positive-callback 1001110000000',
  'v7-zspage-destroyed-while-isolated~mutants @ v6.1~non-atomic-isolated': 'no-lost-flag-update 000b00000000110',
  'v7-zspage-destroyed-while-isolated~mutants @ v6.2~non-atomic-isolated': 'no-lost-flag-update 000b00000000110',
  'v7-zspage-destroyed-while-isolated~mutants @ v7.0~migrate-no-destroyed-check': 'no-null-deref 000a111100000',
  'v7-released-page-rescanned~no-isolated-check @ v6.1~no-isolated-check': 'no-double-isolation 00000000000110011111111111',
  'v7-released-page-rescanned~no-isolated-check @ v6.2~no-isolated-check': 'no-double-isolation 000000000000011001111111111111',
  'v7-released-page-rescanned~no-isolated-check @ v7.0~no-isolated-check': 'no-double-isolation 0000000001100111111111'
};

for (const s of catalog) {
  for (const pid of s.protocols) {
    const key = `${s.id} @ ${pid}`;
    test(`pinned: ${key}`, (t) => {
      const only = s.expect[pid]?.only; // checked as the gate's first search checks it
      const r = explore(s.build(protocolById(pid)!, only ? { only: new Set(only) } : {}), { progress: null });
      const got = r.verdict === 'violation' ? `${r.invariant} ${r.schedule}` : r.verdict;
      t.is(got, PINS[key] ?? 'pass');
    });
  }
}

test('pins name only catalog pairs', (t) => {
  const keys = new Set(catalog.flatMap((s) => s.protocols.map((p) => `${s.id} @ ${p}`)));
  t.deepEqual(Object.keys(PINS).filter((k) => !keys.has(k)), []);
});

/** `movcheck run r2-release-isolated-page --protocol v3`, byte for byte. */
const R2_V3 = "r2-release-isolated-page \u2014 R2: the driver releases a page that compaction has isolated\nprotocol: v3 \u2014 v3 as posted (2016-03-30)\nreview:   R2: \"Under lock? Or just with ClearPageIsolated?\"\nverdict:  VIOLATION of isolated-cleared-under-lock (step invariant)\n          D clears PG_isolated of page 0 without holding its PG_lock\nexpected: violation of isolated-cleared-under-lock (matches) \u2014 As posted, duty 5 lets the driver\n          ClearPageIsolated() without PG_lock, while C0 may be between its PageIsolated() test and\n          the driver callback.\n\ntrace (3 steps):\n# | C0                                             | D\n--+------------------------------------------------+-----------------------------------------------\n1 |                                                | drv_free_page: page = obj_to_page(obj);\n  |                                                |   get_page(page); /* the driver frees its\n  |                                                |   object and its page */\n  |                                                | \u2192 page0: _refcount 2->3\n2 |                                                | drv_free_page: if (PageIsolated(page))\n  |                                                | \u2192 page0: released by the driver\n  |                                                | \u2192 driver's object freed\n3 |                                                | ClearPageIsolated: ClearPageIsolated(page):\n  |                                                |   clear_bit(PG_isolated, &page->flags)\n  |                                                | \u2192 page0: flags -PG_owner_priv_1(=PG_isolated)\nreplay: movcheck replay r2-release-isolated-page --protocol v3 --schedule 111\n\nsearched 12 states, 16 transitions, depth 3; 64-bit fingerprints, P(collision) <= 3.6e-18\n";

test('the R2 counterexample under v3 prints exactly', async (t) => {
  const out = await cli(['run', 'r2-release-isolated-page', '--protocol', 'v3']);
  t.is(out.code, 1);
  t.is(out.stdout, R2_V3);
});
