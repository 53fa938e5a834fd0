/**
 * Defining a scenario: its description, expected verdicts, and the system it
 * builds (pages in their initial state, threads), possibly per version and
 * per parameter values.
 */
import type { BuildOptions, Model } from '../checker/index.ts';
import { buildSystem, type SystemInit } from '../model/system.ts';
import type { Protocol } from '../model/protocol.ts';
import type { Expected, Scenario } from './types.ts';
import { resolveParams, type ParamValues } from './params.ts';
import { outcomeInvariantIds } from '../model/invariants.ts';
import { PG } from '../model/flags.ts';

/** A scenario as written: everything but `build`, plus the system to build (of the protocol and the parameter values). */
export type ScenarioSpec = Omit<Scenario, 'build'> & {
  readonly system: SystemInit | ((protocol: Protocol, params: ParamValues) => SystemInit);
};

/** Makes a Scenario from its spec; checks that every listed protocol has an expectation and that the parameters' defaults are valid. */
export function defineScenario(spec: ScenarioSpec): Scenario {
  resolveParams(spec.id, spec.params);
  for (const p of spec.protocols) {
    if (!spec.expect[p]) throw new Error(`scenario ${spec.id}: no expectation for protocol ${p}`);
  }
  const { system, ...rest } = spec;
  return {
    ...rest,
    build(protocol: Protocol, opts?: BuildOptions, params?: Partial<ParamValues>): Model<unknown> {
      const values = resolveParams(spec.id, spec.params, params);
      const init = typeof system === 'function' ? system(protocol, values) : system;
      return buildSystem(protocol, init, opts) as Model<unknown>;
    },
  };
}

/** What an expectation may add: check only these invariants. */
export interface ExpectOptions {
  readonly only?: readonly string[];
}

/** Expected pass (of every invariant, or of those in `opts.only`). */
export function pass(why: string, opts: ExpectOptions = {}): Expected {
  return opts.only ? { verdict: 'pass', why, only: opts.only } : { verdict: 'pass', why };
}

/** Expected violation of `invariant` (checking only `opts.only`, which must include it, when given). */
export function violation(invariant: string, why: string, opts: ExpectOptions = {}): Expected {
  if (opts.only && !opts.only.includes(invariant)) throw new Error(`violation(${invariant}): only [${opts.only.join(', ')}] must include it`);
  return opts.only ? { verdict: 'violation', invariant, why, only: opts.only } : { verdict: 'violation', invariant, why };
}

/** v3 with one agreed review fix each (R2, R6, R7, R9), in the order of the reviews. */
export const V3_FIXES = ['v3-r2', 'v3-r6', 'v3-r7', 'v3-r9'] as const;

/**
 * The shipped versions up to 5.19, in kernel order: v3, its one-fix versions,
 * v3-reviewed, then 4.8 on; v4.10-generic (4.10 without the atomic unlock
 * helper) and v4.8-atomic (4.10 with the 2022 fix backported) after their base.
 */
export const VERSIONS = ['v3', ...V3_FIXES, 'v3-reviewed', 'v4.8', 'v4.10', 'v4.10-generic', 'v4.8-atomic', 'v5.0', 'v5.19'] as const;

/** The versions built on v4.8's code (mapping tag, PG_isolated owned by the VM), in kernel order. */
export const V48_FAMILY = ['v4.8', 'v4.10', 'v4.10-generic', 'v4.8-atomic', 'v5.0', 'v5.19'] as const;

/** The versions of V48_FAMILY whose PG_isolated is non-atomic (`__PAGEFLAG`): before the 2022 fix. */
export const V48_NONATOMIC = ['v4.8', 'v4.10', 'v4.10-generic', 'v5.0'] as const;

/**
 * `only` for a mutant whose rule-style check (a mark cleared without PG_lock)
 * fires first: every outcome invariant (the ids do not depend on the layout).
 */
export const OUTCOME_ONLY: readonly string[] = outcomeInvariantIds({ isolated: PG.owner_priv_1, movable: PG.reclaim, mapcountMarker: true });

/**
 * `only` for a mutant that one of the kernel's own assertions catches first
 * (kernel-bug-on, kernel-warn-on): every outcome invariant but those, the harm
 * a kernel meets past its own checks (VM_BUG_ON_PAGE is compiled out without
 * CONFIG_DEBUG_VM, and WARN_ON_ONCE only warns). The expectation's `why` names
 * the assertion that fires first.
 */
export const PAST_KERNEL_CHECKS: readonly string[] = OUTCOME_ONLY.filter((id) => id !== 'kernel-bug-on' && id !== 'kernel-warn-on');

/** The versions from 6.1 on, in kernel order: struct movable_operations (6.1, 6.2) and 7.0's movable_ops by page type. */
export const NEWER = ['v6.1', 'v6.2', 'v7.0'] as const;

/** 6.1 and 6.2: movable_operations behind the PAGE_MAPPING_MOVABLE tag, PG_isolated atomic. */
export const V6X = ['v6.1', 'v6.2'] as const;

/**
 * `only` for what 7.0 does to a page its driver released: every outcome
 * invariant but no-callback-after-release, which 7.0 breaks by design (it
 * calls mops->isolate_page, ->migrate_page and ->putback_page of released
 * pages, and its driver refuses or finishes them), so a search checking the
 * rest follows the callbacks into the driver.
 */
export const PAST_RELEASED_CALLBACKS: readonly string[] = OUTCOME_ONLY.filter((id) => id !== 'no-callback-after-release');
