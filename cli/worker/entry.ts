/**
 * The worker side of an isolated command (isolate.ts): runs `main` on the
 * arguments it was given, its output posted to the main thread, with the
 * heartbeat started, then posts the exit status.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from '../main.ts';
import type { Io } from '../io.ts';
import { startBeat, type WorkerMessage } from './beat.ts';

/** What the main thread hands the worker. */
export interface WorkerInput {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly colour: boolean;
  /** Print progress lines (the main thread's stderr is a terminal). */
  readonly progress: boolean;
  readonly shared: SharedArrayBuffer;
}

const port = parentPort;
if (port) {
  const input = workerData as WorkerInput;
  const post = (m: WorkerMessage) => port.postMessage(m);
  startBeat(new Int32Array(input.shared), port);
  let last = -1;
  const io: Io = {
    out: (s) => post({ t: 'out', s }),
    err: (s) => post({ t: 'err', s }),
    cwd: input.cwd,
    env: input.env,
    colour: input.colour,
    progress: input.progress
      ? (p) => {
          if (p.seconds - last < 1) return;
          last = p.seconds;
          const rate = p.seconds > 0 ? Math.round(p.states / p.seconds) : 0;
          post({ t: 'err', s: `\r[movcheck] ${p.states} states, ${rate}/s, depth ${p.depth}, queue ${p.frontier}, ${p.seconds.toFixed(1)}s   ` });
        }
      : null,
  };
  const code = await main(input.args, io);
  post({ t: 'done', code });
}
