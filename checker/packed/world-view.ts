/**
 * The world as slots of a packed state, read and written through accessor
 * objects built once per build: the initial world's shape (objects, arrays,
 * leaves) fixes a slot per leaf, and a view is a tree of objects whose leaf
 * properties are getters and setters on the bound vector. Steps, guards and
 * invariants written against plain objects run unchanged on it, without
 * proxies and without an object per step.
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
export function store(shape: Shape, v: unknown, buf: Int16Array, intern: Interner): void {
  switch (shape.kind) {
    case 'int':
      if (!fitsSlot(v)) throw new TypeError(`world field ${shape.path} holds a small integer; a step stored ${String(v)}`);
      buf[shape.slot] = v;
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError(`world field ${shape.path} holds a boolean; a step stored ${String(v)}`);
      buf[shape.slot] = v ? 1 : 0;
      return;
    case 'val':
      buf[shape.slot] = intern.code(v);
      return;
    case 'arr': {
      const a = v as readonly unknown[];
      if (!Array.isArray(a) || a.length !== shape.items.length) {
        throw new TypeError(`world field ${shape.path} is an array of ${shape.items.length}; a step stored ${JSON.stringify(v)}`);
      }
      shape.items.forEach((s, i) => store(s, a[i], buf, intern));
      return;
    }
    case 'obj': {
      if (v === null || typeof v !== 'object') throw new TypeError(`world field ${shape.path || '(root)'} is an object; a step stored ${String(v)}`);
      const o = v as Record<string, unknown>;
      shape.keys.forEach((k, i) => store(shape.fields[i] as Shape, o[k], buf, intern));
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
}

/** Builds the accessor view of `shape` (built once per build; `bind` chooses the vector). */
export function worldView(shape: Shape, intern: Interner): WorldView {
  let b: Int16Array = new Int16Array(0);
  const vals = intern.vals;
  const accessor = (s: Shape): PropertyDescriptor => {
    switch (s.kind) {
      case 'int': {
        const o = s.slot;
        return {
          enumerable: true,
          get: () => b[o],
          set: (v: unknown) => {
            if (!fitsSlot(v)) throw new TypeError(`world field ${s.path} holds a small integer; a step stored ${String(v)}`);
            b[o] = v;
          },
        };
      }
      case 'bool': {
        const o = s.slot;
        return {
          enumerable: true,
          get: () => b[o] !== 0,
          set: (v: unknown) => {
            if (typeof v !== 'boolean') throw new TypeError(`world field ${s.path} holds a boolean; a step stored ${String(v)}`);
            b[o] = v ? 1 : 0;
          },
        };
      }
      case 'val': {
        const o = s.slot;
        return { enumerable: true, get: () => vals[b[o] as number], set: (v: unknown) => void (b[o] = intern.code(v)) };
      }
      default: {
        const child = build(s);
        return { enumerable: true, get: () => child, set: (v: unknown) => store(s, v, b, intern) };
      }
    }
  };
  const build = (s: Shape): unknown => {
    if (s.kind === 'arr') {
      if (s.items.every((x) => x.kind === 'arr' || x.kind === 'obj')) return Object.freeze(s.items.map(build));
      const arr: unknown[] = new Array(s.items.length);
      s.items.forEach((x, i) => Object.defineProperty(arr, i, accessor(x)));
      return Object.preventExtensions(arr);
    }
    if (s.kind === 'obj') {
      const o = {};
      s.keys.forEach((k, i) => Object.defineProperty(o, k, accessor(s.fields[i] as Shape)));
      return Object.preventExtensions(o);
    }
    throw new TypeError('the world must be an object or an array');
  };
  const root = build(shape);
  return {
    root,
    bind(buf) {
      b = buf;
    },
  };
}
