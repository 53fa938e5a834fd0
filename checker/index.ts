/** Public API of the engine: model types, explorer, replay, schedules, fingerprints, thread programs. */
export * from './model.ts';
export * from './result.ts';
export * from './explore.ts';
export type { ModelSource } from './packed/parallel-shared.ts';
export * from './replay.ts';
export * from './schedule.ts';
export * from './fingerprint.ts';
export * from './trace.ts';
export * from './program/index.ts';
