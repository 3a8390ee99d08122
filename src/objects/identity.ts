/**
 * Object identity: group/kind/namespace/name, as Kubernetes addresses objects
 * (cli-utils `pkg/object.ObjMetadata`; kapp uses the same four parts).
 */
import type { KubeObject } from './types.ts';

/**
 * Built-in kinds that are cluster-scoped (not namespaced), keyed by `group/Kind` (core group: empty).
 * Source: `kubectl api-resources --namespaced=false` on Kubernetes 1.34, plus common add-ons
 * (cert-manager ClusterIssuer). Custom resources not listed here are namespaced unless a
 * CustomResourceDefinition with `scope: Cluster` says otherwise (see {@link clusterScopedFromCrds}).
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/IPAddress',
  'networking.k8s.io/ServiceCIDR',
  'node.k8s.io/RuntimeClass',
  'certificates.k8s.io/CertificateSigningRequest',
  'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'resource.k8s.io/DeviceClass',
  'resource.k8s.io/ResourceSlice',
  'policy/PodSecurityPolicy',
  'cert-manager.io/ClusterIssuer',
]);

/** The identity of an object. `group` is '' for the core group; `namespace` is '' when cluster-scoped or unset. */
export interface ObjectRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Splits an apiVersion: `apps/v1` → `{group: 'apps', version: 'v1'}`, `v1` → `{group: '', version: 'v1'}`. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * True when objects of this group and kind are cluster-scoped: in {@link CLUSTER_SCOPED_KINDS}
 * or in `extra` (keys `group/Kind`, e.g. from {@link clusterScopedFromCrds}).
 */
export function isClusterScoped(group: string, kind: string, extra?: ReadonlySet<string>): boolean {
  const key = `${group}/${kind}`;
  return CLUSTER_SCOPED_KINDS.has(key) || (extra?.has(key) ?? false);
}

/**
 * `group/Kind` keys of the custom resources that the given CustomResourceDefinitions declare
 * with `spec.scope: Cluster` (apiextensions.k8s.io/v1).
 */
export function clusterScopedFromCrds(objects: Iterable<KubeObject>): Set<string> {
  const out = new Set<string>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = o.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (spec?.scope === 'Cluster' && typeof spec.group === 'string' && typeof spec.names?.kind === 'string') {
      out.add(`${spec.group}/${spec.names.kind}`);
    }
  }
  return out;
}

/**
 * The identity of an object. The namespace is '' for cluster-scoped kinds even when the
 * object carries one (the API server ignores it there). A missing name (generateName) is ''.
 */
export function objectRef(obj: KubeObject, clusterScoped?: ReadonlySet<string>): ObjectRef {
  const { group, version } = parseApiVersion(obj.apiVersion);
  const namespace = isClusterScoped(group, obj.kind, clusterScoped) ? '' : (obj.metadata.namespace ?? '');
  return { group, version, kind: obj.kind, namespace, name: obj.metadata.name ?? '' };
}

/** A map key for an identity: `group/Kind/namespace/name` (empty parts stay empty: `/Service/ns/web`). */
export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** Human form for messages, as kubectl writes it: `Deployment.apps ns/web`, `ClusterRole.rbac.authorization.k8s.io x`. */
export function formatRef(ref: ObjectRef): string {
  const kind = ref.group ? `${ref.kind}.${ref.group}` : ref.kind;
  return `${kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
