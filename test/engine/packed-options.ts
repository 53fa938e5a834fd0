/** Options of a direct packed search for tests: bfs, no bounds but 1 GiB, hashed, dead locals kept, hangs reported. */
import type { PackedOptions } from '../../checker/packed/explore.ts';

/** The test default, with `o` over it. */
export const packedOptions = (o: Partial<PackedOptions> = {}): PackedOptions => ({
  strategy: 'bfs',
  maxStates: Infinity,
  maxDepth: Infinity,
  timeLimit: Infinity,
  maxMemory: 1024,
  exact: false,
  deadLocals: false,
  checkHang: true,
  progress: undefined,
  ...o,
});
