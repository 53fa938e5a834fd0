/**
 * A worker thread running a module of this package: compiled, the .js file;
 * from the sources (tests, `tsx`), the .ts file through tsx, which a worker
 * does not inherit from its parent.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker running module `entry` (no extension) beside the module at URL `base` (its import.meta.url). */
export function startModuleWorker(base: string, entry: string, opts: WorkerOptions): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${entry}.js`, base), opts);
  const tsx = import.meta.resolve('tsx/esm/api');
  const url = new URL(`./${entry}.ts`, base).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`, { ...opts, eval: true });
}
