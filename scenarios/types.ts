/**
 * A scenario: which actors and pages, which protocol versions, and what each
 * version is expected to give (pass, or a violation of a named invariant), with
 * the review comment it answers. `build` turns it into a Model for one version,
 * at its default parameters or at the values given.
 */
import type { BuildOptions, Model } from '../checker/index.ts';
import type { Protocol } from '../model/protocol.ts';
import type { ParamSpecs, ParamValues } from './params.ts';

/** Review comments of the seed thread, as numbered in PROTOCOL.md. */
export type ReviewId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'R8' | 'R9';

/**
 * Expected verdict of a scenario under one protocol version, and why; `only`
 * restricts the check to those invariants (to expect a consequence, such as
 * `no-hang`, that a precursor would otherwise be reported before).
 */
export type Expected =
  | { readonly verdict: 'pass'; readonly why: string; readonly only?: readonly string[] }
  | { readonly verdict: 'violation'; readonly invariant: string; readonly why: string; readonly only?: readonly string[] };

/** A scenario of the catalog (or of a user's file). */
export interface Scenario {
  /** Stable id, kebab-case; used on the command line and in the gate. */
  readonly id: string;
  readonly title: string;
  /** The review comment this scenario answers, or null. */
  readonly review: ReviewId | null;
  /** The reviewer's words quoted from the seed (null when review is null). */
  readonly quote: string | null;
  /** What happens, in a few sentences. */
  readonly summary: string;
  /** The threads, one line each (e.g. "C0: compaction, page 0 already isolated"). */
  readonly actors: readonly string[];
  /** The pages and their initial state, one line each. */
  readonly pages: readonly string[];
  /** Ids of the protocol versions it runs under (a key of `expect` each). */
  readonly protocols: readonly string[];
  /** Expected verdict per protocol id (at the default parameters). */
  readonly expect: Readonly<Record<string, Expected>>;
  /** Parameters the scenario takes (name -> range and default); absent or empty: none. */
  readonly params?: ParamSpecs;
  /** For a mutant: the id of the passing scenario it mutates, and what it removes. */
  readonly mutantOf?: { readonly id: string; readonly change: string };
  /** Findings and caveats (for example a violation found in upstream code). */
  readonly notes?: string;
  /**
   * The model of this scenario under `protocol`, with `params` overriding the
   * default parameters (an unknown name or a value out of range throws ParamError).
   */
  build(protocol: Protocol, opts?: BuildOptions, params?: Partial<ParamValues>): Model<unknown>;
}
