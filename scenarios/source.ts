/**
 * Catalog models as a parallel search's workers build them (checker/packed/
 * parallel.ts): each worker thread imports this module and calls
 * `catalogModel` with the pair, its parameters and the invariants checked.
 */
import type { Model } from '../checker/model.ts';
import type { ModelSource } from '../checker/packed/parallel-shared.ts';
import { protocolById } from '../model/versions/index.ts';
import type { ParamValues } from './params.ts';
import { catalog } from './index.ts';

/** A catalog pair, at parameters, checking `only` (all when absent). */
export interface CatalogPair {
  readonly scenario: string;
  readonly protocol: string;
  readonly params?: ParamValues;
  readonly only?: readonly string[];
}

/** The model of a catalog pair. */
export function catalogModel(pair: CatalogPair): Model<unknown> {
  const s = catalog.find((x) => x.id === pair.scenario);
  if (!s) throw new Error(`no catalog scenario ${pair.scenario}`);
  const p = protocolById(pair.protocol);
  if (!p) throw new Error(`no protocol version ${pair.protocol}`);
  const opts = pair.only ? { only: new Set(pair.only) } : {};
  return pair.params ? s.build(p, opts, pair.params) : s.build(p, opts);
}

/** Where a worker gets the model of a catalog pair. */
export function catalogSource(pair: CatalogPair): ModelSource {
  return { module: import.meta.url, export: 'catalogModel', arg: pair };
}
