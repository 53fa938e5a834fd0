/**
 * Catalog mutants show the harm (issue 11, item 3): every passing
 * (scenario, version) pair has a mutant, every mutant fails, and it fails
 * through an invariant about the outcome (double isolation, a lost flag, a
 * callback after release, a NULL dereference, a dirty free, ...) with another
 * thread taking part, not only through a rule-style "cleared without the lock"
 * check. Where a rule-style check fires first, the mutant's expectation checks
 * only the outcome invariants (`only`) and expects a violation there, and the
 * trace to it has at least two threads (the harm is done to another thread, not
 * only a rule broken by one). Elsewhere an outcome invariant is the harm
 * itself, which may be done to a party that runs inside the compaction thread
 * (the driver's callbacks, a page-cache page's mapping).
 *
 * A mutant of a passing pair (S, v) is a pair (M, m) of a scenario M with
 * `mutantOf.id === S` that expects a violation, where m is v (the driver or
 * the system is what M changes) or a mutant version of v (`m.base === v`);
 * or, for a version made of its base plus one atomic operation
 * (v4.8-atomic), S itself expecting an outcome violation under that base.
 */
import test from 'ava';
import { explore, type Result } from '../../checker/index.ts';
import { outcomeInvariantIds, ruleStyleInvariants } from '../../model/invariants.ts';
import { protocolById } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';
import type { Expected, Scenario } from '../../scenarios/types.ts';

/** Passing pairs with no mutant, each with the reason no single change makes one fail. */
const NO_MUTANT: Readonly<Record<string, string>> = {
  'r2-lost-wakeup @ v3':
    "checks only no-hang: v3's atomic ClearPageIsolated() stores no stale flags word; v3 is no passing version of R2 (r2-release-isolated-page fails it)",
  'r4-reclaim-false-positive-isolate @ v4.8': "v4.8's movable tag is in page->mapping, which no single removal puts on a page-cache page",
  'r4-reclaim-false-positive-isolate @ v4.8-atomic': 'as v4.8',
  'r8-reclaim-false-positive-migrate @ v4.8': "v4.8's movable tag is in page->mapping, which no single removal puts on a page-cache page",
  'r8-reclaim-false-positive-migrate @ v4.8-atomic': 'as v4.8',
  'r4-reclaim-false-positive-isolate @ v4.10': 'as v4.8',
  'r4-reclaim-false-positive-isolate @ v5.0': 'as v4.8',
  'r4-reclaim-false-positive-isolate @ v5.19': 'as v4.8',
  'r8-reclaim-false-positive-migrate @ v4.10': 'as v4.8',
  'r8-reclaim-false-positive-migrate @ v5.0': 'as v4.8',
  'r8-reclaim-false-positive-migrate @ v5.19': 'as v4.8',
  'r2-release-isolated-page @ v4.8':
    "4.8's page lock (the bit waitqueue) writes nothing to page->flags, so no single removal makes the VM's non-atomic PG_isolated updates lose a wakeup; the same code on 4.10's PG_waiters lock (v4.10, the next version) is the failing neighbour",
  'r2-lost-wakeup @ v4.8': 'as r2-release-isolated-page @ v4.8',
  'r2-lost-wakeup @ v3-r2':
    "checks only no-hang: v3's page lock is 4.8's bit waitqueue, where a sleeper writes nothing to page->flags, so no single removal makes the driver's non-atomic __ClearPageIsolated() under PG_lock lose a wakeup; the same fix on 4.10's PG_waiters lock (v4.10) is the failing neighbour",
  'r2-lost-wakeup @ v3-r6': 'as r2-lost-wakeup @ v3',
  'r2-lost-wakeup @ v3-r7': 'as r2-lost-wakeup @ v3',
  'r2-lost-wakeup @ v3-r9': 'as r2-lost-wakeup @ v3',
  'r2-lost-wakeup @ v3-reviewed': 'as r2-lost-wakeup @ v3-r2',
  'r4-reclaim-false-positive-isolate @ v4.10-generic': 'as v4.8',
  'r8-reclaim-false-positive-migrate @ v4.10-generic': 'as v4.8',
  'r4-reclaim-false-positive-isolate @ v6.1': "as v4.8: 6.1's movable tag is in page->mapping too",
  'r4-reclaim-false-positive-isolate @ v6.2': 'as v6.1',
  'r8-reclaim-false-positive-migrate @ v6.1': "as v4.8: 6.1's movable tag is in page->mapping too",
  'r8-reclaim-false-positive-migrate @ v6.2': 'as v6.1',
  'slab-page-looks-movable @ v7.0': "7.0's page_has_movable_ops() reads PG_movable_ops and the page type, never ->mapping; a slab page has neither, and no single removal gives it both",
};

