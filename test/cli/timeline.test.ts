/**
 * `movcheck timeline`: one scenario under every version it lists, in kernel
 * order, with the commit that changed each verdict; the catalog as a matrix;
 * --only, --format md, bad input; and the compiled CLI (dist/, `npm run build`
 * first).
 */
import test from 'ava';
import { cli, spawnCli } from './_helpers.ts';
import { inKernelOrder, kernelIndex } from '../../cli/commands/timeline.ts';
import { protocols } from '../../model/versions/index.ts';

/** The version and verdict columns of a text timeline, one `version verdict` per version line. */
function verdicts(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^ {2}v\d/.test(l))
    .map((l) => {
      const cols = l.trim().split(/\s{2,}/);
      return `${cols[0]} ${cols[2]}`;
    });
}

/** The versions whose line is followed by a `^ changed` line. */
function changedAt(stdout: string): string[] {
  const lines = stdout.split('\n');
  return lines.flatMap((l, i) => (/^ {6}\^ changed/.test(lines[i + 1] ?? '') ? [l.trim().split(/\s+/)[0]!] : []));
}

test('the built-in versions are in kernel order, each with the kernel and commit that made it', (t) => {
  t.deepEqual(
    protocols.map((p) => p.id),
    ['v3', 'v3-r2', 'v3-r6', 'v3-r7', 'v3-r9', 'v3-reviewed', 'v4.8', 'v4.10', 'v4.10-generic', 'v4.8-atomic', 'v5.0', 'v5.19', 'v6.1', 'v6.2', 'v7.0'],
  );
  for (const p of protocols) {
    t.truthy(p.since, `${p.id} has no since`);
    t.true((p.since?.commit.length ?? 0) > 10, p.id);
  }
  t.is(protocols.find((p) => p.id === 'v6.2')?.since?.commit, 'mm/migrate: make isolate_movable_page() skip slab pages (8b8817630ae8)');
});

test('kernel order: mutants and derived versions go where their base is, unknown ids last', (t) => {
  t.is(kernelIndex('v3'), 0);
  t.is(kernelIndex('v7.0'), 14);
  t.is(kernelIndex('v6.2~no-second-slab-check'), kernelIndex('v6.2'));
  t.is(kernelIndex('my-patch'), protocols.length);
  t.deepEqual(inKernelOrder(['v7.0', 'my-patch', 'v6.1~no-precheck', 'v3', 'v6.1']), ['v3', 'v6.1~no-precheck', 'v6.1', 'v7.0', 'my-patch']);
});

test('timeline of r2-release-isolated-page: every version in kernel order, and the commit at each change', async (t) => {
  const r = await cli(['timeline', 'r2-release-isolated-page']);
  t.is(r.code, 0, r.stderr);
  t.true(r.stdout.startsWith('timeline of r2-release-isolated-page: R2: the driver releases a page that compaction has isolated\n'));
  t.deepEqual(verdicts(r.stdout), [
    'v3 ✗ isolated-cleared-under-lock',
    'v3-r2 ✗ movable-cleared-under-lock',
    'v3-r6 ✗ isolated-cleared-under-lock',
    'v3-r7 ✗ isolated-cleared-under-lock',
    'v3-r9 ✗ isolated-cleared-under-lock',
    'v3-reviewed ✗ driver-page-off-lru',
    'v4.8 pass',
    'v4.10 ✗ no-lost-flag-update',
    'v4.10-generic ✗ no-lost-flag-update',
    'v4.8-atomic pass',
    'v5.0 ✗ no-lost-flag-update',
    'v5.19 pass',
    'v6.1 pass',
    'v6.2 pass',
    'v7.0 ✗ no-callback-after-release',
  ]);
  // Each fix of v3, and v3-reviewed, is compared with v3 (its base); v5.0 with its base v4.10, not with the backport v4.8-atomic listed before it.
  t.deepEqual(changedAt(r.stdout), ['v3-r2', 'v3-reviewed', 'v4.8', 'v4.10', 'v4.8-atomic', 'v5.19', 'v7.0']);
  t.regex(r.stdout, /\^ changed from isolated-cleared-under-lock \(v3\) by v3 patch: review R2 alone: /);
  t.regex(r.stdout, /\^ changed from no-lost-flag-update \(v5\.0\) by 5\.19: mm\/migrate: fix race between lock page and clear PG_Isolated \(356ea3865687\)/);
  t.regex(r.stdout, /\^ changed from pass \(v6\.2\) by 7\.0: mm\/migrate: rework movable_ops page migration/);
  t.is((r.stdout.match(/ ✓\n/g) ?? []).length, 15, 'every version matches its expectation');
  t.regex(r.stderr, /^movcheck: timeline checked 15 pairs in \d+\.\d\ds\n$/);
});

test('timeline --format md of the slab scenario: a table, the change in bold, and the 6.2 commit', async (t) => {
  const r = await cli(['timeline', 'slab-page-looks-movable', '--format', 'md']);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  t.is(lines[0], '## Timeline of slab-page-looks-movable');
  t.true(lines.includes('| version | kernel | verdict | steps | states | expected |'));
  t.true(lines.some((l) => l.startsWith('| v6.1 | 6.1 | ✗ no-false-positive-callback | 11 | ')));
  t.true(lines.some((l) => l.startsWith('| v6.2 | 6.2 | **pass** | - | ')));
  t.true(lines.some((l) => l.startsWith('| v7.0 | 7.0 | pass | - | ')));
  t.true(lines.includes('- **v6.2** (no-false-positive-callback under v6.1 → pass): 6.2: mm/migrate: make isolate_movable_page() skip slab pages (8b8817630ae8)'));
});

