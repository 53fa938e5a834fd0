/**
 * Every catalog pair, every invariant on its own: the packed search (hashed
 * and exact) gives the object search's verdict, invariant, schedule, distinct
 * states and transitions. The object search keys states by canonical strings
 * and shares nothing with the packed one but the model's steps.
 */
import test from 'ava';
import { explore, type Result } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { invariantCatalog } from '../../model/invariants.ts';

const key = (r: Result) =>
  `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} ${r.schedule}` : ''} states=${r.stats.states} transitions=${r.stats.transitions}`;

const pairs = catalog.flatMap((s) => s.protocols.map((v) => ({ s, p: protocolById(v)! })));

test('every catalog pair: packed (hashed, exact) and object searches agree (bfs)', (t) => {
  for (const { s, p } of pairs) {
    const obj = key(explore(s.build(p), { progress: null, engine: 'object' }));
    t.is(key(explore(s.build(p), { progress: null })), obj, `${s.id} under ${p.id} (hashed)`);
    t.is(key(explore(s.build(p), { progress: null, exact: true })), obj, `${s.id} under ${p.id} (exact)`);
  }
});

test('every catalog pair: hashed and exact packed searches agree (dfs)', (t) => {
  for (const { s, p } of pairs) {
    const exact = key(explore(s.build(p), { progress: null, strategy: 'dfs', exact: true }));
    t.is(key(explore(s.build(p), { progress: null, strategy: 'dfs' })), exact, `${s.id} under ${p.id}`);
  }
});

test('every catalog pair with each invariant on its own (--only): hashed and exact packed searches agree', (t) => {
  let checked = 0;
  for (const { s, p } of pairs) {
    for (const { id } of invariantCatalog(p.layout)) {
      const only = new Set([id]);
      const exact = key(explore(s.build(p, { only }), { progress: null, exact: true, maxStates: 200000 }));
      t.is(key(explore(s.build(p, { only }), { progress: null, maxStates: 200000 })), exact, `${s.id} under ${p.id} --only ${id}`);
      checked++;
    }
  }
  t.true(checked > pairs.length * 10);
});