/** Pairs of a mutant scenario that pass, each with the reason (the mutated duty is no bug under that version). */
const MUTANT_PASSES: Readonly<Record<string, string>> = {
  'duty3-old-page-left-movable @ v4.8': "the VM clears the old page's mapping itself (duty 3 is not the driver's in v4.8)",
  'duty3-old-page-left-movable @ v4.8-atomic': 'as v4.8',
  'duty4-putback-leaves-isolated @ v4.8': 'the VM clears PG_isolated itself after putback_page (duty 4 is not the driver\'s in v4.8)',
  'duty4-putback-leaves-isolated @ v4.8-atomic': 'as v4.8',
  'duty3-old-page-left-movable @ v4.10': 'as v4.8',
  'duty3-old-page-left-movable @ v4.10-generic': 'as v4.8',
  'duty3-old-page-left-movable @ v5.0': 'as v4.8',
  'duty3-old-page-left-movable @ v5.19': 'as v4.8',
  'duty4-putback-leaves-isolated @ v4.10': 'as v4.8',
  'duty4-putback-leaves-isolated @ v4.10-generic': 'as v4.8',
  'duty4-putback-leaves-isolated @ v5.0': 'as v4.8',
  'duty4-putback-leaves-isolated @ v5.19': 'as v4.8',
  'duty3-old-page-left-movable @ v6.1': 'as v4.8: free_pages_prepare() clears the tagged mapping',
  'duty3-old-page-left-movable @ v6.2': 'as v6.1',
  'duty3-old-page-left-movable @ v7.0': "7.0's driver clears nothing the free path checks: reset_zpdesc() only sets zpdesc->zspage = NULL, and __free_pages_prepare() resets page_type and the flags",
  'duty4-putback-leaves-isolated @ v6.1': 'the VM clears PG_isolated itself after mops->putback_page',
  'duty4-putback-leaves-isolated @ v6.2': 'as v6.1',
  'duty4-putback-leaves-isolated @ v7.0': 'putback_movable_ops_page() clears PG_movable_ops_isolated itself',
};

const key = (s: Scenario, v: string) => `${s.id} @ ${v}`;
const isRuleStyle = (id: string) => ruleStyleInvariants.includes(id);
const byId = new Map(catalog.map((s) => [s.id, s]));
const mutants = catalog.filter((s) => s.mutantOf !== undefined);
const originals = catalog.filter((s) => s.mutantOf === undefined);

/** Explores a pair breadth-first, checking `only` (all invariants when null). */
function run(s: Scenario, version: string, only: readonly string[] | null): Result {
  const protocol = protocolById(version);
  if (!protocol) throw new Error(`${key(s, version)}: unknown version`);
  const model = s.build(protocol, only ? { only: new Set(only) } : {});
  return explore(model, { strategy: 'bfs', progress: null, checkHang: only === null || only.includes('no-hang') });
}

/** The (mutant scenario, version) pairs expecting a violation that stand for the passing pair (s, v). */
function mutantsOf(s: Scenario, v: string): string[] {
  const found: string[] = [];
  for (const m of mutants) {
    if (m.mutantOf?.id !== s.id) continue;
    for (const mv of m.protocols) {
      if (m.expect[mv]?.verdict !== 'violation') continue;
      if (mv === v || protocolById(mv)?.base === v) found.push(key(m, mv));
    }
  }
  const base = protocolById(v)?.base;
  const e = base !== undefined ? s.expect[base] : undefined;
  if (base !== undefined && e?.verdict === 'violation' && !isRuleStyle(e.invariant) && !protocolById(v)?.id.includes('~')) found.push(key(s, base));
  return found;
}

test('every mutant scenario names a catalog scenario it mutates', (t) => {
  t.true(mutants.length > 0);
  for (const m of mutants) t.true(byId.has(m.mutantOf!.id), `${m.id}: mutantOf ${m.mutantOf!.id} is not in the catalog`);
});

test('every passing (scenario, version) pair has a mutant, or is listed with the reason it has none', (t) => {
  const missing: string[] = [];
  for (const s of originals) {
    for (const v of s.protocols) {
      if (s.expect[v]?.verdict !== 'pass') continue;
      const k = key(s, v);
      const found = mutantsOf(s, v);
      if (NO_MUTANT[k] !== undefined) t.deepEqual(found, [], `${k} is listed as having no mutant, but has ${found.join(', ')}: drop it from NO_MUTANT`);
      else if (found.length === 0) missing.push(k);
    }
  }
  t.deepEqual(missing, [], `passing pairs with no mutant: ${missing.join('; ')}`);
  for (const k of Object.keys(NO_MUTANT)) {
    const [id, v] = k.split(' @ ') as [string, string];
    t.is(byId.get(id)?.expect[v]?.verdict, 'pass', `${k} (in NO_MUTANT) is not a passing catalog pair`);
  }
});

