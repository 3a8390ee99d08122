/**
 * Facts about a whole rendered stack that per-object work needs: which custom kinds are
 * cluster-scoped, which kinds and namespaces the stack itself creates first. Pure.
 */
import { clusterScopedFromCrds } from '../objects/identity.ts';
import type { KubeObject } from '../objects/types.ts';

export interface StackFacts {
  /** `group/Kind` of cluster-scoped custom resources declared by the stack's CRDs. */
  clusterScoped: Set<string>;
  /** `group/Kind` of every custom resource the stack's CRDs declare. */
  crdKinds: Set<string>;
  /** Names of the Namespaces the stack contains. */
  namespaces: Set<string>;
}

/** Collects {@link StackFacts} from all objects of a stack. */
export function stackFacts(objects: Iterable<KubeObject>): StackFacts {
  const all = [...objects];
  const crdKinds = new Set<string>();
  const namespaces = new Set<string>();
  for (const o of all) {
    if (o.kind === 'Namespace' && o.apiVersion === 'v1' && o.metadata.name) namespaces.add(o.metadata.name);
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = o['spec'] as { group?: unknown; names?: { kind?: unknown } } | undefined;
    if (typeof spec?.group === 'string' && typeof spec.names?.kind === 'string') {
      crdKinds.add(`${spec.group}/${spec.names.kind}`);
    }
  }
  return { clusterScoped: clusterScopedFromCrds(all), crdKinds, namespaces };
}
