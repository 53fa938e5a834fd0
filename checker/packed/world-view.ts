/**
 * The world as slots of a packed state, read and written through accessor
 * objects built once per build: the initial world's shape (objects, arrays,
 * leaves) fixes a slot per leaf, and a view is a tree of objects whose leaf
 * properties are getters and setters on the bound vector. Steps, guards and
 * invariants written against plain objects run unchanged on it, without
 * proxies and without an object per step. Every write marks its slots in the
 * holder's dirty mask, so a transition's world change is found by looking at
 * the slots it wrote, not by comparing the whole world.
 */
import { fitsSlot, type Interner } from './codec.ts';

/** How a leaf is stored: an integer as itself, a boolean as 0/1, anything else interned. */
type LeafKind = 'int' | 'bool' | 'val';

/** The shape of the world: one node per object, array and leaf. */
export type Shape =
  | { readonly kind: LeafKind; readonly slot: number; readonly path: string }
  | { readonly kind: 'arr'; readonly items: readonly Shape[]; readonly path: string }
  | { readonly kind: 'obj'; readonly keys: readonly string[]; readonly fields: readonly Shape[]; readonly path: string };

/** Lays out `world`: a slot per leaf, from slot `first`. Returns the shape and the next free slot. */
export function shapeOf(world: unknown, first = 0): { shape: Shape; next: number } {
  let next = first;
  const walk = (v: unknown, path: string): Shape => {
    if (Array.isArray(v)) return { kind: 'arr', items: v.map((x, i) => walk(x, `${path}/${i}`)), path };
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      return { kind: 'obj', keys, fields: keys.map((k) => walk((v as Record<string, unknown>)[k], `${path}/${k}`)), path };
    }
    const kind: LeafKind = fitsSlot(v) ? 'int' : typeof v === 'boolean' ? 'bool' : 'val';
    return { kind, slot: next++, path };
  };
  const shape = walk(world, '');
  return { shape, next };
}

/** Writes plain value `v` into the slots of `shape` in `buf` (the initial state, or a step assigning a whole object). */
export function store(shape: Shape, v: unknown, buf: Int16Array, intern: Interner, shift = 0): void {
  switch (shape.kind) {
    case 'int':
      if (!fitsSlot(v)) throw new TypeError(`world field ${shape.path} holds a small integer; a step stored ${String(v)}`);
      buf[shape.slot + shift] = v;
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError(`world field ${shape.path} holds a boolean; a step stored ${String(v)}`);
      buf[shape.slot + shift] = v ? 1 : 0;
      return;
    case 'val':
      buf[shape.slot + shift] = intern.code(v);
      return;
    case 'arr': {
      const a = v as ArrayLike<unknown>;
      if (!(Array.isArray(a) || ArrayBuffer.isView(a)) || a.length !== shape.items.length) {
        throw new TypeError(`world field ${shape.path} is an array of ${shape.items.length}; a step stored ${JSON.stringify(v)}`);
      }
      shape.items.forEach((s, i) => store(s, a[i], buf, intern, shift));
      return;
    }
    case 'obj': {
      if (v === null || typeof v !== 'object') throw new TypeError(`world field ${shape.path || '(root)'} is an object; a step stored ${String(v)}`);
      const o = v as Record<string, unknown>;
      // A field the initial world does not have has no slot: an error, never a silent drop.
      for (const k in o) if (!shape.keys.includes(k)) throw new TypeError(`world field ${shape.path}/${k} is not in the initial world; a step stored an object with it (give every field a value in the initial world)`);
      shape.keys.forEach((k, i) => store(shape.fields[i] as Shape, o[k], buf, intern, shift));
      return;
    }
  }
}

/** Reads the slots of `shape` in `buf` back into a plain value (traces, tests). */
export function load(shape: Shape, buf: Int16Array, intern: Interner): unknown {
  switch (shape.kind) {
    case 'int':
      return buf[shape.slot];
    case 'bool':
      return buf[shape.slot] !== 0;
    case 'val':
      return intern.vals[buf[shape.slot] as number];
    case 'arr':
      return shape.items.map((s) => load(s, buf, intern));
    case 'obj': {
      const o: Record<string, unknown> = {};
      shape.keys.forEach((k, i) => (o[k] = load(shape.fields[i] as Shape, buf, intern)));
      return o;
    }
  }
}

/** An accessor view of the world over one bound vector. */
export interface WorldView {
  readonly root: unknown;
  bind(buf: Int16Array): void;
  /** The bound vector and the dirty mask every write through the view marks; the caller clears it. */
  readonly holder: Holder;
}

