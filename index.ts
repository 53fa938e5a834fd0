/**
 * movcheck's public API, also handed to user files: a scenario or protocol
 * written outside the repository may `export default (api) => ...` and build
 * on everything exported here.
 */
export * from './checker/index.ts';
export type { Protocol, ProtocolChange } from './model/protocol.ts';
export { extendProtocol } from './model/protocol.ts';
export { protocols, protocolById, mutantProtocols } from './model/versions/index.ts';
export { editFns, mutant, type Edits, type StepEdit } from './model/mutate.ts';
export { buildSystem, driverPage, filePage, free, OBJ_DATA, type SystemInit, type ThreadInit, type PageInit } from './model/system.ts';
export {
  fn, local, num, pg, fields, both, paths, RC,
  type Fns, type KCtx, type KFn, type KStep, type StepSpec, type FnName, type FnNames, type LocalName, type LocalNames, type KLocals, type KFootprint,
} from './model/dsl.ts';
export { PG, bit, test, flagNames, type Layout } from './model/flags.ts';
export { AS, mappingOf, PAGE_MAPPING_MOVABLE, PAGE_MAPPING_ANON } from './model/mapping.ts';
export { tryLock, unlockPage, lockFields } from './model/prim/pagelock.ts';
export { getPage, getPageUnlessZero, putPage, refFields } from './model/prim/refcount.ts';
export { atomicBit, nonAtomicBitFn } from './model/prim/flagword.ts';
export { callAop } from './model/aops.ts';
export { List, Kind, DRIVER_SLOT, ownerSlot, type Page, type World } from './model/world.ts';
export type { Scenario, Expected, ReviewId } from './scenarios/types.ts';
export { defineScenario, pass, violation, VERSIONS } from './scenarios/define.ts';
export { catalog, scenarioById } from './scenarios/index.ts';
export { catalogModel, catalogSource, type CatalogPair } from './scenarios/source.ts';
export { intParam, boolParam, ParamError, describeParams, resolveParams, type ParamSpec, type ParamSpecs, type ParamValues } from './scenarios/params.ts';
export type { ExpectOptions } from './scenarios/define.ts';
/** The whole public API as one type: what a user file's default export `(api) => ...` receives (`import type { Api } from 'movcheck'`). */
export type Api = typeof import('./index.ts');
