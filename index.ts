/**
 * movcheck's public API, also handed to user files (a scenario or protocol
 * written outside the repository may `export default (api) => ...`).
 */
export * from './checker/index.ts';
export type { Protocol } from './model/protocol.ts';
export { protocols, protocolById } from './model/versions/index.ts';
export type { Scenario, Expected, ReviewId } from './scenarios/types.ts';
export { catalog, scenarioById } from './scenarios/index.ts';
