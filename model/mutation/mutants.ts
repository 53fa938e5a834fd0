/**
 * Every single-point mutant of a version, from the sites discovery met (no
 * hand-written list): a lock dropped with its unlock in the same frame, an
 * unlock moved one step earlier, a reference taken or dropped no more, an
 * atomic flag operation made a non-atomic load and store and a non-atomic one
 * made atomic, a check that always answers true or always false. New versions
 * get theirs as soon as their steps call the primitives (model/prim/) or test
 * flags with `test()` and branch on boolean locals.
 */
import type { Protocol } from '../protocol.ts';
import { unlockPage } from '../prim/pagelock.ts';
import type { Change, Mutation, Site } from './hook.ts';
import { instrument, predecessors, successors, type Discovery } from './instrument.ts';

/** Kind of a mutant, as its id and report name it. */
export type MutantKind = 'no-lock' | 'unlock-early' | 'no-get' | 'no-put' | 'non-atomic' | 'atomic' | 'always-true' | 'always-false';

/** One mutant of a version. */
export interface Mutant {
  /** `<version>~<kind>@<fn>/<label>/<what>[#n]`. */
  readonly id: string;
  readonly kind: MutantKind;
  readonly mutation: Mutation;
  /** Where: the kernel function and the statement of the step, as the step cites them. */
  readonly where: { readonly file: string; readonly fn: string; readonly code: string };
  /** A sentence: what the mutant changes. */
  readonly what: string;
  /** For an unlock moved earlier: the step (of the same function, always followed by the unlock's) it moves in front of. */
  readonly before?: string;
  /** For a forced check: the catalog only ever saw the forced value there (the mutant cannot change a verdict). */
  readonly sameAsSeen?: boolean;
}

const DESCRIBE: Record<MutantKind, (s: Site) => string> = {
  'no-lock': (s) => `${s.what} not taken (nor its unlock in the same function)`,
  'unlock-early': (s) => `${s.what} moved one step earlier`,
  'no-get': (s) => `${s.what} takes no reference (nor drops it in the same function)`,
  'no-put': (s) => `${s.what} not done`,
  'non-atomic': (s) => `${s.what} made non-atomic (a load, and the store in a step of its own)`,
  atomic: (s) => `${s.what} made atomic (load and store in one step)`,
  'always-true': (s) => `the check ${s.what} always true`,
  'always-false': (s) => `the check ${s.what} always false`,
};

/** The mutants of one site. */
function kindsOf(s: Site): [MutantKind, Change][] {
  switch (s.op) {
    case 'lock':
      return [['no-lock', { kind: 'drop' }]];
    case 'get':
      return [['no-get', { kind: 'drop' }]];
    case 'put':
      return [['no-put', { kind: 'drop' }]];
    case 'unlock':
      return [['unlock-early', { kind: 'early' }]];
    case 'atomic-bit':
      return [['non-atomic', { kind: 'split' }]];
    case 'nonatomic-bit':
      return [['atomic', { kind: 'fuse' }]];
    case 'check':
      return [
        ['always-true', { kind: 'force', value: true }],
        ['always-false', { kind: 'force', value: false }],
      ];
  }
}

/** Every mutant of `version` at the sites of `d`, in the order of the version's functions and steps. */
export function enumerateMutants(version: Protocol, d: Discovery): Mutant[] {
  const order = new Map<string, number>();
  let i = 0;
  for (const [fn, def] of Object.entries(version.fns)) for (const st of def.steps) order.set(`${fn}/${st.label}`, i++);
  const sites = [...d.sites.entries()].sort(([ka, a], [kb, b]) => (order.get(`${a.fn}/${a.label}`) ?? 0) - (order.get(`${b.fn}/${b.label}`) ?? 0) || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const out: Mutant[] = [];
  for (const [key, site] of sites) {
    const step = version.fns[site.fn]?.steps.find((s) => s.label === site.label);
    if (!step) continue;
    for (const [kind, change] of kindsOf(site)) {
      const id = `${version.id}~${kind}@${site.fn}/${site.label}/${site.what}${site.nth ? `#${site.nth}` : ''}`;
      if (change.kind === 'early') {
        // In front of each step that always leads to the unlock's step (a step with other ways out would leave the lock dropped
        // on them), unless that step takes a lock itself (nothing is held in front of it: the mutant would be the version).
        for (const before of [...predecessors(d, site.fn, site.label)].sort()) {
          const succ = successors(d, site.fn, before);
          if (succ.size !== 1 || !succ.has(site.label)) continue;
          if ([...d.sites.values()].some((s) => s.op === 'lock' && s.fn === site.fn && s.label === before)) continue;
          out.push({ id: `${id}<${before}`, kind, mutation: { site, change }, where: { file: step.src.file, fn: step.src.fn, code: step.src.code }, what: `${DESCRIBE[kind](site)}, before ${site.fn}/${before}`, before });
        }
        continue;
      }
      const seen = d.seen.get(key);
      const forced = change.kind === 'force' ? change.value : null;
      out.push({
        id,
        kind,
        mutation: { site, change },
        where: { file: step.src.file, fn: step.src.fn, code: step.src.code },
        what: DESCRIBE[kind](site),
        ...(forced !== null && seen && seen.size === 1 && seen.has(forced) ? { sameAsSeen: true } : {}),
      });
    }
  }
  return out;
}

/** The version of a mutant: `version` with every step instrumented and the mutant's one change. */
export function mutantProtocol(version: Protocol, m: Mutant): Protocol {
  return {
    id: m.id,
    title: `${version.id} mutant: ${m.what}`,
    description: `${version.title}, with one change in ${m.where.fn} (${m.where.code}): ${m.what}.`,
    layout: version.layout,
    fns: instrument(version, m.before !== undefined ? { mutation: m.mutation, before: m.before } : { mutation: m.mutation }, unlockPage),
    base: version.id,
  };
}

/** `version` instrumented to record its sites into `d` (behaviour unchanged). */
export function discoveryProtocol(version: Protocol, d: Discovery): Protocol {
  return { ...version, fns: instrument(version, { record: d }, unlockPage) };
}