/**
 * The vector a view reads (one holder per view tree, so `bind` is one store),
 * the dirty mask, and what the shared accessors need of their
 * search: its interned values, its interner and each slot's path (for error
 * messages).
 */
export interface Holder {
  b: Int16Array;
  /**
   * Bit s of the mask: slot s may have been written since the caller last
   * cleared it. Every leaf write sets its bit; reaching an array of integers
   * (an Int16Array view, whose element writes nobody sees) sets the bits of
   * all its slots, whether the step then reads it or writes it. The caller
   * clears it; a slot outside the mask is as it was.
   */
  readonly m: Int32Array;
  readonly v: readonly unknown[];
  readonly i: Interner;
  readonly p: readonly string[];
}

/** Source text that sets the dirty bit of slot `s` (an expression) in mask `m` (a name): the accessors' generated code. */
function markCode(m: string, s: string): string {
  return `${m}[(${s}) >>> 5] |= 1 << ((${s}) & 31);`;
}

/** Sets the dirty bits of slots [from, from + n) in `m`. */
export function markSlots(m: Int32Array, from: number, n: number): void {
  for (let s = from; s < from + n; s++) m[s >>> 5] = (m[s >>> 5] as number) | (1 << (s & 31));
}

/** A view node: its tree's holder and the slot its first leaf sits at. */
interface Node {
  h: Holder;
  readonly o: number;
}

/** Structural key of a shape: equal keys give the same prototype (so every page view shares one hidden class). */
function signature(s: Shape): string {
  switch (s.kind) {
    case 'arr':
      return `[${s.items.map(signature).join(',')}]`;
    case 'obj':
      return `{${s.keys.map((k, i) => `${JSON.stringify(k)}:${signature(s.fields[i] as Shape)}`).join(',')}}`;
    default:
      return s.kind;
  }
}

/** Number of leaves (slots) of a shape. */
function leafCount(s: Shape): number {
  if (s.kind === 'arr') return s.items.reduce((n, x) => n + leafCount(x), 0);
  if (s.kind === 'obj') return s.fields.reduce((n, x) => n + leafCount(x), 0);
  return 1;
}

/** An array of integers: its view is an Int16Array of its slots in the bound vector. */
function isIntArray(s: Shape): s is Shape & { kind: 'arr' } {
  return s.kind === 'arr' && s.items.length > 0 && s.items.every((x) => x.kind === 'int');
}

/** First slot of a shape (its leaves are laid out contiguously, depth first). */
function firstSlot(s: Shape): number {
  if (s.kind === 'arr') return s.items.length ? firstSlot(s.items[0] as Shape) : 0;
  if (s.kind === 'obj') return s.fields.length ? firstSlot(s.fields[0] as Shape) : 0;
  return s.slot;
}

/**
 * Prototypes of view nodes by structure, for the whole process: every search
 * of a world of the same structure builds its views on the same prototypes,
 * so a step's property loads see one hidden class from one search to the
 * next, not a new one per search (the catalog's hundreds of searches would
 * make them megamorphic). An accessor reads everything search-specific
 * through its node's holder.
 */
const protos = new Map<string, object>();

/** Getter and setter of a leaf at offset k of its node, generated with k as a literal (no closure: they inline well). */
function leafAccessor(kind: LeafKind, k: number): PropertyDescriptor {
  const bad = (what: string) => (h: Holder, slot: number, v: unknown) => {
    throw new TypeError(`world field ${h.p[slot] ?? '?'} holds ${what}; a step stored ${String(v)}`);
  };
  switch (kind) {
    case 'int':
      return {
        enumerable: true,
        get: new Function(`return this.h.b[this.o + ${k}];`) as () => unknown,
        set: new Function(
          'fits',
          'bad',
          `return function (v) { if (!fits(v)) bad(this.h, this.o + ${k}, v); const h = this.h, s = this.o + ${k}; h.b[s] = v; ${markCode('h.m', 's')} };`,
        )(fitsSlot, bad('a small integer')) as (v: unknown) => void,
      };
    case 'bool':
      return {
        enumerable: true,
        get: new Function(`return this.h.b[this.o + ${k}] !== 0;`) as () => unknown,
        set: new Function(
          'bad',
          `return function (v) { if (typeof v !== 'boolean') bad(this.h, this.o + ${k}, v); const h = this.h, s = this.o + ${k}; h.b[s] = v ? 1 : 0; ${markCode('h.m', 's')} };`,
        )(bad('a boolean')) as (v: unknown) => void,
      };
    case 'val':
      return {
        enumerable: true,
        get: new Function(`return this.h.v[this.h.b[this.o + ${k}]];`) as () => unknown,
        set: new Function(`return function (v) { const h = this.h, s = this.o + ${k}; h.b[s] = h.i.code(v); ${markCode('h.m', 's')} };`)() as (v: unknown) => void,
      };
  }
}

