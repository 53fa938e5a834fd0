/**
 * `npm run readme-table`: writes the README's "What it finds" table from the
 * catalog (every scenario that is not a mutant, under every version it lists,
 * with the verdict it expects), between the markers
 * `<!-- readme-table -->` and `<!-- /readme-table -->`.
 * `npm run readme-table -- --check` only says whether it is stale (exit 1).
 * test/docs/readme-table.test.ts fails when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioExpectation } from '../cli/expectations.ts';
import { formatCatalogTable, type CatalogRow } from '../reports/catalog-table.ts';
import { isMutantId } from '../reports/matrix.ts';
import { catalog } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';

/** Where the table starts and ends in the README. */
export const START = '<!-- readme-table: generated from the catalog by `npm run readme-table`; do not edit by hand -->';
export const END = '<!-- /readme-table -->';

/** The rows of the table: the catalog's scenarios that are not mutants, under the versions that are not mutants. */
export function catalogRows(scenarios: readonly Scenario[] = catalog): CatalogRow[] {
  return scenarios
    .filter((s) => !isMutantId(s.id))
    .map((s) => {
      const expect: Record<string, string> = {};
      for (const v of s.protocols) {
        if (isMutantId(v)) continue;
        const e = scenarioExpectation(s, v);
        if (e !== null) expect[v] = e.verdict;
      }
      return { id: s.id, variantOf: s.mutantOf?.id ?? null, expect };
    })
    .filter((r) => Object.keys(r.expect).length > 0);
}

/** `readme` with the text between the markers replaced by `table` (blank lines around it). Throws when the markers are missing. */
export function withTable(readme: string, table: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END, a);
  if (a < 0 || b < 0) throw new Error(`README.md has no ${START} ... ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n\n${table}\n${readme.slice(b)}`;
}

/** The README path of this checkout. */
export const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = readFileSync(README, 'utf8');
  const after = withTable(before, formatCatalogTable(catalogRows()));
  if (process.argv.includes('--check')) {
    process.stdout.write(before === after ? 'README table is up to date\n' : 'README table is stale: run npm run readme-table\n');
    process.exitCode = before === after ? 0 : 1;
  } else if (before !== after) {
    writeFileSync(README, after);
    process.stdout.write('README.md: table rewritten from the catalog\n');
  } else {
    process.stdout.write('README.md: table already up to date\n');
  }
}
