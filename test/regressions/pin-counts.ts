/**
 * Regenerates the regression pins of the catalog:
 *   pinned-counts.json  `<scenario> @ <version>` -> { bfs, dfs }: verdict, states, transitions, depth
 *   pinned-traces.json  `<scenario> @ <version>` -> the BFS counterexample, one line per step
 * Run `node --import tsx test/regressions/pin-counts.ts` after a deliberate change
 * of the model or the explorer, and review the diff (and say why in the CHANGELOG).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRATEGIES, catalogPairs, countsLine, explorePair, pinnedTrace, type PinnedTrace } from './_pins.ts';

const here = dirname(fileURLToPath(import.meta.url));

const counts: Record<string, Record<string, string>> = {};
const traces: Record<string, PinnedTrace> = {};
for (const pair of catalogPairs()) {
  const byStrategy: Record<string, string> = {};
  for (const strategy of STRATEGIES) {
    const r = explorePair(pair, strategy);
    byStrategy[strategy] = countsLine(r);
    const pinned = strategy === 'bfs' ? pinnedTrace(r) : null;
    if (pinned) traces[pair.key] = pinned;
  }
  counts[pair.key] = byStrategy;
}

writeFileSync(join(here, 'pinned-counts.json'), JSON.stringify(counts, null, 2) + '\n');
writeFileSync(join(here, 'pinned-traces.json'), JSON.stringify(traces, null, 2) + '\n');
console.log(`${Object.keys(counts).length} pairs pinned, ${Object.keys(traces).length} counterexample traces`);
