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

export const equivalents: readonly Equivalent[] = [];
