/**
 * Reports of `movcheck mutants`: text (one block per mutant, a score line per
 * version), JSON (for tools) and Markdown (a table per version).
 */
import { verdictCell } from '../../reports/record.ts';
import { isEquivalent, score, type MutantOutcome, type VersionOutcome } from './run.ts';

/** The score line of a version. */
export function scoreLine(v: VersionOutcome): string {
  const s = score(v);
  const count = (st: string) => v.mutants.filter((o) => o.status === st).length;
  const eq = v.mutants.filter(isEquivalent).length;
  const parts = [`${s.killed} killed`, `${count('recorded')} recorded (${eq} equivalent, ${count('recorded') - eq} unobservable or not covered)`, `${count('survived')} survived`, `${count('no-coverage')} no coverage`];
  if (count('incomplete')) parts.push(`${count('incomplete')} incomplete`);
  return `${v.version}: mutation score ${(s.score * 100).toFixed(1)}% (${s.killed}/${s.counted}; ${v.mutants.length} mutants: ${parts.join(', ')}) in ${v.seconds.toFixed(1)}s`;
}

/** What a mutant's outcome says after its status. */
function detail(o: MutantOutcome): string {
  if (o.killedBy) {
    const k = o.killedBy;
    return `by ${k.scenario}: ${verdictCell(k.got)} where ${verdictCell(k.expected)} is expected${k.note ? ` (${k.note})` : ''}`;
  }
  if (o.status === 'recorded') return `recorded: ${o.reason}`;
  if (o.status === 'no-coverage') return 'no scenario makes this check come out the other way: the mutant runs as the version does';
  if (o.status === 'incomplete') return 'a search was cut short by a bound and none killed it';
  return `no scenario kills it (ran ${o.runs})`;
}

/** The text report. */
export function formatMutantsText(vs: readonly VersionOutcome[]): string {
  const out: string[] = [];
  for (const v of vs) {
    out.push(`${v.version}: ${v.mutants.length} mutants, each run on ${v.scenarios.length} scenarios listing ${v.version}`);
    for (const m of v.mismatched) out.push(`  left out (does not match unmutated): ${m}`);
    for (const o of v.mutants) {
      const m = o.mutant;
      out.push(`  ${o.status.padEnd(11)} ${m.id}`, `              ${m.where.file} ${m.where.fn}: ${m.where.code}`, `              ${m.what}; ${detail(o)}`);
    }
    if (v.unreached.length) out.push(`  steps no scenario runs (no mutant there): ${v.unreached.join(', ')}`);
    for (const s of v.stale) out.push(`  stale entry in the equivalents file (no such mutant): ${s}`);
    out.push(scoreLine(v), '');
  }
  return out.join('\n');
}

/** The JSON report. */
export function formatMutantsJson(vs: readonly VersionOutcome[]): string {
  const data = vs.map((v) => ({
    version: v.version,
    ...score(v),
    scenarios: v.scenarios,
    mismatched: v.mismatched,
    unreached: v.unreached,
    stale: v.stale,
    seconds: v.seconds,
    mutants: v.mutants.map((o) => ({
      id: o.mutant.id,
      kind: o.mutant.kind,
      where: o.mutant.where,
      what: o.mutant.what,
      status: o.status,
      ...(o.killedBy ? { killedBy: o.killedBy } : {}),
      ...(o.reason ? { reason: o.reason } : {}),
      runs: o.runs,
    })),
  }));
  return JSON.stringify(data, null, 2) + '\n';
}

/** Escapes a Markdown table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown report. */
export function formatMutantsMd(vs: readonly VersionOutcome[]): string {
  const out = ['# Mutation score', '', '| version | score | killed | recorded (equivalent) | survived | no coverage | mutants |', '|---|---|---|---|---|---|---|'];
  for (const v of vs) {
    const s = score(v);
    const n = (st: string) => v.mutants.filter((o) => o.status === st).length;
    out.push(`| ${v.version} | ${(s.score * 100).toFixed(1)}% | ${s.killed} | ${n('recorded')} (${v.mutants.filter(isEquivalent).length}) | ${n('survived')} | ${n('no-coverage')} | ${v.mutants.length} |`);
  }
  for (const v of vs) {
    out.push('', `## ${v.version}`, '', '| mutant | where | status | by / why |', '|---|---|---|---|');
    for (const o of v.mutants) {
      out.push(`| \`${cell(o.mutant.id)}\` | ${cell(`${o.mutant.where.fn}: \`${o.mutant.where.code}\``)} | ${o.status} | ${cell(detail(o))} |`);
    }
  }
  return out.join('\n') + '\n';
}
