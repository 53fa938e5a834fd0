/**
 * Speed of the explorer on the real scenario catalog: every scenario under
 * every version it lists, plus a larger "two compaction threads" system.
 *
 *   node --import tsx bench/catalog.ts           # 5 timed runs each after a warm-up
 *   node --import tsx bench/catalog.ts --quick   # 1 run each
 *
 * Prints per pair: verdict, states, transitions, median seconds, median
 * states/second; then totals, and the ratio of checkWrites on/off (the cost of
 * the debug footprint check).
 */
import { explore, type Model } from '../checker/index.ts';
import { catalog } from '../scenarios/index.ts';
import { protocolById } from '../model/versions/index.ts';
import { buildSystem, driverPage, free } from '../model/system.ts';
import { median } from './median.ts';

const quick = process.argv.includes('--quick');
const runs = quick ? 1 : 5;

interface Row {
  readonly name: string;
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
}

function measure(name: string, make: () => Model<unknown>): Row {
  if (!quick) explore(make(), { progress: null });
  const secs: number[] = [];
  let last = explore(make(), { progress: null });
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = explore(make(), { progress: null });
    secs.push((performance.now() - t0) / 1000);
  }
  const verdict = last.verdict === 'violation' ? last.invariant : last.verdict;
  return { name, verdict, states: last.stats.states, transitions: last.stats.transitions, seconds: median(secs) };
}

const rows: Row[] = [];
for (const s of catalog) {
  for (const pid of s.protocols) {
    const p = protocolById(pid);
    if (!p) throw new Error(`unknown protocol ${pid}`);
    rows.push(measure(`${s.id} @ ${pid}`, () => s.build(p)));
  }
}
const big = {
  pages: [driverPage(), free, free],
  threads: [
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'C1', fn: 'compact', args: { p: 0, np: 2 } },
  ],
};
const bigRows: Row[] = [];
for (const pid of ['v3', 'v3-reviewed', 'v4.8', 'v4.8-atomic']) {
  const p = protocolById(pid)!;
  bigRows.push(measure(`two-compactions @ ${pid}`, () => buildSystem(p, big) as Model<unknown>));
  bigRows.push(measure(`two-compactions @ ${pid} (checkWrites)`, () => buildSystem(p, big, { checkWrites: true }) as Model<unknown>));
}

const fmt = (r: Row) =>
  `| ${r.name} | ${r.verdict} | ${r.states} | ${r.transitions} | ${r.seconds.toFixed(4)} | ${Math.round(r.states / Math.max(r.seconds, 1e-9))} |`;
console.log(`runs per row: ${runs} (median)\n`);
console.log('| scenario @ version | verdict | states | transitions | median s | states/s |');
console.log('|---|---|---|---|---|---|');
for (const r of [...rows, ...bigRows]) console.log(fmt(r));
const tot = rows.reduce((a, r) => ({ s: a.s + r.states, t: a.t + r.seconds }), { s: 0, t: 0 });
console.log(`\ncatalog: ${rows.length} pairs, ${tot.s} states, ${tot.t.toFixed(2)} s (sum of medians), ${Math.round(tot.s / tot.t)} states/s; slowest pair ${Math.max(...rows.map((r) => r.seconds)).toFixed(3)} s`);
for (let i = 0; i < bigRows.length; i += 2) {
  const off = bigRows[i]!;
  const on = bigRows[i + 1]!;
  console.log(`${off.name}: ${off.states} states, ${Math.round(off.states / off.seconds)} states/s; checkWrites costs x${(on.seconds / off.seconds).toFixed(2)}`);
}
