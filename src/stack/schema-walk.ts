/**
 * Walks the zod schema by document path, to say what is allowed where: the sub-schema
 * at a path, the keys an object accepts (for "did you mean"), the checks on a value.
 * Reads zod v4's public `_zod.def` structure; wrappers (optional, default, prefault,
 * nullable, readonly, catch, pipe) are looked through.
 */
import type { z } from 'zod';
import type { DocPath } from './source-map.ts';

/** Any zod v4 schema. */
export type AnySchema = z.core.$ZodType;

/** The parts of a zod v4 definition this module reads. */
export interface SchemaDef {
  type: string;
  shape?: Record<string, AnySchema>;
  keyType?: AnySchema;
  valueType?: AnySchema;
  element?: AnySchema;
  options?: readonly AnySchema[];
  innerType?: AnySchema;
  in?: AnySchema;
  values?: readonly unknown[];
  entries?: Record<string, string | number>;
  checks?: readonly { _zod: { def: CheckDef } }[];
}

/** A zod check (min/max, format, regex, int). */
export interface CheckDef {
  check: string;
  format?: string;
  value?: number | bigint;
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
  prefix?: string;
  pattern?: RegExp;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The definition of a schema. */
export function defOf(schema: AnySchema): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schema and each schema it wraps, outermost first (optional → default → array …). */
export function layers(schema: AnySchema): AnySchema[] {
  const out = [schema];
  let s = schema;
  for (;;) {
    const d = defOf(s);
    const inner = WRAPPERS.has(d.type) ? d.innerType : d.type === 'pipe' ? d.in : undefined;
    if (!inner) return out;
    out.push(inner);
    s = inner;
  }
}

/** The schema with optional/default/pipe wrappers removed. */
export function unwrap(schema: AnySchema): AnySchema {
  const all = layers(schema);
  return all[all.length - 1] as AnySchema;
}

/** True when `schema` is `target` or wraps it (e.g. `Name.optional()` wraps `Name`). */
export function isOrWraps(schema: AnySchema | undefined, target: AnySchema): boolean {
  return schema !== undefined && layers(schema).includes(target);
}

/**
 * The schema of the value at `path` below `root`; undefined when the path leaves the
 * schema (an unknown key). For a union, the first branch that has the path.
 */
export function schemaAt(root: AnySchema, path: DocPath): AnySchema | undefined {
  if (path.length === 0) return root;
  const [head, ...rest] = path;
  const d = defOf(unwrap(root));
  switch (d.type) {
    case 'object': {
      const child = typeof head === 'string' ? d.shape?.[head] : undefined;
      return child && schemaAt(child, rest);
    }
    case 'record':
      return d.valueType && schemaAt(d.valueType, rest);
    case 'array':
      return typeof head === 'number' && d.element ? schemaAt(d.element, rest) : undefined;
    case 'union':
      for (const option of d.options ?? []) {
        const found = schemaAt(option, path);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The keys an object schema accepts, in declaration order; for a union, the keys of all
 * its object branches. Undefined when the schema is no object (e.g. a record or a string).
 */
export function objectKeys(schema: AnySchema | undefined): string[] | undefined {
  if (!schema) return undefined;
  const d = defOf(unwrap(schema));
  if (d.type === 'object') return Object.keys(d.shape ?? {});
  if (d.type === 'union') {
    const keys = (d.options ?? []).flatMap((o) => objectKeys(o) ?? []);
    return keys.length > 0 ? [...new Set(keys)] : undefined;
  }
  return undefined;
}

/** The key schema of a record at `schema` (after unwrapping), if it is a record. */
export function recordKeyType(schema: AnySchema | undefined): AnySchema | undefined {
  if (!schema) return undefined;
  const d = defOf(unwrap(schema));
  return d.type === 'record' ? d.keyType : undefined;
}

/** The checks of a string, number or array schema (after unwrapping). */
export function checksOf(schema: AnySchema): CheckDef[] {
  return (defOf(unwrap(schema)).checks ?? []).map((c) => c._zod.def);
}

/** The JS type a schema accepts at its top: `string`, `number`, `object`, `array`, … or `union`. */
export function kindOf(schema: AnySchema): string {
  return defOf(unwrap(schema)).type;
}
