/**
 * Mutation of a protocol version: replace what some steps do (one lock, check
 * or atomic operation removed) and give the result its own id. Scenarios that
 * pass run such mutants to show that their checks can fail.
 */
import type { Fns, KCtx, KFn } from './dsl.ts';
import type { Protocol } from './protocol.ts';

/** New behaviour for one step: its run, and optionally its cited code. */
export interface StepEdit {
  /** The new run. An edit does not know its function's labels: its `goto`s are checked when the model is built. */
  readonly run: (c: KCtx<string>) => void;
  readonly code?: string;
}

/** Edits by function name, then step label. */
export type Edits = Readonly<Record<string, Readonly<Record<string, StepEdit>>>>;

/** `fns` with the steps named in `edits` replaced; throws on an unknown function or label. */
export function editFns(fns: Readonly<Fns>, edits: Edits): Fns {
  const out: Fns = { ...fns };
  for (const [name, byLabel] of Object.entries(edits)) {
    const f = fns[name];
    if (!f) throw new Error(`mutate: no function ${name}`);
    const labels = new Set(f.steps.map((s) => s.label));
    for (const l of Object.keys(byLabel)) if (!labels.has(l)) throw new Error(`mutate: ${name} has no step ${l}`);
    const steps = f.steps.map((s) => {
      const e = byLabel[s.label];
      return e ? { ...s, run: e.run, src: { ...s.src, code: e.code ?? `${s.src.code} [MUTANT]` } } : s;
    });
    out[name] = { steps } satisfies KFn;
  }
  return out;
}

/** A mutant of `base`: id `<base>~<tag>`, the steps in `edits` replaced. */
export function mutant(base: Protocol, tag: string, what: string, edits: Edits): Protocol {
  return {
    id: `${base.id}~${tag}`,
    title: `${base.id} mutant: ${what}`,
    description: `${base.title}, with one change: ${what}. A mutant: scenarios that pass under ${base.id} must fail under it.`,
    layout: base.layout,
    fns: editFns(base.fns, edits),
    base: base.id,
  };
}