/** The prototype shared by every view of `s`'s structure (see protos). */
function protoOf(s: Shape & { kind: 'obj' | 'arr' }): object {
  const sig = signature(s);
  const known = protos.get(sig);
  if (known) return known;
  const base = firstSlot(s);
  const proto: object = s.kind === 'arr' ? Object.create(Array.prototype) : {};
  const children = s.kind === 'arr' ? s.items.map((x, i) => [String(i), x] as const) : s.keys.map((k, i) => [k, s.fields[i] as Shape] as const);
  children.forEach(([key, c], idx) => {
    if (c.kind === 'arr' || c.kind === 'obj') {
      const first = firstSlot(c) - base;
      const n = leafCount(c);
      // Reaching an Int16Array view marks its slots: writes through it are not seen (see Holder.m).
      const marks = isIntArray(c) ? Array.from({ length: n }, (_, j) => markCode('m', `s + ${j}`)).join(' ') : '';
      Object.defineProperty(proto, key, {
        enumerable: true,
        // A named load (this._3), not a keyed one: the getter stays monomorphic and inlines.
        get: new Function(marks ? `const m = this.h.m, s = this.o + ${first}; ${marks} return this._${idx};` : `return this._${idx};`) as () => unknown,
        set(this: Node, v: unknown) {
          store(c, v, this.h.b, this.h.i, this.o - base);
          markSlots(this.h.m, this.o + first, n);
        },
      });
    } else {
      Object.defineProperty(proto, key, leafAccessor(c.kind, c.slot - base));
    }
  });
  if (s.kind === 'arr') Object.defineProperty(proto, 'length', { value: s.items.length });
  protos.set(sig, proto);
  return proto;
}

/**
 * Builds the accessor view of `shape`. Objects and arrays of leaves become
 * instances of one prototype per structure, whose getters and setters read
 * `this.h.b[this.o + k]`; arrays of objects become frozen arrays of views;
 * arrays of integers are Int16Array views of their slots in the bound vector
 * (writes through them are not marked dirty: callers compare the world).
 * Built once per build; `bind` chooses the vector.
 */
export function worldView(shape: Shape, intern: Interner): WorldView {
  const paths: string[] = [];
  const leaves = (s: Shape): void => {
    if (s.kind === 'arr') s.items.forEach(leaves);
    else if (s.kind === 'obj') s.fields.forEach(leaves);
    else paths[s.slot] = s.path;
  };
  leaves(shape);
  const h: Holder = { b: new Int16Array(0), m: new Int32Array((paths.length + 32) >>> 5), v: intern.vals, i: intern, p: paths };

  /** Arrays of integers are Int16Array views into the bound vector itself: (parent view, field, first slot, length). */
  const intArrays: [Record<string, unknown>, string, number, number][] = [];
  const build = (s: Shape): unknown => {
    if (s.kind === 'arr' && s.items.every((x) => x.kind === 'arr' || x.kind === 'obj')) return Object.freeze(s.items.map(build));
    if (s.kind !== 'arr' && s.kind !== 'obj') throw new TypeError('the world must be an object or an array');
    const view: Record<string, unknown> = Object.create(protoOf(s));
    // The view's own fields are not enumerable: for-in and Object.keys see the world's fields only.
    const hidden = (key: string, value: unknown) => Object.defineProperty(view, key, { value, writable: true, enumerable: false });
    hidden('h', h);
    hidden('o', firstSlot(s));
    const children = s.kind === 'arr' ? s.items : s.fields;
    children.forEach((c, idx) => {
      if (isIntArray(c)) {
        hidden(`_${idx}`, new Int16Array(0));
        intArrays.push([view, `_${idx}`, firstSlot(c), c.items.length]);
      } else if (c.kind === 'arr' || c.kind === 'obj') hidden(`_${idx}`, build(c));
    });
    return Object.preventExtensions(view);
  };
  const root = build(shape);
  return {
    root,
    holder: h,
    bind(buf) {
      h.b = buf;
      for (const [view, field, first, n] of intArrays) view[field] = new Int16Array(buf.buffer, buf.byteOffset + 2 * first, n);
    },
  };
}
