/** Rewriting references after hash-suffixed renames (what Kustomize's name-reference transformer does). */
import type { KubeObject } from '../objects/types.ts';
import type { Rename } from './hash-suffix.ts';
import { podReferences } from './pod-refs.ts';

/**
 * Copies of `objects` with every pod-spec reference (see ./pod-refs.ts) to a renamed Secret or
 * ConfigMap rewritten to its new name. A reference matches a rename when the kind and old name
 * are equal and the referring object is in the rename's namespace (objects without a
 * namespace are taken to be in `defaultNamespace`). The input objects are not modified;
 * objects without a matching reference are returned as they were (same identity).
 */
export function rewriteReferences(
  objects: readonly KubeObject[],
  renames: readonly Rename[],
  defaultNamespace: string,
): KubeObject[] {
  if (renames.length === 0) return [...objects];
  const table = new Map(renames.map((r) => [`${r.kind}/${r.namespace}/${r.from}`, r.to]));
  return objects.map((obj) => {
    const ns = obj.metadata.namespace ?? defaultNamespace;
    const hit = (kind: string, name: string): string | undefined => table.get(`${kind}/${ns}/${name}`);
    if (!podReferences(obj).some((r) => hit(r.kind, r.name) !== undefined)) return obj;
    const copy = structuredClone(obj);
    for (const ref of podReferences(copy)) {
      const to = hit(ref.kind, ref.name);
      if (to !== undefined) ref.set(to);
    }
    return copy;
  });
}
