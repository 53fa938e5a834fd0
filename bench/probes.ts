/**
 * What a visited-set probe costs when it misses the caches, alone or beside
 * others: random reads of a 256 MB table, one between each burst of other
 * work (as the search probes now, once per apply), or four issued together
 * in one tight loop (as a search that computes a state's successors first
 * could). The difference is what overlapping the misses would save.
 *
 *   node --import tsx bench/probes.ts
 *
 * Measured on the 2-core VM (Node 20), six runs: 217-261 ns a probe alone,
 * 70-84 ns four together.
 */
const N = 1 << 25;
const table = new Int32Array(2 * N);
for (let i = 0; i < 2 * N; i += 97) table[i] = i;
let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 7;
const work = new Float64Array(1024).fill(1);
/** About 130 ns of work that touches only the caches: a step's worth between two probes. */
const busy = () => {
  let s = 0;
  for (let i = 0; i < 200; i++) s += (work[i & 1023] as number) * 1.0001;
  return s;
};
const M = 4_000_000;
for (let r = 0; r < 3; r++) {
  let acc = 0;
  let t0 = performance.now();
  for (let i = 0; i < M; i++) acc += busy() + (table[2 * (rnd() & (N - 1))] as number);
  const alone = performance.now() - t0;
  t0 = performance.now();
  const at = new Int32Array(4);
  for (let i = 0; i < M / 4; i++) {
    for (let k = 0; k < 4; k++) {
      acc += busy();
      at[k] = 2 * (rnd() & (N - 1));
    }
    acc += (table[at[0] as number] as number) + (table[at[1] as number] as number) + (table[at[2] as number] as number) + (table[at[3] as number] as number);
  }
  const four = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < M; i++) acc += busy() + (rnd() & 1);
  const none = performance.now() - t0;
  const ns = (ms: number) => (((ms - none) * 1e6) / M).toFixed(0);
  console.log(`ns a probe: alone ${ns(alone)}, four together ${ns(four)} (the work alone: ${((none * 1e6) / M).toFixed(0)} ns)`);
  // The sum is used, so the reads cannot be optimised away.
  if (acc === -1) console.log(acc);
}
