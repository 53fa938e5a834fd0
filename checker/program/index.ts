/** The thread-program layer: define steps and functions, build a Model. */
export * from './types.ts';
export * from './build.ts';
export * from './renaming.ts';
