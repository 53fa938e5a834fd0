/** `movcheck list`: the catalog and the built-in versions, as text and as JSON. */
import test from 'ava';
import { mutantProtocols, protocols } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { cli } from './_helpers.ts';

/**
 * The catalog as `list --json` must show it, written out by hand from the README's
 * matrix (not read from the catalog objects the command prints): id, review,
 * mutantOf, and each listed version with its expected verdict, in order.
 */
const LISTED: [id: string, review: string | null, mutantOf: string | null, expect: string][] = [
  ["migration-preserves-data", null, null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["migration-preserves-data~no-copy", null, "migration-preserves-data", "v3=migration-preserves-data v3-r2=migration-preserves-data v3-r6=migration-preserves-data v3-r7=migration-preserves-data v3-r9=migration-preserves-data v3-reviewed=migration-preserves-data v4.8=migration-preserves-data v4.10=migration-preserves-data v4.10-generic=migration-preserves-data v4.8-atomic=migration-preserves-data v5.0=migration-preserves-data v5.19=migration-preserves-data v6.1=migration-preserves-data v6.2=migration-preserves-data v7.0=migration-preserves-data"],
  ["parallel-compaction", null, null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=no-callback-after-release"],
  ["parallel-compaction~no-isolated-check", null, "parallel-compaction", "v3~no-isolated-check=no-double-isolation v3-r2~no-isolated-check=no-double-isolation v3-r6~no-isolated-check=no-double-isolation v3-r7~no-isolated-check=no-double-isolation v3-r9~no-isolated-check=no-double-isolation v3-reviewed~no-isolated-check=no-double-isolation v4.8~no-isolated-check=no-double-isolation v4.10~no-isolated-check=no-double-isolation v4.10-generic~no-isolated-check=no-double-isolation v4.8-atomic~no-isolated-check=no-double-isolation v5.0~no-isolated-check=no-double-isolation v5.19~no-isolated-check=no-double-isolation v6.1~no-isolated-check=no-double-isolation v6.2~no-isolated-check=no-double-isolation"],
  ["duty1-mark-under-lock", null, null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["duty1-mark-under-lock~no-lock", null, "duty1-mark-under-lock", "v3=lru-owned-by-isolator v3-r2=lru-owned-by-isolator v3-r6=lru-owned-by-isolator v3-r7=lru-owned-by-isolator v3-r9=lru-owned-by-isolator v3-reviewed=lru-owned-by-isolator v4.8=lru-owned-by-isolator v4.10=lru-owned-by-isolator v4.10-generic=lru-owned-by-isolator v4.8-atomic=lru-owned-by-isolator v5.0=lru-owned-by-isolator v5.19=lru-owned-by-isolator v6.1=lru-owned-by-isolator v6.2=lru-owned-by-isolator v7.0=lru-owned-by-isolator"],
  ["duty3-old-page-left-movable", null, "migration-preserves-data", "v3=free-page-clean v3-r2=free-page-clean v3-r6=free-page-clean v3-r7=free-page-clean v3-r9=free-page-clean v3-reviewed=free-page-clean v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["duty4-putback-leaves-isolated", null, "migration-preserves-data", "v3=no-isolated-leak v3-r2=no-isolated-leak v3-r6=no-isolated-leak v3-r7=no-isolated-leak v3-r9=no-isolated-leak v3-reviewed=no-isolated-leak v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r1-driver-keeps-lru-duty", "R1", null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r1-driver-uses-lru-after-isolation", "R1", "r1-driver-keeps-lru-duty", "v3=lru-owned-by-isolator v3-r2=lru-owned-by-isolator v3-r6=lru-owned-by-isolator v3-r7=lru-owned-by-isolator v3-r9=lru-owned-by-isolator v3-reviewed=lru-owned-by-isolator v4.8=lru-owned-by-isolator v4.10=lru-owned-by-isolator v4.10-generic=lru-owned-by-isolator v4.8-atomic=lru-owned-by-isolator v5.0=lru-owned-by-isolator v5.19=lru-owned-by-isolator v6.1=lru-owned-by-isolator v6.2=lru-owned-by-isolator v7.0=lru-owned-by-isolator"],
  ["r2-release-isolated-page", "R2", null, "v3=isolated-cleared-under-lock v3-r2=movable-cleared-under-lock v3-r6=isolated-cleared-under-lock v3-r7=isolated-cleared-under-lock v3-r9=isolated-cleared-under-lock v3-reviewed=driver-page-off-lru v4.8=pass v4.10=no-lost-flag-update v4.10-generic=no-lost-flag-update v4.8-atomic=pass v5.0=no-lost-flag-update v5.19=pass v6.1=pass v6.2=pass v7.0=no-callback-after-release"],
  ["r2-release-isolated-page~non-atomic-isolated", "R2", "r2-release-isolated-page", "v6.1~non-atomic-isolated=no-lost-flag-update v6.2~non-atomic-isolated=no-lost-flag-update"],
  ["r2-lost-wakeup", "R2", null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=no-hang v4.10-generic=no-hang v4.8-atomic=pass v5.0=no-hang v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r2-lost-wakeup~non-atomic-isolated", "R2", "r2-lost-wakeup", "v6.1~non-atomic-isolated=no-hang v6.2~non-atomic-isolated=no-hang v7.0~non-atomic-isolated=no-hang"],
  ["r3-driver-uses-owner-priv-1", "R3", null, "v3=isolated-cleared-under-lock v3-r2=isolated-cleared-under-lock v3-r6=isolated-cleared-under-lock v3-r7=isolated-cleared-under-lock v3-r9=isolated-cleared-under-lock v3-reviewed=isolated-cleared-under-lock v4.8=no-lost-flag-update v4.10=no-lost-flag-update v4.10-generic=no-lost-flag-update v4.8-atomic=pass v5.0=no-lost-flag-update v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r3-driver-uses-reclaim", "R3", "r3-driver-uses-owner-priv-1", "v3=driver-page-off-lru v3-r2=driver-page-off-lru v3-r6=driver-page-off-lru v3-r7=driver-page-off-lru v3-r9=driver-page-off-lru v3-reviewed=driver-page-off-lru v4.8=kernel-warn-on v4.10=kernel-warn-on v4.10-generic=kernel-warn-on v4.8-atomic=kernel-warn-on v5.0=kernel-warn-on v5.19=kernel-warn-on v6.1=kernel-bug-on v6.2=kernel-bug-on v7.0=kernel-warn-on"],
  ["r3-driver-uses-owner-priv-1~non-atomic-isolated", "R3", "r3-driver-uses-owner-priv-1", "v6.1~non-atomic-isolated=no-lost-flag-update v6.2~non-atomic-isolated=no-lost-flag-update v7.0~non-atomic-isolated=no-lost-flag-update"],
  ["r4-reclaim-false-positive-isolate", "R4", null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r4-reclaim-false-positive-isolate~mutants", "R4", "r4-reclaim-false-positive-isolate", "v3~no-mapcount-check=no-false-positive-callback v3-r2~no-mapcount-check=no-false-positive-callback v3-r6~no-mapcount-check=no-false-positive-callback v3-r7~no-mapcount-check=no-false-positive-callback v3-r9~flag-only-locked=no-false-positive-callback v3-reviewed~flag-only-locked=no-false-positive-callback v7.0~no-page-type=kernel-warn-on"],
  ["r5-movable-and-mapped", "R5", null, "v3=mapcount-consistent v3-r2=mapcount-consistent v3-r6=mapcount-consistent v3-r7=mapcount-consistent v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass"],
  ["r5-movable-and-mapped~marker", "R5", "r5-movable-and-mapped", "v3-r9~mapcount-marker=mapcount-consistent v3-reviewed~mapcount-marker=mapcount-consistent v4.8~mapcount-marker=mapcount-consistent v4.10~mapcount-marker=mapcount-consistent v4.10-generic~mapcount-marker=mapcount-consistent v4.8-atomic~mapcount-marker=mapcount-consistent v5.0~mapcount-marker=mapcount-consistent v5.19~mapcount-marker=mapcount-consistent v6.1~mapcount-marker=mapcount-consistent v6.2~mapcount-marker=mapcount-consistent"],
  ["r6-putback-unlocked-clear", "R6", null, "v3=movable-cleared-under-lock v3-r2=movable-cleared-under-lock v3-r6=no-callback-after-release v3-r7=movable-cleared-under-lock v3-r9=movable-cleared-under-lock v3-reviewed=no-callback-after-release v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=no-callback-after-release"],
  ["r6-putback-unlocked-clear~no-lock", "R6", "r6-putback-unlocked-clear", "v4.8~putback-no-lock=no-callback-after-release v4.10~putback-no-lock=no-callback-after-release v4.10-generic~putback-no-lock=no-callback-after-release v4.8-atomic~putback-no-lock=no-callback-after-release v5.0~putback-no-lock=no-callback-after-release v5.19~putback-no-lock=no-callback-after-release v6.1~putback-no-lock=no-callback-after-release v6.2~putback-no-lock=no-callback-after-release"],
  ["r6-putback-unlocked-clear~no-movable-check", "R6", "r6-putback-unlocked-clear", "v4.8~no-movable-check=no-null-deref v4.10~no-movable-check=no-null-deref v4.10-generic~no-movable-check=no-null-deref v4.8-atomic~no-movable-check=no-null-deref v5.0~no-movable-check=no-null-deref v5.19~no-movable-check=no-null-deref v6.1~no-movable-check=no-null-deref v6.2~no-movable-check=no-null-deref"],
  ["r7-unmap-and-move-unlocked-clear", "R7", null, "v3=movable-cleared-under-lock v3-r2=movable-cleared-under-lock v3-r6=movable-cleared-under-lock v3-r7=movable-cleared-under-lock v3-r9=movable-cleared-under-lock v3-reviewed=no-callback-after-release v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=no-callback-after-release"],
  ["r7-unmap-and-move-unlocked-clear~no-lock", "R7", "r7-unmap-and-move-unlocked-clear", "v4.8~freed-no-lock=no-lost-flag-update v4.10~freed-no-lock=no-lost-flag-update v4.10-generic~freed-no-lock=no-lost-flag-update v5.0~freed-no-lock=no-lost-flag-update"],
  ["r7-unmap-and-move-unlocked-clear~no-movable-check", "R7", "r7-unmap-and-move-unlocked-clear", "v4.8~no-movable-check=no-null-deref v4.10~no-movable-check=no-null-deref v4.10-generic~no-movable-check=no-null-deref v4.8-atomic~no-movable-check=no-null-deref v5.0~no-movable-check=no-null-deref v5.19~no-movable-check=no-null-deref"],
  ["r7-unmap-and-move-unlocked-clear~scanned-no-movable-check", "R7", "r7-unmap-and-move-unlocked-clear", "v6.1~no-movable-check=no-null-deref v6.2~no-movable-check=no-null-deref"],
  ["r8-reclaim-false-positive-migrate", "R8", null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=no-false-positive-movable v3-reviewed=no-false-positive-movable v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r8-reclaim-false-positive-migrate~mutants", "R8", "r8-reclaim-false-positive-migrate", "v3~no-mapcount-check=no-false-positive-movable v3-r2~no-mapcount-check=no-false-positive-movable v3-r6~no-mapcount-check=no-false-positive-movable v3-r7~no-mapcount-check=no-false-positive-movable v7.0~no-page-type=no-null-deref"],
  ["r9-new-page-owner-lock", "R9", null, "v3=pass v3-r2=pass v3-r6=pass v3-r7=pass v3-r9=pass v3-reviewed=pass v4.8=pass v4.10=pass v4.10-generic=pass v4.8-atomic=pass v5.0=pass v5.19=pass v6.1=pass v6.2=pass v7.0=pass"],
  ["r9-new-page-owner-lock~no-precheck", "R9", "r9-new-page-owner-lock", "v3~no-precheck=page-lock-consistent v3-r2~no-precheck=page-lock-consistent v3-r6~no-precheck=page-lock-consistent v3-r7~no-precheck=page-lock-consistent v3-r9~no-precheck=page-lock-consistent v3-reviewed~no-precheck=page-lock-consistent v4.8~no-precheck=page-lock-consistent v4.10~no-precheck=page-lock-consistent v4.10-generic~no-precheck=page-lock-consistent v4.8-atomic~no-precheck=page-lock-consistent v5.0~no-precheck=page-lock-consistent v5.19~no-precheck=page-lock-consistent v6.1~no-precheck=page-lock-consistent v6.2~no-precheck=page-lock-consistent v7.0~no-precheck=page-lock-consistent"],
  ["slab-page-looks-movable", null, null, "v6.1=no-false-positive-callback v6.2=pass v7.0=pass"],
  ["slab-page-looks-movable~no-second-slab-check", null, "slab-page-looks-movable", "v6.2~no-second-slab-check=no-false-positive-callback"],
  ["v7-zspage-destroyed-while-isolated", null, null, "v6.1=pass v6.2=pass v7.0=pass"],
  ["v7-zspage-destroyed-while-isolated~mutants", null, "v7-zspage-destroyed-while-isolated", "v6.1~non-atomic-isolated=no-lost-flag-update v6.2~non-atomic-isolated=no-lost-flag-update v7.0~migrate-no-destroyed-check=no-null-deref"],
  ["v7-released-page-rescanned", null, null, "v6.1=pass v6.2=pass v7.0=pass"],
  ["v7-released-page-rescanned~no-isolated-check", null, "v7-released-page-rescanned", "v6.1~no-isolated-check=no-double-isolation v6.2~no-isolated-check=no-double-isolation v7.0~no-isolated-check=no-double-isolation"],
];

test('list --json is an array of {id, title, review, protocols} mirroring the catalog', async (t) => {
  const r = await cli(['list', '--json']);
  t.is(r.code, 0);
  const doc = JSON.parse(r.stdout) as { id: string; title: string; review: string | null; protocols: string[]; expect: Record<string, string>; mutantOf: string | null }[];
  t.true(Array.isArray(doc));
  t.deepEqual(doc.map((s) => s.id), LISTED.map(([id]) => id));
  for (const [i, [id, review, mutantOf, expect]] of LISTED.entries()) {
    const s = doc[i]!;
    t.is(s.review, review, id);
    t.is(s.mutantOf, mutantOf, id);
    t.is(Object.entries(s.expect).map(([v, e]) => `${v}=${e}`).join(' '), expect, id);
    t.deepEqual(s.protocols, expect.split(' ').map((e) => e.slice(0, e.indexOf('='))), id);
  }
  t.is(doc.find((s) => s.id === 'r2-release-isolated-page')?.title, 'R2: the driver releases a page that compaction has isolated');
  t.is(doc.find((s) => s.id === 'r6-putback-unlocked-clear~no-lock')?.title, 'Mutant: v4.8 putback_movable_pages without lock_page');
});

test('list names every scenario and version', async (t) => {
  const r = await cli(['list']);
  t.is(r.code, 0);
  t.regex(r.stdout, /^scenarios:\n/);
  t.regex(r.stdout, /\nprotocol versions:\n/);
  for (const s of catalog) t.true(r.stdout.includes(`  ${s.id} `), s.id);
  for (const p of protocols) t.regex(r.stdout, new RegExp(`^  ${p.id.replace(/\./g, '\\.')} +${p.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  for (const p of mutantProtocols) t.true(r.stdout.includes(`  ${p.id} `), p.id);
});
