/**
 * A validator for the subset of JSON Schema (2020-12) that schemas/ uses:
 * type, const, enum, properties, required, additionalProperties,
 * propertyNames, items, minItems, maxItems, minLength, pattern, minimum,
 * anyOf, oneOf and $ref (to `#/...` in the same schema or `file.json#/...` in
 * a sibling). A keyword outside the subset is an error, so a schema cannot
 * silently ask for a check this validator does not make.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Schema = boolean | Record<string, unknown>;

/** Keywords that only annotate. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', 'default', 'examples']);
const CHECKS = new Set([
  'type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items',
  'minItems', 'maxItems', 'minLength', 'pattern', 'minimum', 'anyOf', 'oneOf', '$ref',
]);

/** JSON type name of a value, as JSON Schema's `type` names them (`integer` is checked apart). */
function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' ? 'number' : typeof v;
}

/** Validates documents against the schemas of one directory. */
export class SchemaSet {
  private readonly files = new Map<string, Record<string, unknown>>();

  constructor(private readonly dir: string) {}

  /** The schema file `name` (parsed once). */
  schema(name: string): Record<string, unknown> {
    let s = this.files.get(name);
    if (!s) {
      s = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Record<string, unknown>;
      this.files.set(name, s);
    }
    return s;
  }

  /** The errors of `doc` against schema file `name` (empty: valid), each `path: what`. */
  validate(name: string, doc: unknown): string[] {
    const errors: string[] = [];
    this.check(name, this.schema(name), doc, '$', errors);
    return errors;
  }

  private resolve(file: string, ref: string): { file: string; schema: Schema } {
    const [target, pointer = ''] = ref.split('#');
    const f = target ? target : file;
    let node: unknown = this.schema(f);
    for (const part of pointer.split('/').filter((x) => x !== '')) node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new Error(`unresolved $ref ${ref} in ${file}`);
    return { file: f, schema: node as Schema };
  }

  private check(file: string, schema: Schema, v: unknown, path: string, errors: string[]): void {
    if (schema === true) return;
    if (schema === false) {
      errors.push(`${path}: not allowed`);
      return;
    }
    for (const k of Object.keys(schema)) {
      if (!ANNOTATIONS.has(k) && !CHECKS.has(k)) throw new Error(`schema keyword ${k} (${file}) is outside the validator's subset`);
    }
    const s = schema as Record<string, any>;
    if (s.$ref !== undefined) {
      const r = this.resolve(file, s.$ref as string);
      this.check(r.file, r.schema, v, path, errors);
    }
    if (s.type !== undefined) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      const t = typeOf(v);
      const ok = types.some((x) => x === t || (x === 'integer' && Number.isInteger(v)));
      if (!ok) {
        errors.push(`${path}: is ${t}, expected ${types.join(' or ')}`);
        return;
      }
    }
    if ('const' in s && JSON.stringify(v) !== JSON.stringify(s.const)) errors.push(`${path}: is ${JSON.stringify(v)}, expected ${JSON.stringify(s.const)}`);
    if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
    }
    if (typeof v === 'string') {
      if (s.minLength !== undefined && [...v].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: ${JSON.stringify(v)} does not match /${s.pattern}/`);
    }
    if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) errors.push(`${path}: ${v} is below ${s.minimum}`);
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      if (s.items !== undefined) v.forEach((x, i) => this.check(file, s.items as Schema, x, `${path}[${i}]`, errors));
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const k of (s.required ?? []) as string[]) if (!(k in o)) errors.push(`${path}: missing ${k}`);
      for (const [k, x] of Object.entries(o)) {
        const at = `${path}.${k}`;
        if (s.propertyNames !== undefined) this.check(file, s.propertyNames as Schema, k, `${at} (name)`, errors);
        if (k in props) this.check(file, props[k] as Schema, x, at, errors);
        else if (s.additionalProperties !== undefined) this.check(file, s.additionalProperties as Schema, x, at, errors);
      }
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (s[key] === undefined) continue;
      const passing = (s[key] as Schema[]).filter((sub) => {
        const e: string[] = [];
        this.check(file, sub, v, path, e);
        return e.length === 0;
      }).length;
      if (passing === 0) errors.push(`${path}: matches none of ${key}`);
      else if (key === 'oneOf' && passing > 1) errors.push(`${path}: matches ${passing} of oneOf`);
    }
  }
}
