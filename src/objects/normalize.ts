/**
 * Canonical key order for output, as cdk8s writes objects (cdk8s-core `src/api-object.ts`):
 * `apiVersion, kind, metadata, spec, data, stringData`, then the other top-level keys sorted;
 * in metadata `name, generateName, namespace, labels, annotations`, then the rest sorted;
 * label and annotation keys sorted. Deeper levels keep the order the tool produced.
 */
import type { KubeObject, ObjectMeta } from './types.ts';

const TOP = ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData'];
const META = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

function ordered<T extends Record<string, unknown>>(obj: T, first: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj).sort()) if (!first.includes(k) && obj[k] !== undefined) out[k] = obj[k];
  return out as T;
}

function sortedMap(m: Record<string, string> | undefined): Record<string, string> | undefined {
  if (m === undefined) return undefined;
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A deep copy of `obj` in canonical key order (see module doc). Does not change values;
 * keys whose value is `undefined` are dropped. Shared sub-objects become separate copies.
 */
export function normalizeObject(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  const meta: ObjectMeta = ordered(
    { ...copy.metadata, labels: sortedMap(copy.metadata.labels), annotations: sortedMap(copy.metadata.annotations) },
    META,
  );
  return ordered({ ...copy, metadata: meta }, TOP);
}
