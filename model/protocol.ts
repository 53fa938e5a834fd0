/**
 * A protocol version: the kernel functions and driver callbacks as step
 * programs, defined as overrides on a shared base so that a protocol change is
 * a small readable file (also one outside the repository).
 */
import type { FnDef } from '../checker/index.ts';
import type { World } from './world.ts';

/** A protocol version as the checker runs it. */
export interface Protocol {
  /** Stable id, e.g. `v3`, `v3-reviewed`, `v4.8`. */
  readonly id: string;
  readonly title: string;
  /** A few sentences: what this version is and where it comes from. */
  readonly description: string;
  /** Every function of the version (base plus overrides), by name. */
  readonly fns: Readonly<Record<string, FnDef<World>>>;
}
