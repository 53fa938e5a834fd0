/**
 * A protocol version: the kernel functions and driver callbacks as step
 * programs, defined as overrides on a shared base so that a protocol change is
 * a small readable file (also one outside the repository, see extendProtocol).
 */
import type { Layout } from './flags.ts';
import type { Fns } from './dsl.ts';

/** A protocol version as the checker runs it. */
export interface Protocol {
  /** Stable id, e.g. `v3`, `v3-reviewed`, `v4.8`. */
  readonly id: string;
  readonly title: string;
  /** A few sentences: what this version is and where it comes from. */
  readonly description: string;
  /** How the version encodes movable and isolated. */
  readonly layout: Layout;
  /** Every function of the version (base plus overrides), by name. */
  readonly fns: Readonly<Fns>;
  /** The version it was derived from, if any. */
  readonly base?: string;
  /** Where the version stands in the kernel's history (for `movcheck timeline`); absent for candidates and mutants. */
  readonly since?: Since;
}

/** A version's place in the kernel's history: the release and the commit (or posting) that made it. */
export interface Since {
  /** The kernel release, e.g. `6.1` (`v3 patch` for a posting). */
  readonly kernel: string;
  /** The commit that changed the protocol to this version, as its subject (and id where known). */
  readonly commit: string;
}

/** What a derived version changes: new identity, and the functions it replaces or adds. */
export interface ProtocolChange {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Replaced or added functions; a function of the base's layout and functions when they need its bits or edit its steps. */
  readonly fns: Fns | ((layout: Layout, baseFns: Readonly<Fns>) => Fns);
}

/** A new version: `base` with some functions replaced. */
export function extendProtocol(base: Protocol, change: ProtocolChange): Protocol {
  const fns = typeof change.fns === 'function' ? change.fns(base.layout, base.fns) : change.fns;
  return {
    id: change.id,
    title: change.title,
    description: change.description,
    layout: base.layout,
    fns: { ...base.fns, ...fns },
    base: base.id,
  };
}
