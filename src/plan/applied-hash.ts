/**
 * Unchanged without a dry run. convoy stamps every object it applies with
 * `convoy.dev/applied-hash`: the sha256 of the object as sent (keys sorted, the stamp left
 * out). On the next apply, a live object is known to be unchanged — no dry run needed —
 * when:
 *  - its stamp equals the hash of the desired object (convoy's desired state is the same), and
 *  - convoy's field manager has an `Apply` entry in `metadata.managedFields`, and no other
 *    manager's entry on the main resource (status subresource entries aside) is as recent or
 *    newer: nobody else has written the object's fields since convoy did. (managedFields
 *    times have one-second resolution, so an entry from the same second counts as newer.)
 * Anything else — an edit by kubectl or a controller, a missing stamp, a changed desired
 * object — goes through the server-side dry run and a field diff as before.
 * (Kubernetes: ManagedFieldsEntry, https://kubernetes.io/docs/reference/using-api/server-side-apply/)
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../objects/types.ts';

/** The annotation holding the hash of the object convoy last applied. */
export const APPLIED_HASH_ANNOTATION = 'convoy.dev/applied-hash';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** `sha256:<hex>` of `obj` without its own applied-hash annotation. */
export function appliedHash(obj: KubeObject): string {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[APPLIED_HASH_ANNOTATION];
  const bare = { ...obj, metadata: { ...obj.metadata, annotations } };
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(bare)))
    .digest('hex')}`;
}

/** A copy of `obj` stamped with its applied hash. */
export function withAppliedHash(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: { ...(obj.metadata.annotations ?? {}), [APPLIED_HASH_ANNOTATION]: appliedHash(obj) },
    },
  };
}

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string;
}

/**
 * True when `live` is known to equal what applying `desired` (stamped) would give, by the
 * rules in the module comment. Pure.
 */
export function unchangedSinceApplied(live: KubeObject, desired: KubeObject, fieldManager: string): boolean {
  const stamp = live.metadata.annotations?.[APPLIED_HASH_ANNOTATION];
  if (!stamp || stamp !== desired.metadata.annotations?.[APPLIED_HASH_ANNOTATION]) return false;
  const entries = (live.metadata['managedFields'] as ManagedFieldsEntry[] | undefined) ?? [];
  const main = entries.filter((e) => !e.subresource);
  const ours = main.find((e) => e.manager === fieldManager && e.operation === 'Apply');
  const oursAt = ours?.time ? Date.parse(ours.time) : NaN;
  if (!Number.isFinite(oursAt)) return false;
  return main.every((e) => {
    if (e === ours) return true;
    const at = e.time ? Date.parse(e.time) : NaN;
    return Number.isFinite(at) && at < oursAt;
  });
}
