/**
 * Mutant versions: a shipped version with one lock, check or atomic operation
 * removed. Each passing scenario of the catalog runs one of them and must
 * fail, which shows that the scenario's checks can bite.
 */
import type { Protocol } from '../protocol.ts';

/** Every mutant version, by id (`<version>~<what is removed>`). */
export const mutantProtocols: readonly Protocol[] = [];
