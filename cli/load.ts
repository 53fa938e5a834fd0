/**
 * Finds what a command line names: a catalog scenario or built-in protocol
 * version by id, or a user file by path (anything with a `/` or ending in
 * .ts/.js/.mjs), imported by URL so it may live outside the repository (a
 * TypeScript file through tsx, loaded only for it). A file
 * may `export default X`, `export const scenario = X` / `export const
 * protocol = X`, or `export default (api) => X` where `api` is movcheck's
 * public API. Anything else is a UsageError saying what the file must export.
 */
import { existsSync } from 'node:fs';
import { notARegularFile } from './files.ts';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Protocol } from '../model/protocol.ts';
import { protocolById, protocols } from '../model/versions/index.ts';
import { catalog, scenarioById } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { UsageError, firstLine } from './errors.ts';
import type { Io } from './io.ts';

/** Something loaded, with the name the user gave for it (an id or a path). */
export interface Loaded<T> {
  readonly value: T;
  readonly ref: string;
}

/** True when a command-line name is a file path rather than an id. */
export function isPathRef(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.(ts|mts|js|mjs)$/.test(ref);
}

/** True for an object shaped like a Scenario (id, expect, protocols, build). */
export function isScenario(x: unknown): x is Scenario {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    o.id.length > 0 &&
    typeof o.expect === 'object' &&
    o.expect !== null &&
    Array.isArray(o.protocols) &&
    o.protocols.every((p) => typeof p === 'string') &&
    typeof o.build === 'function'
  );
}

/** True for an object shaped like a Protocol (id, title, fns). */
export function isProtocol(x: unknown): x is Protocol {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.id === 'string' && o.id.length > 0 && typeof o.title === 'string' && typeof o.fns === 'object' && o.fns !== null;
}

/**
 * Waits for `p`, or fails with a UsageError saying `what` never settles when
 * the event loop runs dry first (a promise nobody will ever resolve: without
 * this the process would exit 13 with nothing said).
 */
export function settleOrExplain<T>(p: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((done, fail) => {
    const dry = () => fail(new UsageError(`${what} never settles (nothing is left that could resolve it); fix the file`));
    process.once('beforeExit', dry);
    p.then(
      (v) => {
        process.off('beforeExit', dry);
        done(v);
      },
      (e: unknown) => {
        process.off('beforeExit', dry);
        fail(e);
      },
    );
  });
}

/** True for a TypeScript file, which tsx compiles on the fly (loaded only then). */
function isTypeScript(path: string): boolean {
  return /\.(ts|mts|cts)$/.test(path);
}

let tsLoader: Promise<void> | null = null;

/**
 * Makes `import()` of a .ts file work in the compiled CLI, once: registers
 * tsx, then (in a checkout, where the sources sit beside dist/) the hook that
 * maps imports of movcheck's sources to dist/ (dist-hooks.ts). Under a
 * TypeScript loader already (the sources run with tsx, as in the tests)
 * there is nothing to do.
 */
function ensureTsLoader(): Promise<void> {
  tsLoader ??= (async () => {
    if (!import.meta.url.endsWith('.js')) return;
    const { register } = await import('tsx/esm/api');
    register();
    const dist = new URL('../', import.meta.url);
    const root = new URL('../', dist);
    if (existsSync(new URL('cli/main.ts', root))) {
      const { register: registerHooks } = await import('node:module');
      registerHooks(new URL('./dist-hooks.js', import.meta.url), { data: { root: root.href, dist: dist.href } });
    }
  })();
  return tsLoader;
}

/**
 * Imports a user file; UsageError when it is missing, not a regular file, or
 * fails to load. JavaScript is imported as it is; TypeScript through tsx,
 * which movcheck loads only then.
 */
async function importFile(path: string, what: string, io: Io): Promise<Record<string, unknown>> {
  const abs = resolve(io.cwd, path);
  const problem = notARegularFile(abs);
  if (problem !== null) throw new UsageError(`cannot load ${what} file '${path}': ${problem}; give the path of a .ts, .js or .mjs file`);
  const url = pathToFileURL(abs).href;
  const loading = `loading '${path}' (its top-level await)`;
  const fail = (e: unknown) => new UsageError(`cannot load ${what} file '${path}': ${firstLine(e)}; fix the file or give another path`, { cause: e });
  if (isTypeScript(abs)) {
    try {
      await ensureTsLoader();
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes("'tsx'")) throw e;
      throw new UsageError(`cannot load ${what} file '${path}': a TypeScript file needs the tsx package, which is not installed; run npm install in movcheck's directory, or give a .js or .mjs file`, { cause: e });
    }
  }
  try {
    return unwrapCjs((await settleOrExplain(import(url), loading)) as Record<string, unknown>);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // A .ts file outside any "type": "module" package is loaded as CommonJS, which on
    // Node 20 can fail with a require(esm) cycle; tsx's scoped import handles it.
    if (!isTypeScript(abs) || !String((e as { code?: unknown }).code ?? '').startsWith('ERR_REQUIRE')) throw fail(e);
  }
  try {
    const { tsImport } = await import('tsx/esm/api');
    return unwrapCjs((await settleOrExplain(tsImport(url, import.meta.url) as Promise<unknown>, loading)) as Record<string, unknown>);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw fail(e);
  }
}

