/** Subject alternative names derived from a component's Services. */
import type { KubeObject } from '../objects/types.ts';

/** The cluster DNS domain Kubernetes uses by default (kubelet `--cluster-domain`). */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/**
 * The DNS names a Service answers to inside the cluster (Kubernetes DNS spec, "Services":
 * `<service>.<ns>.svc.<zone>` and the search-path short forms): `name`, `name.ns`,
 * `name.ns.svc`, `name.ns.svc.<clusterDomain>`, for every `v1/Service` among `objects`.
 * A Service without a namespace is taken to be in `defaultNamespace`. Order: objects in the
 * given order, then the four forms; duplicates removed.
 */
export function serviceDnsNames(
  objects: readonly KubeObject[],
  defaultNamespace: string,
  clusterDomain: string = DEFAULT_CLUSTER_DOMAIN,
): string[] {
  const names: string[] = [];
  for (const obj of objects) {
    if (obj.kind !== 'Service' || obj.apiVersion !== 'v1' || obj.metadata.name === undefined) continue;
    const name = obj.metadata.name;
    const ns = obj.metadata.namespace ?? defaultNamespace;
    names.push(name, `${name}.${ns}`, `${name}.${ns}.svc`, `${name}.${ns}.svc.${clusterDomain}`);
  }
  return unique(names);
}

/** `values` without repeats, first occurrence kept. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
