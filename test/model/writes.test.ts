/**
 * Every step of the kernel model declares what it writes: every catalog
 * scenario, under every protocol it lists, explores with checkWrites (each
 * step's immer patches compared with its declared `writes`) without an
 * UndeclaredWriteError, and reaches the same verdict, invariant, schedule and
 * state count as without the check.
 */
import test from 'ava';
import { explore, type Result } from '../../checker/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';

/** The parts of a result that must not depend on checkWrites (not the time). */
function outcome(r: Result) {
  if (r.verdict === 'violation') return { verdict: r.verdict, invariant: r.invariant, kind: r.kind, schedule: r.schedule, states: r.stats.states };
  return { verdict: r.verdict, states: r.stats.states };
}

test('the catalog is not empty and every scenario names at least one protocol', (t) => {
  t.true(catalog.length >= 20);
  for (const s of catalog) t.true(s.protocols.length > 0, s.id);
});

for (const s of catalog) {
  for (const pid of s.protocols) {
    test(`${s.id} under ${pid}: no undeclared write, same verdict with checkWrites`, (t) => {
      const p = protocolById(pid);
      if (!p) return t.fail(`scenario ${s.id} lists unknown protocol ${pid}`);
      // The invariants the expectation names in `only` (all when none), as the gate checks them.
      const only = s.expect[pid]?.only;
      const opts = only ? { only: new Set(only) } : {};
      const plain = explore(s.build(p, opts), { progress: null, deadLocals: false }); // the object search keeps dead locals
      let checked: Result | undefined;
      t.notThrows(() => {
        checked = explore(s.build(p, { ...opts, checkWrites: true }), { progress: null });
      });
      if (!checked) return;
      t.not(plain.verdict, 'incomplete');
      t.deepEqual(outcome(checked), outcome(plain));
      // And the expected verdict still stands (so a silent change of behaviour under checkWrites cannot hide here).
      const want = s.expect[pid];
      if (!want) return t.fail(`scenario ${s.id} has no expectation for ${pid}`);
      t.is(plain.verdict, want.verdict);
      if (plain.verdict === 'violation' && want.verdict === 'violation') t.is(plain.invariant, want.invariant);
    });
  }
}
