/** `@fast-check/ava` inside the mutation runner: `fc` as fast-check itself; `testProp` runs the property as one test. */
import * as fcModule from 'fast-check';
import test from './ava-shim.mjs';

export const fc = fcModule.default ?? fcModule;

export function testProp(title, arbs, prop, params) {
  test(title, (t) => {
    fc.assert(fc.property(...arbs, (...xs) => prop(t, ...xs) !== false), params);
    t.pass();
  });
}
export { test };
