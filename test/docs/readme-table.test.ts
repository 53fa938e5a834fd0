/**
 * The README's "What it finds" table is the catalog's: it fails when a
 * scenario, version or expectation changed and `npm run readme-table` was not
 * run. Also the table's shape, on a small hand-made catalog.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { formatCatalogTable } from '../../reports/catalog-table.ts';
import { END, README, START, catalogRows, withTable } from '../../scripts/readme-table.ts';
import { catalog } from '../../scenarios/index.ts';

test('the README table is up to date with the catalog (else: npm run readme-table)', (t) => {
  const readme = readFileSync(README, 'utf8');
  t.is(readme, withTable(readme, formatCatalogTable(catalogRows())), 'README.md is stale: run npm run readme-table');
});

test('every scenario that is not a mutant has a row, and every version it lists a column', (t) => {
  const rows = catalogRows();
  const plain = catalog.filter((s) => !s.id.includes('~'));
  t.deepEqual(rows.map((r) => r.id), plain.map((s) => s.id));
  const table = formatCatalogTable(rows);
  for (const s of plain) for (const v of s.protocols.filter((p) => !p.includes('~'))) t.true(table.split('\n')[0]!.includes(` ${v} |`), v);
});

test('the table: variants named, a version a scenario does not run under is -, markdown escaped', (t) => {
  const table = formatCatalogTable([
    { id: 'a', variantOf: null, expect: { v1: 'pass', v2: 'no-hang' } },
    { id: 'b_c', variantOf: 'a', expect: { v2: 'pass', v3: 'free-page-clean' } },
  ]);
  t.is(
    table,
    ['| scenario | v1 | v2 | v3 |', '|---|---|---|---|', '| a | pass | no-hang | - |', '| b\\_c (variant of a) | - | pass | free-page-clean |', ''].join('\n'),
  );
  t.is(withTable(`x\n${START}\nold\n${END}\ny\n`, table), `x\n${START}\n\n${table}\n${END}\ny\n`);
  t.throws(() => withTable('no markers', table), { message: /has no .* markers/ });
});
