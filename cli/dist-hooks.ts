/**
 * A module resolve hook for the compiled CLI running in a movcheck checkout:
 * a user file that imports movcheck's own sources by path (the repository's
 * test fixtures import `../../checker/index.ts`) gets their compiled
 * counterparts in dist/, so the file and the CLI share one copy of every
 * module (two copies would not recognise each other's classes). Registered by
 * load.ts with `module.register`, only when dist/ sits in a checkout.
 */

/** The package root and its dist/ directory, as file URLs ending in `/`. */
export interface DistHookData {
  readonly root: string;
  readonly dist: string;
}

let data: DistHookData | null = null;

/** Receives the roots (module.register's `data`). */
export function initialize(d: DistHookData): void {
  data = d;
}

/** What the resolve hook gets from and returns to Node (the fields it uses). */
interface Resolved {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}

const SOURCE = /^(index\.ts|(?:checker|model|scenarios|reports|cli)\/.+\.ts)$/;

/** Resolves as the next hook does, then maps a source of the checkout (`<root>/model/x.ts`) to `<root>/dist/model/x.js`. */
export async function resolve(
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<Resolved>,
): Promise<Resolved> {
  const r = await next(specifier, context);
  if (data === null) return r;
  const url = r.url.replace(/[?#].*$/, '');
  if (!url.startsWith(data.root) || url.startsWith(data.dist)) return r;
  const rel = url.slice(data.root.length);
  if (!SOURCE.test(rel)) return r;
  return { url: data.dist + rel.replace(/\.ts$/, '.js'), format: 'module', shortCircuit: true };
}
