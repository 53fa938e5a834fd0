/**
 * Read tracking for `--check-footprints`: a proxy over the world (or over an
 * immer draft of it) that records the path of every leaf a step or a guard
 * reads, so the reads can be checked against the step's declared footprint.
 * Writes go through to the object underneath; objects handed back are
 * unwrapped first, so a draft never stores a proxy.
 */

const TARGET = Symbol('movcheck.readTarget');

/** The object under a tracking proxy (or `v` itself). */
function unwrap(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? ((v as Record<symbol, unknown>)[TARGET] ?? v) : v;
}

/**
 * `w` seen through a proxy that appends to `seen` the path (`pages/0/flags`)
 * of each leaf value read. An array's length and its methods are structure,
 * not reads; the elements a method visits are.
 */
export function trackReads<W>(w: W, seen: string[]): W {
  const wrap = (obj: object, prefix: string): object =>
    new Proxy(obj, {
      get(target, key, receiver) {
        if (key === TARGET) return target;
        // A typed array's accessors must see the array itself, not the proxy.
        const v = Reflect.get(target, key, ArrayBuffer.isView(target) ? target : receiver);
        if (typeof key === 'symbol' || typeof v === 'function') return v;
        if (key === 'length' && (Array.isArray(target) || ArrayBuffer.isView(target))) return v;
        const path = prefix + key;
        if (v !== null && typeof v === 'object') return wrap(v, `${path}/`);
        seen.push(path);
        return v;
      },
      set(target, key, value) {
        return Reflect.set(target, key, unwrap(value));
      },
    });
  return (w !== null && typeof w === 'object' ? wrap(w, '') : w) as W;
}

/** The first of `seen` not covered by `declared` (a declared path covers every path below it), or null. */
export function firstUndeclared(seen: readonly string[], declared: readonly string[]): string | null {
  for (const p of seen) {
    let ok = false;
    for (const d of declared) if (p === d || p.startsWith(`${d}/`)) ok = true;
    if (!ok) return p;
  }
  return null;
}
