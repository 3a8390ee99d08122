/** The `renderedHash` of an inventory: a digest of the rendered object set. Pure. */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../objects/types.ts';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `sha256:<64 hex>` of the rendered set: each object as canonical JSON, sorted, joined by
 * newlines. Independent of object order and key order; any change in any field changes it.
 * (Secret data enters the digest only, never the inventory.)
 */
export function renderedHash(objects: Iterable<KubeObject>): string {
  const lines = [...objects].map((o) => canonicalJson(o)).sort();
  return `sha256:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
}
