/**
 * One worker against several (`--workers`), as a user runs them: `movcheck
 * run` (compiled, from dist/; run `npm run build` first) on parallel-compaction
 * cells with the driver under v4.8-atomic. Wall time (start-up, warm-up and
 * workers' start included), states and the speed-up; the state counts must
 * agree (but with partial-order reduction, whose states may differ a little
 * with the order). Writes bench/workers.md.
 *
 *   node --import tsx bench/workers.ts                  # 2 workers against 1, one run a cell
 *   node --import tsx bench/workers.ts --workers 2,3 --runs 3 --out /tmp/w.md
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { median } from './median.ts';

const argv = process.argv.slice(2);
const opt = (name: string, d: string) => (argv.includes(name) ? (argv[argv.indexOf(name) + 1] as string) : d);
const counts = opt('--workers', '2').split(',').map(Number);
const runs = Number(opt('--runs', '1'));
const out = opt('--out', 'bench/workers.md');
if (!existsSync('dist/cli/main.js')) throw new Error('bench/workers.ts runs the compiled CLI: npm run build first');

/** A cell: (threads, pages), extra options, and why it is here. */
const cells: { threads: number; pages: number; extra: string[]; what: string }[] = [
  { threads: 3, pages: 1, extra: ['--no-por'], what: 'exhaustive, plain' },
  { threads: 2, pages: 2, extra: ['--no-por'], what: 'exhaustive, plain' },
  { threads: 4, pages: 1, extra: ['--symmetry', '--no-por'], what: 'exhaustive, symmetry' },
  { threads: 3, pages: 2, extra: ['--max-states', '3000000', '--no-por'], what: 'first 3,000,000 states, plain' },
  { threads: 3, pages: 2, extra: ['--symmetry', '--no-por'], what: 'exhaustive, symmetry' },
  { threads: 3, pages: 2, extra: ['--symmetry'], what: 'exhaustive, symmetry and POR (the default)' },
];

interface Run {
  readonly verdict: string;
  readonly states: number;
  readonly wall: number;
}

/** One `movcheck run` of a cell on `workers` workers. */
function runCell(c: (typeof cells)[number], workers: number): Run {
  const args = ['bin/movcheck.mjs', 'run', 'parallel-compaction', '--protocol', 'v4.8-atomic', '--param', `threads=${c.threads}`, '--param', `pages=${c.pages}`, '--param', 'driver=on', ...c.extra, '--format', 'json'];
  if (workers > 1) args.push('--workers', String(workers));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 3) throw new Error(`movcheck ${args.slice(1).join(' ')}: exit ${r.status}: ${r.stderr}`);
  const rec = (JSON.parse(r.stdout) as { results: { verdict: string; stats: { states: number } }[] }).results[0];
  if (!rec) throw new Error('no result');
  return { verdict: rec.verdict, states: rec.stats.states, wall };
}

const rows: string[] = [];
for (const c of cells) {
  // Rounds interleave one worker and each count: this VM's speed drifts by up to 1.5x within an hour, so a speed-up
  // is the median of the rounds' own ratios, not a ratio of medians taken minutes apart.
  const base: Run[] = [];
  const many: Run[][] = counts.map(() => []);
  for (let i = 0; i < runs; i++) {
    base.push(runCell(c, 1));
    counts.forEach((n, k) => (many[k] as Run[]).push(runCell(c, n)));
  }
  const b = base[0] as Run;
  const bw = median(base.map((r) => r.wall));
  const cols = [`(${c.threads}, ${c.pages})`, c.what, b.verdict, b.states.toLocaleString('en-US'), bw.toFixed(1)];
  counts.forEach((n, k) => {
    const rs = many[k] as Run[];
    const m = rs[0] as Run;
    // With partial-order reduction the states kept may differ a little (the cycle proviso depends on the order).
    const por = !c.extra.includes('--no-por');
    if (m.verdict !== b.verdict || (m.verdict === 'pass' && !por && m.states !== b.states)) throw new Error(`(${c.threads}, ${c.pages}) ${c.what}: ${n} workers disagree (${m.verdict} ${m.states} against ${b.verdict} ${b.states})`);
    const ratio = median(rs.map((r, i) => (base[i] as Run).wall / r.wall));
    cols.push(median(rs.map((r) => r.wall)).toFixed(1), `${ratio.toFixed(2)}x`);
  });
  rows.push(`| ${cols.join(' | ')} |`);
  process.stderr.write(`${rows.at(-1)}\n`);
}

const head = ['cell (threads, pages)', 'search', 'verdict', 'states', '1 worker, s', ...counts.flatMap((n) => [`${n} workers, s`, 'speed-up'])];
const md = [
  '# One worker against several',
  '',
  `\`npm run bench:workers\` (bench/workers.ts): \`movcheck run parallel-compaction --param driver=on\` under v4.8-atomic, compiled (dist/), wall time of the whole command (start-up, warm-up and the workers' start included), median of ${runs} run(s); the runs of a cell alternate one worker and several, and a speed-up is the median of each round's own ratio. A parallel run must find the states the one-thread run finds (without partial-order reduction, whose states may differ a little with the order).`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  '',
  `| ${head.join(' | ')} |`,
  `|${head.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`,
  ...rows,
  '',
].join('\n');
writeFileSync(out, md);
process.stderr.write(`wrote ${out}\n`);
