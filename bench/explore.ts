/**
 * Throughput benchmark of the explorer on toy models of growing size.
 *
 *   node --import tsx bench/explore.ts            # 5 runs per model (< ~60 s)
 *   node --import tsx bench/explore.ts --quick    # 1 run per model, smaller models
 *
 * Each model gets one untimed warm-up run first (not with --quick).
 * Prints, per model: verdict, distinct states, transitions, median seconds,
 * median states/second, and two ratios against the first row (time and rate).
 * Racy counters use BFS and stop at their first `no-lost-update` violation,
 * which BFS meets only at the last depth, so nearly all states are still visited.
 */
import { buildModel, explore, type Model, type Result } from '../checker/index.ts';
import { counterSpec } from '../test/toys/counter.ts';
import { petersonSpec } from '../test/toys/peterson.ts';

interface Case {
  readonly name: string;
  readonly model: () => Model<unknown>;
}
import { median } from './median.ts';

const quick = process.argv.includes('--quick');
const runs = quick ? 1 : 5;

const asModel = <S>(m: Model<S>) => m as unknown as Model<unknown>;
const counterSizes = quick ? [3, 4, 5] : [3, 4, 5, 6];
const cases: Case[] = [];
for (const n of counterSizes) {
  cases.push({ name: `counter-racy-${n}`, model: () => asModel(buildModel(counterSpec(n, false))) });
}
for (const n of counterSizes) {
  cases.push({ name: `counter-atomic-${n}`, model: () => asModel(buildModel(counterSpec(n, true))) });
}
for (const rounds of quick ? [1, 3] : [1, 3, 6]) {
  cases.push({ name: `peterson-${rounds}`, model: () => asModel(buildModel(petersonSpec({ rounds }))) });
}

interface Row {
  readonly name: string;
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly rate: number;
}

const rows: Row[] = [];
const t0 = performance.now();
for (const c of cases) {
  const model = c.model();
  const secs: number[] = [];
  let last: Result | undefined;
  if (!quick) explore(model, { progress: null }); // untimed warm-up run (JIT)
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = explore(model, { progress: null });
    secs.push((performance.now() - t) / 1000);
    if (last && (last.stats.states !== r.stats.states || last.verdict !== r.verdict)) {
      throw new Error(`${c.name}: runs disagree (${last.stats.states} vs ${r.stats.states} states)`);
    }
    last = r;
  }
  const r = last as Result;
  const seconds = median(secs);
  rows.push({
    name: c.name,
    verdict: r.verdict,
    states: r.stats.states,
    transitions: r.stats.transitions,
    seconds,
    rate: seconds > 0 ? r.stats.states / seconds : Infinity,
  });
}

const first = rows[0] as Row;
const header = ['model', 'verdict', 'states', 'transitions', 'median s', 'states/s', 'time x1st', 'rate x1st'];
const table = rows.map((r) => [
  r.name,
  r.verdict,
  String(r.states),
  String(r.transitions),
  r.seconds.toFixed(4),
  String(Math.round(r.rate)),
  (r.seconds / first.seconds).toFixed(1),
  (r.rate / first.rate).toFixed(2),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
const line = (cells: readonly string[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
console.log(`movcheck explore benchmark: ${runs} run(s) per model, median shown, node ${process.version}`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(row));
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
