/**
 * Start-up time of the compiled CLI (issue 10's target: `movcheck --help` and
 * `movcheck list` within 0.2 s), next to a bare `node -e ''` for scale:
 * median wall time of 7 runs after a warm-up. Needs dist/ (`npm run build`).
 * Run: node --import tsx bench/startup.ts
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/movcheck.mjs');

/** Median wall time in seconds of running `node args` `n` times (after one warm-up run). */
function median(args: string[], n = 7): number {
  const once = () => {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    return (performance.now() - t0) / 1000;
  };
  once();
  const xs = Array.from({ length: n }, once).sort((a, b) => a - b);
  return xs[Math.floor(n / 2)] as number;
}

const rows: [string, string[]][] = [
  ["node -e ''", ['-e', '']],
  ['movcheck --version', [bin, '--version']],
  ['movcheck --help', [bin, '--help']],
  ['movcheck list', [bin, 'list']],
];
console.log(`start-up (median of 7, Node ${process.version})`);
console.log('| command | seconds |\n|---|---|');
for (const [name, args] of rows) console.log(`| ${name} | ${median(args).toFixed(3)} |`);
