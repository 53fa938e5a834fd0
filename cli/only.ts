/**
 * Checking only some invariants (`--only INV[,INV...]`, or an expectation's
 * `only`): the words are parsed and checked against the invariants a model
 * actually has, and the model is built so that it reports nothing else. That
 * includes `no-hang`: it is checked only when listed, so a search for one
 * invariant goes on past states where every thread sleeps (they have no
 * successors, so skipping them loses no state where the invariant could fail).
 */
import { NO_HANG, type Model } from '../checker/index.ts';
import { UsageError } from './errors.ts';

/** A set of invariant ids to check; null means all of them. */
export type Only = ReadonlySet<string> | null;

/** Parses `--only` values (each comma-separated; repeatable) into ids, or null when none was given. */
export function parseOnly(words: readonly string[]): string[] | null {
  if (words.length === 0) return null;
  const ids: string[] = [];
  for (const w of words) {
    for (const part of w.split(',')) {
      const id = part.trim();
      if (id === '') throw new UsageError(`--only expects invariant ids separated by commas, got '${w}'; e.g. --only no-hang,no-lost-flag-update`);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** Every invariant id a model can report: its assertions and state, step and end invariants, and `no-hang`. */
export function invariantIds(model: Model<unknown>): string[] {
  const ids = [...model.stateInvariants, ...model.stepInvariants, ...model.endChecks].map((i) => i.id);
  return [...new Set([...ids, NO_HANG])];
}

/** Throws a UsageError when `only` names an id that is not among `valid`; `where` says where the list came from. */
export function checkOnlyIds(only: Iterable<string>, valid: readonly string[], where: string): void {
  for (const id of only) {
    if (!valid.includes(id)) throw new UsageError(`unknown invariant '${id}' in ${where}; valid: ${valid.join(', ')}`);
  }
}

/** The intersection of two sets of ids to check (null: all). */
export function intersectOnly(a: Only, b: Only): Only {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

/**
 * `model` checking only `only` (null: unchanged): invariants outside the set
 * are dropped, for a model whose build ignored BuildOptions.only. Whether a
 * state where nothing can move is a hang is the search's `checkHang` option.
 */
export function checkingOnly<S>(model: Model<S>, only: Only): Model<S> {
  if (only === null) return model;
  const keep = <T extends { id: string }>(xs: readonly T[]) => xs.filter((x) => only.has(x.id));
  const extra = [...model.stateInvariants, ...model.stepInvariants, ...model.endChecks].some((x) => !only.has(x.id));
  if (!extra) return model;
  // A build that ignored BuildOptions.only: drop the rest here, on the object search (the packed form checks what its build had).
  // No-hang itself is the search's checkHang option (hangChecked).
  const { packed: _packed, ...rest } = model as Model<S> & { packed?: unknown };
  return { ...rest, stateInvariants: keep(model.stateInvariants), stepInvariants: keep(model.stepInvariants), endChecks: keep(model.endChecks) };
}

/** Whether `no-hang` is checked under `only` (the explorer's checkHang option). */
export function hangChecked(only: Only): boolean {
  return only === null || only.has(NO_HANG);
}
