/** The scenario catalog, in display order. */
import type { Scenario } from './types.ts';

/** Every built-in scenario (passing scenarios, their mutants, and the review comments R1-R9). */
export const catalog: readonly Scenario[] = [];

/** The catalog scenario with this id, or undefined. */
export function scenarioById(id: string): Scenario | undefined {
  return catalog.find((s) => s.id === id);
}
