/** The namespace inventories and locks live in, created on first use. */
import type { KubeClient } from '../kube/types.ts';

/**
 * Makes sure a namespace exists: GET, then create when missing (a concurrent creator is
 * fine). Reading first keeps this working for users who may not create namespaces
 * but find it already there.
 *
 * @throws ConvoyError E_KUBE when it is missing and cannot be created (RBAC).
 */
export async function ensureNamespace(client: KubeClient, namespace: string): Promise<void> {
  if (await client.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace })) return;
  await client.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, labels: { 'app.kubernetes.io/managed-by': 'convoy' } },
  });
}
