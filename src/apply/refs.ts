/**
 * Object references as apply uses them: the {@link ObjectRef} of the kube client (with the
 * apiVersion, so it can be sent to the API server) and a version-independent map key.
 */
import type { ObjectRef } from '../kube/types.ts';
import { parseApiVersion } from '../objects/identity.ts';

export { refOf } from '../plan/diff-object.ts';

/** A map key that ignores the version: `group/Kind/namespace/name` (`apps/Deployment/shop/web`). */
export function keyOf(ref: ObjectRef): string {
  return `${parseApiVersion(ref.apiVersion).group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `Deployment shop/web`, `Namespace shop`: how messages name an object. */
export function refText(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/**
 * The command to look further at an object: `kubectl -n shop describe deployment/web`;
 * kinds outside the core and well-known groups are qualified (`widget.example.com/x`).
 */
export function describeCommand(ref: ObjectRef): string {
  const { group } = parseApiVersion(ref.apiVersion);
  const builtIn = ['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'policy', 'autoscaling'];
  const kind = builtIn.includes(group) ? ref.kind.toLowerCase() : `${ref.kind.toLowerCase()}.${group}`;
  return `kubectl ${ref.namespace ? `-n ${ref.namespace} ` : ''}describe ${kind}/${ref.name}`;
}
