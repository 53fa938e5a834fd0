/**
 * The parallel-compaction grid: threads × pages with the driver releasing
 * each page, under v4.8 and v4.8-atomic, with the packed search (and the
 * object search on the smallest cells, for the ratio). Writes bench/results.md.
 *
 *   node --import tsx bench/grid.ts                 # threads 1-4 × pages 1-3, 3 runs per cell
 *   node --import tsx bench/grid.ts --quick         # threads 1-3 × pages 1-2, 1 run
 *   node --import tsx bench/grid.ts --limit 60      # seconds per run before a cell is left incomplete
 *   node --import tsx bench/grid.ts --cells 3x1,3x2 --versions v4.8-atomic --no-catalog --out /tmp/x.md
 *
 * A cell that does not finish within the limit is reported as incomplete with
 * the states it reached (never as a pass). Medians of the runs; one run when
 * the first already took more than a tenth of the limit.
 */
import { cpus as cpuList, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { explore, type Result } from '../checker/index.ts';
import { catalog } from '../scenarios/index.ts';
import { protocolById } from '../model/versions/index.ts';
import { median } from './median.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const limitAt = argv.indexOf('--limit');
const limit = limitAt >= 0 ? Number(argv[limitAt + 1]) : quick ? 20 : 60;
const runs = quick ? 1 : 3;
const threadsRange = quick ? [1, 2, 3] : [1, 2, 3, 4];
const pagesRange = quick ? [1, 2] : [1, 2, 3];
const versionsAt = argv.indexOf('--versions');
const versions = versionsAt >= 0 ? (argv[versionsAt + 1] as string).split(',') : ['v4.8', 'v4.8-atomic'];
// --cells 3x1,3x2: only these (threads x pages) cells; --no-catalog: skip the catalog timing.
const cellsAt = argv.indexOf('--cells');
const only = cellsAt >= 0 ? new Set((argv[cellsAt + 1] as string).split(',')) : null;
const out = argv.includes('--out') ? (argv[argv.indexOf('--out') + 1] as string) : 'bench/results.md';

const scenario = catalog.find((s) => s.id === 'parallel-compaction');
if (!scenario) throw new Error('parallel-compaction is not in the catalog');

interface Cell {
  readonly threads: number;
  readonly pages: number;
  readonly version: string;
  readonly engine: 'packed' | 'object';
  /** Reduction on (`--symmetry --por`) or off. */
  readonly reduced: boolean;
  readonly result: Result;
  readonly seconds: number;
  /** CPU seconds of this process (user + system), median: less noisy than wall time on a shared machine. */
  readonly cpu: number;
  readonly runs: number;
  /** Peak growth of heap and array buffers during the run (sampled every 256 expansions), per distinct state. */
  readonly bytesPerState: number;
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function measure(threads: number, pages: number, version: string, engine: 'packed' | 'object', reduced = false): Cell {
  const protocol = protocolById(version)!;
  const secs: number[] = [];
  const cpus: number[] = [];
  let result: Result | undefined;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const model = scenario!.build(protocol, {}, { threads, pages, driver: true });
    const m0 = memory();
    let peak = m0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // The progress sink runs every 256 expansions: it samples the peak of heap and array buffers.
    const r = explore(model, { progress: () => void (peak = Math.max(peak, memory())), timeLimit: limit, engine, symmetry: reduced, por: reduced });
    secs.push((performance.now() - t0) / 1000);
    const c1 = process.cpuUsage(c0);
    cpus.push((c1.user + c1.system) / 1e6);
    bytes = Math.max(0, peak - m0) / Math.max(1, r.stats.states);
    if (result && (result.stats.states !== r.stats.states || result.verdict !== r.verdict) && r.verdict !== 'incomplete') {
      throw new Error(`(${threads}, ${pages}) ${version}: runs disagree (${result.stats.states} vs ${r.stats.states} states)`);
    }
    result = r;
    if (r.verdict === 'incomplete' || secs[0]! > limit / 10) break;
  }
  return { threads, pages, version, engine, reduced, result: result!, seconds: median(secs), cpu: median(cpus), runs: secs.length, bytesPerState: bytes };
}

const cells: Cell[] = [];
for (const version of versions) {
  for (const threads of threadsRange) {
    for (const pages of pagesRange) {
      if (only && !only.has(`${threads}x${pages}`)) continue;
      const c = measure(threads, pages, version, 'packed');
      cells.push(c);
      process.stderr.write(`grid: (${threads}, ${pages}) ${version}: ${row(c)}\n`);
      const on = measure(threads, pages, version, 'packed', true);
      cells.push(on);
      process.stderr.write(`grid: (${threads}, ${pages}) ${version} reduced: ${row(on)}\n`);
      // The object search on the cells it finishes quickly, for the speed-up.
      if (threads * pages <= 2) {
        const o = measure(threads, pages, version, 'object');
        cells.push(o);
        process.stderr.write(`grid: (${threads}, ${pages}) ${version} object: ${row(o)}\n`);
      }
    }
  }
}

function verdictOf(r: Result): string {
  if (r.verdict === 'violation') return `violation ${r.invariant}`;
  if (r.verdict === 'incomplete') return `incomplete (${r.bound} ${r.limit})`;
  return 'pass';
}

/** States without reduction over states with it, for a reduced cell whose unreduced twin finished. */
function ratio(c: Cell): string {
  if (!c.reduced) return '-';
  const off = cells.find((x) => !x.reduced && x.engine === c.engine && x.threads === c.threads && x.pages === c.pages && x.version === c.version);
  if (!off || off.result.verdict === 'incomplete' || c.result.verdict === 'incomplete') return '-';
  return `${(off.result.stats.states / Math.max(1, c.result.stats.states)).toFixed(2)}x`;
}

function row(c: Cell): string {
  const r = c.result;
  const fp = r.stats.fingerprint;
  const visited = fp ? (fp.visitedBytes / Math.max(1, r.stats.states)).toFixed(1) : '-';
  return [
    `(${c.threads}, ${c.pages})`,
    c.version,
    c.engine,
    c.reduced ? 'symmetry+por' : 'off',
    verdictOf(r),
    String(r.stats.states),
    String(r.stats.transitions),
    c.seconds.toFixed(2),
    c.cpu.toFixed(2),
    String(Math.round(r.stats.states / Math.max(c.seconds, 1e-9))),
    String(Math.round(r.stats.states / Math.max(c.cpu, 1e-9))),
    visited,
    c.bytesPerState.toFixed(0),
    fp ? fp.collisionProbability.toExponential(1) : '-',
    ratio(c),
    String(c.runs),
  ].join(' | ');
}

// The whole catalog, every pair once (search time only, as `npm start` searches it: partial-order reduction on, the
// command line's default; a violation found while reducing is searched again without it).
const catalogSecs: number[] = [];
for (let i = 0; i < (argv.includes('--no-catalog') ? 0 : runs); i++) {
  let sum = 0;
  for (const s of catalog) {
    for (const v of s.protocols) {
      const r = explore(s.build(protocolById(v)!), { progress: null, por: true });
      sum += r.stats.seconds;
    }
  }
  catalogSecs.push(sum);
}

const lines = [
  '# Benchmark: the parallel-compaction grid',
  '',
  `Written by \`npm run bench\` (bench/grid.ts) on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpuList().length} × ${cpuList()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB.`,
  `Each cell: parallel-compaction with \`--param threads=T --param pages=P --param driver=on\`, bfs, ${runs} run(s), median seconds, ${limit} s limit per run.`,
  'Dead locals are reset (the default). Reduction: `off`, or `symmetry+por` (`--symmetry`: one state per class of states equal up to swapping the interchangeable compaction threads with their target pages; `--por`: partial-order reduction, a thread whose next step touches nothing another can write moves alone). The object search (canonical strings, immer, dead locals kept) is shown where it finishes, for the speed-up.',
  '',
  '| (threads, pages) | version | search | reduction | verdict | distinct states | transitions | seconds | CPU seconds | states/s | states/CPU s | visited bytes/state | peak bytes/state | P(collision) | reduction ratio | runs |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...cells.map((c) => `| ${row(c)} |`),
  '',
  catalogSecs.length ? `Whole catalog (every scenario × version, search time summed): median ${median(catalogSecs).toFixed(2)} s over ${runs} run(s).` : 'Whole catalog: not timed in this run (--no-catalog).',
  '',
  'visited bytes/state: the fingerprint table (8 bytes a slot, doubled at 3/4 load) over distinct states. peak bytes/state: the peak growth of heap and array buffers during the run (visited table, queue of states, parents), sampled every 256 expansions, over distinct states; 0 where the run was too short to sample.',
  '',
];
writeFileSync(out, lines.join('\n'));
console.log(lines.join('\n'));
