/**
 * `movcheck list [--json]`: the catalog's scenarios (id, review comment,
 * title, expected verdict per version, parameters) and the protocol versions
 * (shipped, then mutants). The JSON is an array of {id, title, review,
 * protocols, expect, mutantOf, params: [{name, kind, default, min?, max?, help}]}.
 */
import { mutantProtocols, protocols } from '../../model/versions/index.ts';
import { pad } from '../../reports/layout.ts';
import { verdictCell } from '../../reports/record.ts';
import { catalog } from '../../scenarios/index.ts';
import { describeParams } from '../../scenarios/params.ts';
import type { Invocation } from '../args.ts';
import { scenarioExpectation } from '../expectations.ts';
import type { Io } from '../io.ts';

/** Runs `movcheck list`. */
export function listCommand(inv: Extract<Invocation, { command: 'list' }>, io: Io): number {
  const expect = (id: string, ps: readonly string[]) =>
    Object.fromEntries(ps.map((p) => [p, scenarioExpectation(catalog.find((s) => s.id === id)!, p)?.verdict ?? null]));
  if (inv.json) {
    const data = catalog.map((s) => ({
      id: s.id,
      title: s.title,
      review: s.review,
      protocols: s.protocols,
      expect: expect(s.id, s.protocols),
      mutantOf: s.mutantOf?.id ?? null,
      params: Object.entries(s.params ?? {}).map(([name, p]) => ({ name, ...p })),
    }));
    io.out(JSON.stringify(data, null, 2) + '\n');
    return 0;
  }
  const out = ['scenarios:'];
  if (catalog.length === 0) out.push('  (none yet)');
  const w = Math.max(0, ...catalog.map((s) => s.id.length));
  for (const s of catalog) {
    const exp = s.protocols.map((p) => `${p}: ${verdictCell(scenarioExpectation(s, p)?.verdict ?? '?')}`).join(', ');
    out.push(`  ${pad(s.id, w)}  ${pad(s.review ?? '', 3)} ${s.title}`, `  ${' '.repeat(w)}      expect ${exp || '(no versions)'}`);
    if (Object.keys(s.params ?? {}).length) out.push(`  ${' '.repeat(w)}      params ${describeParams(s.params)} (run --param NAME=VALUE)`);
  }
  out.push('', 'protocol versions:');
  if (protocols.length === 0) out.push('  (none yet)');
  const pw = Math.max(0, ...protocols.map((p) => p.id.length));
  for (const p of protocols) out.push(`  ${pad(p.id, pw)}  ${p.title}`);
  out.push('', 'mutant versions (one lock, check or atomic operation removed; scenarios must fail under them):');
  const mw = Math.max(0, ...mutantProtocols.map((p) => p.id.length));
  for (const p of mutantProtocols) out.push(`  ${pad(p.id, mw)}  ${p.title.replace(/^.*? mutant: /, '')}`);
  io.out(out.join('\n') + '\n');
  return 0;
}
