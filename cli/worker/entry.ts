/**
 * The worker side of an isolated command (isolate.ts): runs `main` on the
 * arguments it was given, its output posted to the main thread, with the
 * heartbeat started, then posts the exit status.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from '../main.ts';
import type { Io } from '../io.ts';
import { startBeat, type WorkerMessage } from './beat.ts';
import { progressSink, type ProgressStyle } from '../../checker/progress.ts';

/** What the main thread hands the worker. */
export interface WorkerInput {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly colour: boolean;
  /** How to print progress (the main thread's style), or null for none. */
  readonly progress: ProgressStyle | null;
  readonly shared: SharedArrayBuffer;
}

const port = parentPort;
if (port) {
  const input = workerData as WorkerInput;
  const post = (m: WorkerMessage) => port.postMessage(m);
  startBeat(new Int32Array(input.shared), port);
  const io: Io = {
    out: (s) => post({ t: 'out', s }),
    err: (s) => post({ t: 'err', s }),
    cwd: input.cwd,
    env: input.env,
    colour: input.colour,
    progress: input.progress ? progressSink(input.progress, (s) => post({ t: 'err', s })) : null,
    progressStyle: input.progress,
  };
  const code = await main(input.args, io);
  post({ t: 'done', code });
}
