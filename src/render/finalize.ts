/**
 * The stack-wide last step of render: namespaces, duplicate check, canonical order.
 */
import { ConvoyError } from '../errors.ts';
import {
  clusterScopedFromCrds,
  formatRef,
  isClusterScoped,
  objectRef,
  parseApiVersion,
  refKey,
} from '../objects/identity.ts';
import { normalizeObject } from '../objects/normalize.ts';
import { sortObjects } from '../objects/order.ts';
import { ANNOTATION, type KubeObject } from '../objects/types.ts';
import type { ResolvedComponent } from '../resolve/types.ts';

/**
 * Sets or clears `metadata.namespace`: objects of namespaced kinds without one get the
 * component's namespace (as `kubectl apply -n` and `helm install -n` would place them);
 * cluster-scoped objects lose a namespace they carry (the API server ignores it). Cluster-scoped:
 * the built-in table (objects/identity.ts) and `clusterScoped` (`group/Kind` keys from CRDs).
 */
export function defaultNamespaces(objects: KubeObject[], namespace: string, clusterScoped: ReadonlySet<string>): void {
  for (const o of objects) {
    if (isClusterScoped(parseApiVersion(o.apiVersion).group, o.kind, clusterScoped)) {
      delete o.metadata.namespace;
    } else if (!o.metadata.namespace) {
      o.metadata.namespace = namespace;
    }
  }
}

/**
 * Rejects two objects of one component with the same identity (objects/identity.ts).
 *
 * @throws ConvoyError `E_RENDER` when two objects of one component have the same identity
 *   (group/kind/namespace/name), naming both origins. Unnamed (generateName) objects are skipped.
 */
export function checkDuplicates(component: ResolvedComponent, objects: readonly KubeObject[]): void {
  const seen = new Map<string, KubeObject>();
  for (const o of objects) {
    if (!o.metadata.name) continue;
    const ref = objectRef(o);
    const key = refKey(ref);
    const first = seen.get(key);
    if (first) {
      const a = first.metadata.annotations?.[ANNOTATION.origin] ?? '?';
      const b = o.metadata.annotations?.[ANNOTATION.origin] ?? '?';
      throw new ConvoyError(
        'E_RENDER',
        `component "${component.name}" renders ${formatRef(ref)} twice: from ${a} and from ${b}`,
        { position: component.position, fix: 'rename or remove one of them (check values that set names)' },
      );
    }
    seen.set(key, o);
  }
}

/**
 * The final objects of every component: namespaces defaulted (CRDs of the whole stack
 * count), duplicates rejected, keys in canonical order, objects sorted (objects/order.ts).
 */
export function finalizeObjects(
  components: readonly { component: ResolvedComponent; objects: KubeObject[] }[],
): KubeObject[][] {
  const clusterScoped = clusterScopedFromCrds(components.flatMap((c) => c.objects));
  return components.map(({ component, objects }) => {
    defaultNamespaces(objects, component.namespace, clusterScoped);
    checkDuplicates(component, objects);
    return sortObjects(objects.map(normalizeObject));
  });
}
