/** Test helper: run code under a fake `performance.now`, so two runs of the CLI see very different timings. */

/**
 * Runs `fn` while `performance.now()` advances by `msPerCall` at every call
 * (from 0), then restores the real clock. Use from `test.serial` only: the
 * clock is global to the worker.
 */
export async function withClock<T>(msPerCall: number, fn: () => Promise<T>): Promise<T> {
  const real = performance.now;
  let now = 0;
  performance.now = () => (now += msPerCall);
  try {
    return await fn();
  } finally {
    performance.now = real;
  }
}
