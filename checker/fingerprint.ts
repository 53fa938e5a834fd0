/**
 * Canonical fingerprint of a plain-data state: a compact string in which object
 * keys are sorted, so two equal states built in different key orders give the
 * same key. Compact hashing (64-bit fingerprints) can later replace the string
 * behind the same function.
 */

/** Canonical text of a JSON-like value (objects with sorted keys, arrays in order). */
export function fingerprint(value: unknown): string {
  return enc(value);
}

/** Keys written bare; any other key is JSON-quoted, so keys like `a:1,b` cannot forge a separator. */
const BARE_KEY = /^[A-Za-z_$][\w$]*$/;
const keyText = new Map<string, string>();
function encKey(k: string): string {
  let e = keyText.get(k);
  if (e === undefined) {
    e = BARE_KEY.test(k) ? k : JSON.stringify(k);
    if (keyText.size < 4096) keyText.set(k, e);
  }
  return e;
}

function enc(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? String(v) : `#${String(v)}`;
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'object': {
      if (v === null) return 'n';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + enc(v[i]);
        return out + ']';
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const x = o[k];
        if (x === undefined) continue; // absent and undefined are the same state
        out += (first ? '' : ',') + encKey(k) + ':' + enc(x);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new TypeError(`fingerprint: unsupported value of type ${typeof v}`);
  }
}
