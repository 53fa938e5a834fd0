/** `movcheck list`: the catalog and the built-in versions, as text and as JSON. */
import test from 'ava';
import { protocols } from '../../model/versions/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { cli } from './_helpers.ts';

test('list --json mirrors the registries', async (t) => {
  const r = await cli(['list', '--json']);
  t.is(r.code, 0);
  const doc = JSON.parse(r.stdout);
  t.deepEqual(doc.scenarios.map((s: { id: string }) => s.id), catalog.map((s) => s.id));
  t.deepEqual(doc.protocols.map((p: { id: string }) => p.id), protocols.map((p) => p.id));
  for (const s of doc.scenarios) t.deepEqual(Object.keys(s.expect), s.protocols);
});

test('list names every scenario and version', async (t) => {
  const r = await cli(['list']);
  t.is(r.code, 0);
  t.regex(r.stdout, /^scenarios:\n/);
  t.regex(r.stdout, /\nprotocol versions:\n/);
  for (const s of catalog) t.true(r.stdout.includes(`  ${s.id} `), s.id);
  for (const p of protocols) t.regex(r.stdout, new RegExp(`^  ${p.id.replace(/\./g, '\\.')} +${p.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
});