test('timeline --only shows the verdicts unjudged: no expectation column, exit 0', async (t) => {
  const r = await cli(['timeline', 'r2-lost-wakeup', '--only', 'no-hang']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(verdicts(r.stdout), ['v3 pass', 'v3-r2 pass', 'v3-r6 pass', 'v3-r7 pass', 'v3-r9 pass', 'v3-reviewed pass', 'v4.8 pass', 'v4.10 ✗ no-hang', 'v4.10-generic ✗ no-hang', 'v4.8-atomic pass', 'v5.0 ✗ no-hang', 'v5.19 pass', 'v6.1 pass', 'v6.2 pass', 'v7.0 pass']);
  t.false(r.stdout.includes('✓'));
});

test('timeline of a mutant scenario orders its mutant versions by their bases', async (t) => {
  const r = await cli(['timeline', 'v7-zspage-destroyed-while-isolated~mutants']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(verdicts(r.stdout), ['v6.1~non-atomic-isolated ✗ no-lost-flag-update', 'v6.2~non-atomic-isolated ✗ no-lost-flag-update', 'v7.0~migrate-no-destroyed-check ✗ no-null-deref']);
  // Mutants have no commit: a changed verdict says so.
  t.regex(r.stdout, /\^ changed from no-lost-flag-update \(v6\.2~non-atomic-isolated\) by no commit recorded for this version/);
});

test('timeline with no scenario: the catalog as a scenarios x versions matrix, and the changes by version', async (t) => {
  const r = await cli(['timeline']);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  t.deepEqual(lines[0]!.split(/\s+/), ['scenario', 'v3', 'v3-r2', 'v3-r6', 'v3-r7', 'v3-r9', 'v3-reviewed', 'v4.8', 'v4.10', 'v4.10-generic', 'v4.8-atomic', 'v5.0', 'v5.19', 'v6.1', 'v6.2', 'v7.0']);
  const row = (id: string) => lines.find((l) => l.startsWith(`${id} `))!.slice(lines[0]!.indexOf('v3 ')).split(/\s{2,}/);
  t.deepEqual(row('slab-page-looks-movable'), ['-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '✗ no-false-positive-callback', '» pass', 'pass']);
  t.deepEqual(row('r5-movable-and-mapped'), ['✗ mapcount-consistent', '✗ mapcount-consistent', '✗ mapcount-consistent', '✗ mapcount-consistent', '» pass', '» pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', '-']);
  // Only scenarios that are not mutants: 16 rows.
  t.is(lines.slice(1, lines.indexOf('')).length, 16);
  t.false(r.stdout.includes('~'));
  const at = lines.indexOf('  v6.2 (6.2: mm/migrate: make isolate_movable_page() skip slab pages (8b8817630ae8)):');
  t.true(at > 0);
  t.is(lines[at + 1], '      slab-page-looks-movable no-false-positive-callback → pass');
  const v70 = lines.indexOf('  v7.0 (7.0: mm/migrate: rework movable_ops page migration (2025), and the balloon page-lock removal):');
  t.deepEqual(lines.slice(v70 + 1, v70 + 5), [
    '      parallel-compaction pass → no-callback-after-release',
    '      r2-release-isolated-page pass → no-callback-after-release',
    '      r6-putback-unlocked-clear pass → no-callback-after-release',
    '      r7-unmap-and-move-unlocked-clear pass → no-callback-after-release',
  ]);
  t.false(r.stdout.includes('does not match'));
});

test('timeline: bad input is exit 2 with one line', async (t) => {
  const unknown = await cli(['timeline', 'no-such-scenario']);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /^movcheck: unknown scenario 'no-such-scenario'; valid: /);
  const format = await cli(['timeline', 'r9-new-page-owner-lock', '--format', 'json']);
  t.is(format.code, 2);
  t.is(format.stderr, "movcheck: --format of timeline must be one of text, md, got 'json'; e.g. --format text\n");
  const two = await cli(['timeline', 'r9-new-page-owner-lock', 'r2-lost-wakeup']);
  t.is(two.code, 2);
  const only = await cli(['timeline', 'r9-new-page-owner-lock', '--only', 'no-such-invariant']);
  t.is(only.code, 2);
  t.regex(only.stderr, /no-such-invariant/);
});

test('help timeline shows its usage', async (t) => {
  const r = await cli(['help', 'timeline']);
  t.is(r.code, 0);
  t.true(r.stdout.startsWith('usage: movcheck timeline [<scenario-id|file>] '));
  t.regex(r.stdout, /--format text\|md/);
});

test('the compiled CLI runs timeline (dist/)', async (t) => {
  const r = await spawnCli(['timeline', 'r9-new-page-owner-lock']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(verdicts(r.stdout), ['v3 pass', 'v3-r2 pass', 'v3-r6 pass', 'v3-r7 pass', 'v3-r9 pass', 'v3-reviewed pass', 'v4.8 pass', 'v4.10 pass', 'v4.10-generic pass', 'v4.8-atomic pass', 'v5.0 pass', 'v5.19 pass', 'v6.1 pass', 'v6.2 pass', 'v7.0 pass']);
  t.true(r.stdout.includes('The verdict is the same under every version.'));
});
