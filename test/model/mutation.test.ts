/**
 * Automatic mutants (model/mutation/, cli/mutants/): discovery finds the sites
 * of a version from its steps, each site gives its mutants, and a mutant runs
 * as the version with one change. Two of them are the 2022 fix and its
 * reversal: v4.10's non-atomic __ClearPageIsolated made atomic passes R2, and
 * v4.8-atomic's atomic ClearPageIsolated made a load and a store loses
 * PG_waiters again.
 */
import test from 'ava';
import { protocolById } from '../../model/versions/index.ts';
import { scenarioById } from '../../scenarios/index.ts';
import { discover } from '../../cli/mutants/run.ts';
import { enumerateMutants, mutantProtocol, type Mutant } from '../../model/mutation/mutants.ts';
import { checkPair } from '../../cli/check.ts';
import { parseEquivalents } from '../../cli/mutants/equivalents.ts';
import { mutating } from '../../model/mutation/hook.ts';
import type { Protocol } from '../../model/protocol.ts';

const SEARCH = { strategy: 'bfs' } as const;

/** The mutants of `version` that scenario `sid` reaches. */
function mutantsOf(version: string, sid: string): { v: Protocol; ms: Mutant[] } {
  const v = protocolById(version) as Protocol;
  const { d } = discover(v, [scenarioById(sid)!], SEARCH);
  return { v, ms: enumerateMutants(v, d) };
}

/** The verdict of scenario `sid` under protocol `p` (every invariant). */
function verdict(sid: string, p: Protocol): string {
  const s = scenarioById(sid)!;
  const r = checkPair({ scenario: { value: s, ref: sid }, protocol: { value: p, ref: p.id }, expected: null }, SEARCH, null, null).result;
  return r.verdict === 'violation' ? r.invariant : r.verdict;
}

test('the 2022 fix, generated: v4.10 with __ClearPageIsolated made atomic passes R2', (t) => {
  const { v, ms } = mutantsOf('v4.10', 'r2-release-isolated-page');
  t.is(verdict('r2-release-isolated-page', v), 'no-lost-flag-update');
  const m = ms.find((x) => x.id === 'v4.10~atomic@__ClearPageIsolated/load/__clear_bit(PG_reclaim)');
  t.truthy(m);
  t.deepEqual(m!.where, { file: 'include/linux/page-flags.h', fn: '__ClearPageIsolated', code: '__clear_bit(PG_reclaim(=PG_isolated), &page->flags): load page->flags' });
  t.is(verdict('r2-release-isolated-page', mutantProtocol(v, m!)), 'pass');
});

test('the fix undone: v4.8-atomic with ClearPageIsolated split into a load and a store loses PG_waiters', (t) => {
  const { v, ms } = mutantsOf('v4.8-atomic', 'r2-release-isolated-page');
  t.is(verdict('r2-release-isolated-page', v), 'pass');
  const m = ms.find((x) => x.id === 'v4.8-atomic~non-atomic@__ClearPageIsolated/clear/clear_bit(PG_reclaim)')!;
  t.is(m.kind, 'non-atomic');
  const p = mutantProtocol(v, m);
  // The store is a step of its own, right after the load.
  t.deepEqual(p.fns.__ClearPageIsolated!.steps.map((s) => s.label), ['clear', 'clear~store']);
  t.is(verdict('r2-release-isolated-page', p), 'no-lost-flag-update');
});

test('v4.8 on r6: the mutants, by kind, and the dropped trylock_page is killed', (t) => {
  const { v, ms } = mutantsOf('v4.8', 'r6-putback-unlocked-clear');
  const kinds: Record<string, number> = {};
  for (const m of ms) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
  t.deepEqual(kinds, { 'always-true': 14, 'always-false': 14, atomic: 1, 'no-get': 1, 'no-lock': 2, 'unlock-early': 2, 'no-put': 2 });
  const m = ms.find((x) => x.id === 'v4.8~no-lock@isolate_movable_page/trylock/trylock_page(p)')!;
  t.is(m.where.code, 'if (unlikely(!trylock_page(page))) goto out_putpage;');
  t.not(verdict('r6-putback-unlocked-clear', mutantProtocol(v, m)), 'pass');
});

test('an unlock moved one step earlier is a step of its own in front of the step before it', (t) => {
  const { v, ms } = mutantsOf('v4.8', 'r6-putback-unlocked-clear');
  const m = ms.find((x) => x.kind === 'unlock-early' && x.mutation.site.fn === 'putback_movable_pages')!;
  t.is(m.id, 'v4.8~unlock-early@putback_movable_pages/lock_unlock/unlock_page(p)<lock_which');
  const labels = mutantProtocol(v, m).fns.putback_movable_pages!.steps.map((s) => s.label);
  t.deepEqual(labels.slice(labels.indexOf('lock_which'), labels.indexOf('lock_unlock') + 1), ['lock_which', 'lock_which~body', 'lock_unlock']);
  // The driver's putback_page then runs without PG_lock.
  t.not(verdict('r6-putback-unlocked-clear', mutantProtocol(v, m)), 'pass');
});

test('outside an instrumented step the hooks are off', (t) => {
  t.false(mutating());
});

test('the equivalents file: ids with reasons, $-keys are comments, bad entries are one-line errors', (t) => {
  t.deepEqual([...parseEquivalents('{"$comment": "x", "v4.8~no-put@a/b/put_page(p)": " why "}', 'f.json')], [['v4.8~no-put@a/b/put_page(p)', 'why']]);
  t.throws(() => parseEquivalents('[]', 'f.json'), { message: 'f.json must be a JSON object {"<mutant id>": "<reason>"}; fix the file' });
  t.throws(() => parseEquivalents('{"x": "y"}', 'f.json'), { message: "f.json: 'x' is not a mutant id (<version>~<kind>@<fn>/<step>/<what>); fix the file" });
  t.throws(() => parseEquivalents('{"v~a": ""}', 'f.json'), { message: "f.json: the reason for 'v~a' must be one non-empty line; fix the file" });
  t.throws(() => parseEquivalents('{', 'f.json'), { message: /^f\.json is not valid JSON: / });
});
