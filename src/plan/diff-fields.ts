/**
 * Field-level diff of two versions of one Kubernetes object: the live object and the result
 * of a server-side dry-run apply of the desired one. Because both come from the API server
 * (defaults applied, the same serialisation), every difference is a change the apply would
 * make. Pure; no cluster calls.
 *
 * Ignored (they change on every write or belong to controllers): `status`, and
 * `metadata.{resourceVersion, generation, managedFields, uid, creationTimestamp, selfLink}`
 * (the fields `kubectl diff` masks, kubectl `pkg/cmd/diff/diff.go` `Masker`), and convoy's
 * `convoy.dev/applied-hash` stamp.
 */
import { APPLIED_HASH_ANNOTATION } from './applied-hash.ts';

/** One changed field. `before`/`after` are absent when the field is absent on that side. */
export interface FieldChange {
  /**
   * Where the field is, in kubectl's JSONPath-like style: `spec.replicas`,
   * `metadata.labels["app.kubernetes.io/name"]`, `spec.template.spec.containers[name=web].image`
   * (list items keyed by their `name` when every item has a distinct one, else `[0]`).
   */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** Metadata fields that never count as a change. */
export const IGNORED_METADATA: readonly string[] = [
  'resourceVersion',
  'generation',
  'managedFields',
  'uid',
  'creationTimestamp',
  'selfLink',
];

/**
 * The changes that turn `before` into `after`, sorted by path (object keys in name order,
 * list items in list order). An empty list means the two are equal up to the ignored fields.
 * `before` undefined means the object does not exist: every field of `after` is a change.
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(strip(before), strip(after), '', out);
  return out;
}

/** A copy without the ignored fields (top-level `status`, volatile metadata). */
function strip(obj: unknown): unknown {
  if (!isRecord(obj)) return obj;
  const { status: _status, ...rest } = obj;
  if (isRecord(rest.metadata)) {
    const meta = { ...rest.metadata };
    for (const key of IGNORED_METADATA) delete meta[key];
    // convoy's own stamp (./applied-hash.ts) is bookkeeping, not a change to show; a hash of a
    // Secret's content never belongs in a plan either.
    if (isRecord(meta.annotations) && APPLIED_HASH_ANNOTATION in meta.annotations) {
      const { [APPLIED_HASH_ANNOTATION]: _stamp, ...annotations } = meta.annotations;
      meta.annotations = annotations;
    }
    rest.metadata = meta;
  }
  return rest;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (deepEqual(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      walk(a[key], b[key], joinKey(path, key), out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = byName(a, b);
    if (keyed) {
      for (const [name, [x, y]] of keyed) walk(x, y, `${path}[name=${name}]`, out);
    } else {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  const change: FieldChange = { path: path || '.' };
  if (a !== undefined) change.before = a;
  if (b !== undefined) change.after = b;
  out.push(change);
}

/**
 * Pairs list items by their `name` when every item on both sides is an object with a string
 * name, distinct within its list (containers, ports, env, volumes...). Order: the items of
 * `a` in order, then those only in `b`.
 */
function byName(a: unknown[], b: unknown[]): Map<string, [unknown, unknown]> | undefined {
  const names = (list: unknown[]): string[] | undefined => {
    const out: string[] = [];
    for (const item of list) {
      if (!isRecord(item) || typeof item.name !== 'string') return undefined;
      out.push(item.name);
    }
    return new Set(out).size === out.length ? out : undefined;
  };
  const na = names(a);
  const nb = names(b);
  if (!na || !nb || (na.length === 0 && nb.length === 0)) return undefined;
  const pairs = new Map<string, [unknown, unknown]>();
  na.forEach((name, i) => pairs.set(name, [a[i], undefined]));
  nb.forEach((name, i) => pairs.set(name, [pairs.get(name)?.[0], b[i]]));
  return pairs;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec` + `replicas` → `spec.replicas`; keys with dots or slashes in brackets: `labels["app.kubernetes.io/name"]`. */
export function joinKey(path: string, key: string): string {
  if (SIMPLE_KEY.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
