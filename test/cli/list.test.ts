/** `movcheck list`: the catalog and the built-in versions, as text and as JSON. */
import test from 'ava';
import { mutantProtocols, protocols } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { cli } from './_helpers.ts';

test('list --json is an array of {id, title, review, protocols} mirroring the catalog', async (t) => {
  const r = await cli(['list', '--json']);
  t.is(r.code, 0);
  const doc = JSON.parse(r.stdout) as { id: string; title: string; review: string | null; protocols: string[]; expect: Record<string, string> }[];
  t.true(Array.isArray(doc));
  t.deepEqual(doc.map((s) => s.id), catalog.map((s) => s.id));
  for (const [i, s] of doc.entries()) {
    t.is(s.title, catalog[i]!.title);
    t.is(s.review, catalog[i]!.review);
    t.deepEqual(s.protocols, [...catalog[i]!.protocols]);
    t.deepEqual(Object.keys(s.expect), s.protocols);
  }
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