/** The exports of a file loaded as CommonJS arrive as the namespace's `default`: unwrap them. */
function unwrapCjs(mod: Record<string, unknown>): Record<string, unknown> {
  const d = mod.default;
  if (typeof d !== 'object' || d === null || isScenario(d) || isProtocol(d)) return mod;
  return 'default' in d || 'scenario' in d || 'protocol' in d ? (d as Record<string, unknown>) : mod;
}

/** The value a file exports under `name`, or its default export; a default function is called with the public API. */
async function exported(mod: Record<string, unknown>, name: string, path: string): Promise<unknown> {
  let x = mod[name] ?? mod.default;
  if (typeof x === 'function') {
    const api = await import('../index.ts');
    try {
      x = await settleOrExplain(Promise.resolve((x as (api: unknown) => unknown)(api)), `the promise returned by the function exported by '${path}'`);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`the function exported by '${path}' threw: ${firstLine(e)}; fix the file`, { cause: e });
    }
  }
  return x;
}

const SCENARIO_SHAPE =
  'it must `export default` (or `export const scenario =`) an object with id, expect, protocols and build(), or a function (api) => such an object';
const PROTOCOL_SHAPE =
  'it must `export default` (or `export const protocol =`) an object with id, title and fns, or a function (api) => such an object';

/** Ids of the catalog, for messages. */
function catalogIds(): string {
  return catalog.length ? catalog.map((s) => s.id).join(', ') : '(the catalog is empty)';
}

/** Ids of the built-in versions, for messages. */
export function versionIds(): string {
  return protocols.length ? protocols.map((p) => p.id).join(', ') : '(none built in yet)';
}

/** Loads a scenario by catalog id or file path. */
export async function loadScenario(ref: string, io: Io): Promise<Loaded<Scenario>> {
  if (!isPathRef(ref)) {
    const s = scenarioById(ref);
    if (!s) throw new UsageError(`unknown scenario '${ref}'; valid: ${catalogIds()}, or a path to a scenario file (see movcheck list)`);
    return { value: s, ref };
  }
  const x = await exported(await importFile(ref, 'scenario', io), 'scenario', ref);
  if (isScenario(x)) return { value: x, ref };
  if (isProtocol(x)) throw new UsageError(`'${ref}' exports a protocol, not a scenario; pass it with --protocol, and as scenario a file exporting an object with id, expect, protocols and build()`);
  throw new UsageError(`'${ref}' does not export a scenario; ${SCENARIO_SHAPE}`);
}

/** Loads a protocol version by id or file path. */
export async function loadProtocol(ref: string, io: Io): Promise<Loaded<Protocol>> {
  if (!isPathRef(ref)) {
    const p = protocolById(ref);
    if (!p) throw new UsageError(`unknown protocol version '${ref}'; valid: ${versionIds()}, or a path to a protocol file`);
    return { value: p, ref };
  }
  const x = await exported(await importFile(ref, 'protocol', io), 'protocol', ref);
  if (isProtocol(x)) return { value: x, ref };
  if (isScenario(x)) throw new UsageError(`'${ref}' exports a scenario, not a protocol; give it as the scenario, and with --protocol a file exporting an object with id, title and fns`);
  throw new UsageError(`'${ref}' does not export a protocol; ${PROTOCOL_SHAPE}`);
}

/**
 * Resolves a version id a scenario lists: first among `given` (versions named
 * on the command line, e.g. files), then the built-in ones.
 */
export function resolveVersion(id: string, scenario: string, given: readonly Loaded<Protocol>[]): Loaded<Protocol> {
  const g = given.find((p) => p.value.id === id);
  if (g) return g;
  const p = protocolById(id);
  if (p) return { value: p, ref: id };
  throw new UsageError(
    `scenario '${scenario}' lists protocol version '${id}', which is not built in (built in: ${versionIds()}); pass --protocol <file> defining it`,
  );
}