test('every pair of a mutant scenario expects a violation of an outcome invariant (or is listed as passing, with the reason)', (t) => {
  for (const m of mutants) {
    for (const v of m.protocols) {
      const k = key(m, v);
      const e = m.expect[v] as Expected;
      if (MUTANT_PASSES[k] !== undefined) {
        t.is(e.verdict, 'pass', `${k} is listed in MUTANT_PASSES but expects ${e.verdict}`);
        continue;
      }
      if (e.verdict !== 'violation') {
        t.fail(`${k}: a mutant pair expects a pass`);
        continue;
      }
      t.false(isRuleStyle(e.invariant), `${k}: expects the rule-style ${e.invariant}, not an outcome`);
      if (e.only) for (const id of e.only) t.false(isRuleStyle(id), `${k}: its only checks the rule-style ${id}`);
    }
  }
  for (const k of Object.keys(MUTANT_PASSES)) {
    const [id, v] = k.split(' @ ') as [string, string];
    t.true(byId.get(id)?.mutantOf !== undefined && byId.get(id)?.protocols.includes(v), `${k} (in MUTANT_PASSES) is not a mutant pair of the catalog`);
  }
});

const outcome = outcomeInvariantIds(protocolById('v4.8')!.layout);

for (const m of mutants) {
  for (const v of m.protocols) {
    const k = key(m, v);
    if (MUTANT_PASSES[k] !== undefined) continue;
    test(`mutant ${k} fails through an outcome invariant, with another thread taking part`, (t) => {
      const e = m.expect[v] as Expected;
      if (e.verdict !== 'violation') return t.fail(`${k}: expects a pass`);
      // The expected invariant is reachable: a search checking only it finds it.
      const alone = run(m, v, [e.invariant]);
      t.is(alone.verdict, 'violation', `${k}: no reachable state violates ${e.invariant}`);
      if (alone.verdict !== 'violation') return;
      t.is(alone.invariant, e.invariant);
      // What the whole search meets first: an outcome invariant, or else the expectation checks only outcomes.
      const all = run(m, v, null);
      t.is(all.verdict, 'violation', `${k}: the mutant does not fail`);
      if (all.verdict === 'violation' && isRuleStyle(all.invariant)) {
        t.truthy(e.only, `${k}: the rule-style ${all.invariant} fires first, and the expectation has no only on the outcome invariants`);
        const restricted = run(m, v, e.only ?? outcome);
        t.is(restricted.verdict, 'violation', `${k}: checking only the outcome invariants, the mutant passes`);
        if (restricted.verdict === 'violation') t.false(isRuleStyle(restricted.invariant));
        // A mutant whose own thread breaks a rule first must show the harm to another: two threads in the outcome's trace.
        const threads = new Set(alone.trace.map((s) => s.threadName));
        t.true(threads.size >= 2, `${k}: only ${[...threads].join(', ')} take part in the violation of ${e.invariant}`);
      }
    });
  }
}

test('a mutant that fails only through a rule-style invariant is caught', (t) => {
  // r6's system without the driver thread: the putback-no-lock mutant harms nobody there. What fails is the rule
  // (isolated-cleared-under-lock) and the kernel's own check of the same rule: VM_BUG_ON_PAGE(!PageLocked(page), page)
  // in PageMovable(), called without the lock.
  const r6 = byId.get('r6-putback-unlocked-clear')!;
  const all = run(r6, 'v4.8~putback-no-lock', null);
  t.is(all.verdict, 'violation');
  if (all.verdict === 'violation') {
    t.is(all.invariant, 'kernel-bug-on');
    t.is(all.message, 'VM_BUG_ON_PAGE(!PageLocked(page), page) in PageMovable() fires on page 0');
  }
  const rule = run(r6, 'v4.8~putback-no-lock', ruleStyleInvariants);
  t.is(rule.verdict, 'violation');
  if (rule.verdict === 'violation') t.true(isRuleStyle(rule.invariant));
  t.is(run(r6, 'v4.8~putback-no-lock', outcome.filter((id) => !id.startsWith('kernel-'))).verdict, 'pass');
});
