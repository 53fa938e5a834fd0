/**
 * The visited set of a packed search. Hashed (the default, as SPIN's hash
 * compaction): a 64-bit fingerprint per state in an open-addressing table of
 * Uint32 pairs, linear probing, doubled at 3/4 load; two distinct states with
 * the same fingerprint would be merged, with the probability `collisionBound`
 * gives. Exact (`--exact`): the whole vector is stored and compared, so no
 * two distinct states are ever merged.
 */

/** A set of packed states; `add` tells whether the state was new. */
export interface VisitedSet {
  /** Adds `v` (whose 64-bit hash is h1:h2); true when it was not there. */
  add(v: Int16Array, h1: number, h2: number): boolean;
  /** True when a state with fingerprint h1:h2 is there (hashed sets only). */
  has(h1: number, h2: number): boolean;
  /** True when `v` (whose 64-bit hash is h1:h2) is there: `has` for a hashed set, a vector comparison for an exact one. */
  contains(v: Int16Array, h1: number, h2: number): boolean;
  readonly size: number;
  /** Bytes held by the set's arrays. */
  readonly bytes: number;
  /** The layout grew to `width` slots: move stored vectors with `copy` (fingerprints stay). */
  relayout(width: number, copy: (from: Int16Array, fromOff: number, to: Int16Array, toOff: number) => void): void;
}

/** 64-bit fingerprint of words[0..n) into out[0], out[1]: two murmur3-style lanes with different constants. */
export function hashWords(words: Int32Array, n: number, out: Int32Array): void {
  let h1 = 0x9747b28c | 0;
  let h2 = 0x2f0d5e31 | 0;
  for (let i = 0; i < n; i++) {
    const k = words[i] as number;
    let a = Math.imul(k, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    h1 ^= Math.imul(a, 0x1b873593);
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    let b = Math.imul(k ^ 0x5bd1e995, 0x85ebca77);
    b = (b << 13) | (b >>> 19);
    h2 ^= Math.imul(b, 0xc2b2ae3d);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul(h2, 9) + 0x27d4eb2f) | 0;
  }
  h1 ^= n;
  h2 ^= h1;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 ^= h2 >>> 15;
  h2 = Math.imul(h2, 0x2c1b3c6d);
  h2 ^= h2 >>> 12;
  h2 = Math.imul(h2, 0x297a2d39);
  h2 ^= h2 >>> 15;
  out[0] = h1;
  out[1] = h2;
}

/**
 * Probability that some two of `n` distinct states share a 64-bit fingerprint
 * (the birthday bound n(n-1)/2 / 2^64), the figure SPIN prints as its hash factor's consequence.
 */
export function collisionBound(n: number): number {
  return Math.min(1, (n * (n - 1)) / 2 / 2 ** 64);
}

/**
 * The hashed visited set: 64-bit fingerprints in an open-addressing table of
 * Int32 pairs (8 bytes a slot), linear probing. The table grows by half when
 * it passes 3/4 load, so once it has grown its load stays at or above 1/2: at
 * most 16 bytes a stored state, measured (doubling would leave 3/8 after a
 * growth, 21 bytes). A fingerprint's home slot is its first half scaled to
 * the table's size (the table is not a power of two).
 */
export function hashedSet(initialBits = 16): VisitedSet {
  let cap = 1 << initialBits;
  let tab = new Int32Array(2 * cap);
  let size = 0;
  /** Home slot of fingerprint half h1 in a table of c slots. */
  const home = (h1: number, c: number): number => {
    const i = Math.floor(((h1 >>> 0) * c) / 4294967296);
    return i < c ? i : c - 1;
  };
  const insert = (t: Int32Array, c: number, h1: number, h2: number): boolean => {
    let i = home(h1, c);
    for (;;) {
      const a = t[2 * i] as number;
      const b = t[2 * i + 1] as number;
      if (a === 0 && b === 0) {
        t[2 * i] = h1;
        t[2 * i + 1] = h2;
        return true;
      }
      if (a === h1 && b === h2) return false;
      i = i + 1 === c ? 0 : i + 1;
    }
  };
  const grow = () => {
    const old = tab;
    cap = Math.ceil(cap * 1.5);
    tab = new Int32Array(2 * cap);
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i] as number;
      const b = old[i + 1] as number;
      if (a !== 0 || b !== 0) insert(tab, cap, a, b);
    }
  };
  return {
    has(h1, h2) {
      if (h1 === 0 && h2 === 0) h2 = 1;
      for (let i = home(h1, cap); ; i = i + 1 === cap ? 0 : i + 1) {
        const a = tab[2 * i] as number;
        const b = tab[2 * i + 1] as number;
        if (a === h1 && b === h2) return true;
        if (a === 0 && b === 0) return false;
      }
    },
    contains(_v, h1, h2) {
      return this.has(h1, h2);
    },
    add(_v, h1, h2) {
      if (h1 === 0 && h2 === 0) h2 = 1; // (0, 0) marks an empty slot
      if (!insert(tab, cap, h1, h2)) return false;
      if (++size * 4 > cap * 3) grow();
      return true;
    },
    get size() {
      return size;
    },
    get bytes() {
      return tab.byteLength;
    },
    relayout() {},
  };
}

/** The exact visited set: every vector stored whole, compared on a fingerprint match. */
export function exactSet(w: number, initialBits = 16): VisitedSet {
  let width = w;
  let bits = initialBits;
  let mask = (1 << bits) - 1;
  let index = new Int32Array(1 << bits); // state number + 1, 0 empty
  let hashes = new Int32Array(1024);
  let store = new Int16Array(1024 * width);
  let size = 0;
  const same = (v: Int16Array, k: number): boolean => {
    const o = k * width;
    for (let j = 0; j < width; j++) if (store[o + j] !== v[j]) return false;
    return true;
  };
  const place = (t: Int32Array, m: number, h: number, k: number) => {
    let i = h & m;
    while (t[i] !== 0) i = (i + 1) & m;
    t[i] = k + 1;
  };
  /** The index slot where `v` (hash h1) would go, or -1 when it is stored already. */
  const probe = (v: Int16Array, h1: number): number => {
    let i = h1 & mask;
    for (let e = index[i] as number; e !== 0; e = index[i] as number) {
      if (hashes[e - 1] === h1 && same(v, e - 1)) return -1;
      i = (i + 1) & mask;
    }
    return i;
  };
  return {
    has() {
      throw new Error('the exact set answers only add() and contains()');
    },
    contains(v, h1) {
      return probe(v, h1) < 0;
    },
    add(v, h1) {
      const i = probe(v, h1);
      if (i < 0) return false;
      if (size === hashes.length) {
        const h = new Int32Array(size * 2);
        h.set(hashes);
        hashes = h;
        const s = new Int16Array(size * 2 * width);
        s.set(store);
        store = s;
      }
      hashes[size] = h1;
      store.set(v, size * width);
      index[i] = size + 1;
      size++;
      if (size * 2 > mask + 1) {
        bits++;
        mask = (1 << bits) - 1;
        index = new Int32Array(1 << bits);
        for (let k = 0; k < size; k++) place(index, mask, hashes[k] as number, k);
      }
      return true;
    },
    get size() {
      return size;
    },
    get bytes() {
      return index.byteLength + hashes.byteLength + store.byteLength;
    },
    relayout(w2, copy) {
      const s2 = new Int16Array(hashes.length * w2);
      for (let k = 0; k < size; k++) copy(store, k * width, s2, k * w2);
      store = s2;
      width = w2;
    },
  };
}
