/**
 * Surviving mutants that no test can kill, each with a one-line reason. A
 * survivor matches an entry when the file is the same and every field the
 * entry gives matches (whitespace-insensitive): `line` is the trimmed source
 * line the mutant starts on, `original` the mutated text, `replacement` what
 * Stryker put there. Entries outlive line-number changes; an entry that no
 * longer matches anything simply stops applying.
 */
export interface Equivalent {
  readonly file: string;
  readonly line?: string;
  readonly original?: string;
  readonly replacement?: string;
  readonly mutator?: string;
  readonly reason: string;
}

const CACHE = 'keyText only caches what encKey computes anyway: with or without the cache, and at any size bound, every key is spelled the same';

export const equivalents: readonly Equivalent[] = [
  // checker/fingerprint.ts
  { file: 'checker/fingerprint.ts', line: 'if (e === undefined) {', replacement: 'true', reason: CACHE },
  { file: 'checker/fingerprint.ts', line: 'if (keyText.size < 4096) keyText.set(k, e);', reason: CACHE },
  // checker/explore.ts (the object search)
  {
    file: 'checker/explore.ts',
    line: 'if ((++expanded & 255) === 0) {',
    replacement: '--expanded',
    reason: 'counting down hits the same multiples of 256 (and of 4096): -256k & 255 is 0',
  },
  { file: 'checker/explore.ts', line: 'if (sec > timeLimit) return incomplete(\'time-limit\', timeLimit);', replacement: 'sec >= timeLimit', reason: 'elapsed time equal to the limit to the last bit of a double: no test can arrange it' },
  { file: 'checker/explore.ts', line: 'if (depth > maxSeen) maxSeen = depth;', replacement: 'depth >= maxSeen', reason: 'assigning the equal value again changes nothing' },
  {
    file: 'checker/explore.ts',
    line: 'via.push({ thread: -1, choice: 0, choices: 1 });',
    reason: "the initial state's entry of `via` is never read: pathTo stops at its parent -1",
  },
  {
    file: 'checker/explore.ts',
    line: 'const strategy = opts.strategy ?? \'bfs\';',
    replacement: '""',
    reason: "the packed search runs dfs only for 'dfs': any other name is bfs",
  },
];
