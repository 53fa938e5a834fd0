/**
 * Runs a searching command in a worker thread that the main thread can stop:
 * the search's clock is read between steps, so a step that runs long (or
 * never returns) would otherwise hold the process past --time-limit, or
 * forever. A watchdog reads the worker's heartbeat (beat.ts) every 50 ms:
 *
 * - a step, guard or invariant that has run for `stepTimeout` seconds
 *   (MOVCHECK_STEP_TIMEOUT, default 10), or that still runs 0.9 s past
 *   --time-limit, is a model error (exit 2) naming it; so is a search in
 *   which nothing has run for that long;
 * - a search still running 0.9 s past --time-limit between steps is stopped
 *   as incomplete (exit 3);
 * - loading the files, or building a pair's model, for `loadTimeout` seconds
 *   (MOVCHECK_LOAD_TIMEOUT, default 30: a scenario or protocol file that
 *   loops while it loads or builds) is bad input (exit 2).
 *
 * A hand-written model's functions beat as well; what the engine does
 * between them is not watched, but --time-limit holds within 0.9 s.
 *
 * Output is forwarded as the worker writes it; the exit status is the worker's.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../checker/module-worker.ts';
import type { Io } from '../io.ts';
import { BEAT, PHASE, type WorkerMessage } from './beat.ts';
import type { WorkerInput } from './entry.ts';

/** Grace past --time-limit before the watchdog stops the worker, in ms. */
export const GRACE_MS = 900;
const POLL_MS = 50;

/** A worker running the entry module next to this one (compiled, entry.js; from the sources, entry.ts through tsx). */
function startWorker(input: WorkerInput): Worker {
  return startModuleWorker(import.meta.url, 'entry', { workerData: input, stdout: false, stderr: false });
}

/** Runs `main(args)` in a worker, stopping it as the module comment says; resolves to the exit status. */
export function runIsolated(args: readonly string[], io: Io, timeLimit: number | undefined): Promise<number> {
  const raw = Number(io.env.MOVCHECK_STEP_TIMEOUT);
  const stepTimeoutMs = (raw > 0 && Number.isFinite(raw) ? raw : 10) * 1000;
  const rawLoad = Number(io.env.MOVCHECK_LOAD_TIMEOUT);
  const loadTimeoutMs = (rawLoad > 0 && Number.isFinite(rawLoad) ? rawLoad : 30) * 1000;
  const shared = new SharedArrayBuffer(4 * 4);
  const beat = new Int32Array(shared);
  const input: WorkerInput = { args: [...args], cwd: io.cwd, env: { ...io.env }, colour: io.colour ?? false, progress: io.progress === null ? null : (io.progressStyle ?? { lines: false, everyMs: 1000 }), shared };
  const worker = startWorker(input);
  const names: string[] = [];
  let pair: { scenario: string; protocol: string; at: number } | null = null;
  let code: number | null = null;
  let stopped: number | null = null;
  let lastSeq = -1;
  let since = performance.now();

  return new Promise<number>((resolve) => {
    const stop = (status: number, line: string) => {
      if (stopped !== null || code !== null) return;
      stopped = status;
      io.err(`movcheck: ${line}\n`);
      void worker.terminate();
    };
    const watch = setInterval(() => {
      const now = performance.now();
      const seq = Atomics.load(beat, BEAT.seq);
      const inStep = Atomics.load(beat, BEAT.inStep) > 0;
      if (seq !== lastSeq) {
        lastSeq = seq;
        since = now;
      }
      const quiet = now - since;
      const what = pair ? `'${pair.scenario}' under '${pair.protocol}'` : 'the command';
      const step = names[Atomics.load(beat, BEAT.step)] ?? 'a step';
      const stuck = (ms: number) =>
        stop(2, `model error while checking ${what}: ${step} has run for ${(ms / 1000).toFixed(1)}s without returning, and was stopped; steps, guards and invariants must be short; fix the scenario or protocol`);
      const searching = Atomics.load(beat, BEAT.phase) === PHASE.search;
      if (inStep && quiet >= stepTimeoutMs) return stuck(quiet);
      if (searching && pair && quiet >= stepTimeoutMs) {
        return stop(2, `model error while checking ${what}: the search has made no progress for ${(quiet / 1000).toFixed(1)}s (no step, guard or invariant ran), and was stopped; fix the scenario or protocol`);
      }
      if (timeLimit !== undefined && pair && now - pair.at > timeLimit * 1000 + GRACE_MS) {
        if (inStep && quiet >= GRACE_MS) return stuck(quiet);
        return stop(3, `${what}: incomplete: --time-limit ${timeLimit}s passed and the search did not stop by itself within ${GRACE_MS / 1000}s; it was stopped (bound time-limit)`);
      }
      if (Atomics.load(beat, BEAT.phase) !== PHASE.search && quiet >= loadTimeoutMs) {
        stop(2, `${what} has run for ${(quiet / 1000).toFixed(1)}s without running a step, and was stopped: does a scenario or protocol file loop while it loads or builds? fix the file`);
      }
    }, POLL_MS);
    worker.on('message', (m: WorkerMessage) => {
      if (stopped !== null) return;
      switch (m.t) {
        case 'out':
          io.out(m.s);
          break;
        case 'err':
          io.err(m.s);
          break;
        case 'steps':
          m.names.forEach((n, i) => (names[m.from + i] = n));
          break;
        case 'pair':
          pair = { scenario: m.scenario, protocol: m.protocol, at: performance.now() };
          since = performance.now();
          break;
        case 'done':
          code = m.code;
          break;
      }
    });
    worker.on('error', (e) => {
      if (code === null && stopped === null) {
        stopped = 4;
        io.err(`movcheck: internal error: the worker thread failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}; this is a bug in movcheck, please report it\n`);
      }
    });
    worker.on('exit', () => {
      clearInterval(watch);
      if (code !== null) return resolve(code);
      if (stopped !== null) return resolve(stopped);
      io.err('movcheck: the command ended without a result: a promise of a scenario or protocol file never settles? fix the file\n');
      resolve(2);
    });
  });
}
