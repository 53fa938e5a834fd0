/** Helpers of the CLI tests: run `main` in-process, or spawn `node bin/movcheck.mjs` (slower, ~0.3 s each). */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.ts';
import { captureIo } from '../../cli/io.ts';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Fixture paths as a user would type them from the repository root. */
export const FX = {
  racy: 'test/fixtures/racy-counter.ts',
  atomic: 'test/fixtures/atomic-counter.ts',
  racy3: 'test/fixtures/racy-counter-3.ts',
  abba: 'test/fixtures/abba.ts',
  toy: 'test/fixtures/toy-protocol.ts',
  toy2: 'test/fixtures/toy2-protocol.ts',
  noExport: 'test/fixtures/no-export.ts',
  expectFlip: 'test/fixtures/expect-flip.json',
  expectSame: 'test/fixtures/expect-same.json',
} as const;

/** What a CLI run produced. */
export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process (cwd: the repository root unless given). */
export async function cli(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): Promise<Outcome> {
  const io = captureIo(cwd, env);
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Runs `node bin/movcheck.mjs` in a child process. */
export function spawnCli(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/movcheck.mjs'), ...args], {
      cwd,
      env: { ...process.env, MOVCHECK_DEBUG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The trace block of a text report: from `trace (` through the `replay:` line. */
export function traceBlockOf(text: string): string {
  const start = text.indexOf('trace (');
  const end = text.indexOf('\n', text.indexOf('replay: ', start));
  return start < 0 ? '' : text.slice(start, end < 0 ? undefined : end);
}
