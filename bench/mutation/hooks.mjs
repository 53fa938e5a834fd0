/**
 * Module resolution hook of the mutation runner's process: `ava` (and
 * `@fast-check/ava`, which imports it) resolve to the in-process stand-ins,
 * so the test files run unchanged outside ava's CLI.
 */
const shims = {
  ava: new URL('./ava-shim.mjs', import.meta.url).href,
  '@fast-check/ava': new URL('./fast-check-ava-shim.mjs', import.meta.url).href,
};

export async function resolve(specifier, context, next) {
  const url = shims[specifier];
  if (url) return { url, shortCircuit: true };
  return next(specifier, context);
}
