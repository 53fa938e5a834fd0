/** The scenario catalog, in display order: each passing scenario next to the mutant that must fail. */
import type { Scenario } from './types.ts';
import { migrationNoCopy, migrationPreservesData } from './catalog/migration-preserves-data.ts';
import { duty1, duty1Mutant } from './catalog/duty1-mark-under-lock.ts';
import { duty3, duty4 } from './catalog/duties-3-4.ts';
import { parallel, parallelMutant } from './catalog/parallel-compaction.ts';
import { r1Breaks, r1Keeps } from './catalog/r1-page-lru.ts';
import { r2 } from './catalog/r2-release-isolated.ts';
import { r2LostWakeup } from './catalog/r2-lost-wakeup.ts';
import { r3OwnerPriv, r3Reclaim } from './catalog/r3-aliased-bits.ts';
import { r4, r4Mutants } from './catalog/r4-false-positive-isolate.ts';
import { r5, r5Mutant } from './catalog/r5-movable-and-mapped.ts';
import { r6, r6MovableCheck, r6Mutant } from './catalog/r6-putback-unlocked.ts';
import { r7, r7MovableCheck, r7Mutant } from './catalog/r7-unmap-unlocked.ts';
import { r8, r8Mutants } from './catalog/r8-false-positive-migrate.ts';
import { r9, r9Mutant } from './catalog/r9-new-page-owner.ts';
import { r2LostWakeupNonAtomic, r2NonAtomic, r3NonAtomic } from './catalog/non-atomic-isolated.ts';
import { slabPage, slabPageMutant } from './catalog/slab-page.ts';
import { r7ScannedNoMovableCheck } from './catalog/r7-scanned.ts';
import { v7Destroyed, v7DestroyedMutants, v7Rescanned, v7RescannedMutants } from './catalog/v7-released-pages.ts';

/** Every built-in scenario (passing scenarios, their mutants, and the review comments R1-R9). */
export const catalog: readonly Scenario[] = [
  migrationPreservesData,
  migrationNoCopy,
  parallel,
  parallelMutant,
  duty1,
  duty1Mutant,
  duty3,
  duty4,
  r1Keeps,
  r1Breaks,
  r2,
  r2NonAtomic,
  r2LostWakeup,
  r2LostWakeupNonAtomic,
  r3OwnerPriv,
  r3Reclaim,
  r3NonAtomic,
  r4,
  r4Mutants,
  r5,
  r5Mutant,
  r6,
  r6Mutant,
  r6MovableCheck,
  r7,
  r7Mutant,
  r7MovableCheck,
  r7ScannedNoMovableCheck,
  r8,
  r8Mutants,
  r9,
  r9Mutant,
  slabPage,
  slabPageMutant,
  v7Destroyed,
  v7DestroyedMutants,
  v7Rescanned,
  v7RescannedMutants,
];

/** The catalog scenario with this id, or undefined. */
export function scenarioById(id: string): Scenario | undefined {
  return catalog.find((s) => s.id === id);
}
