/**
 * Generated Namespaces (src/render/generators/namespaces.ts) that already exist in the
 * cluster without belonging to this stack are used, not taken over: they are dropped from
 * the objects to apply, so they are neither an ownership conflict nor pruned or destroyed
 * later. Namespaces the stack renders itself (a chart's Namespace) are not affected.
 */
import { GENERATED_ANNOTATION } from '../render/generators/namespaces.ts';
import { INVENTORY_ANNOTATION } from '../inventory/index.ts';
import type { KubeClient } from '../kube/types.ts';
import type { RenderedStack } from '../render/types.ts';

/**
 * Returns `rendered` without the generated Namespaces that exist and are not owned by
 * inventory `inventoryId` (one GET per generated Namespace).
 * @throws ConvoyError E_KUBE when the API server cannot be read.
 */
export async function withoutForeignNamespaces(
  rendered: RenderedStack,
  client: KubeClient,
  inventoryId: string,
): Promise<RenderedStack> {
  const foreign = new Set<string>();
  for (const c of rendered.components) {
    for (const o of c.objects) {
      if (o.kind !== 'Namespace' || o.metadata.annotations?.[GENERATED_ANNOTATION] !== 'namespace') continue;
      const name = o.metadata.name ?? '';
      const live = await client.get({ apiVersion: 'v1', kind: 'Namespace', name });
      if (live && live.metadata.annotations?.[INVENTORY_ANNOTATION] !== inventoryId) foreign.add(name);
    }
  }
  if (foreign.size === 0) return rendered;
  return {
    ...rendered,
    components: rendered.components.map((c) => ({
      ...c,
      objects: c.objects.filter(
        (o) =>
          !(
            o.kind === 'Namespace' &&
            o.metadata.annotations?.[GENERATED_ANNOTATION] === 'namespace' &&
            foreign.has(o.metadata.name ?? '')
          ),
      ),
    })),
  };
}
