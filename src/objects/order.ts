/**
 * A stable order of objects: by kind (apply order), then namespace, then name. Kinds follow
 * the apply phases of src/plan/types.ts PHASES (namespaces, crds, rbac, config, storage,
 * services, workloads, jobs); inside a phase Helm's install order (helm
 * `pkg/release/v1/util/kind_sorter.go` InstallOrder). Other kinds come last, alphabetically.
 */
import type { KubeObject } from './types.ts';
import { parseApiVersion } from './identity.ts';

/** Kinds in apply order. Kinds not listed sort after these, by name. */
export const KIND_ORDER: readonly string[] = [
  // namespaces
  'Namespace',
  // crds
  'CustomResourceDefinition',
  // rbac
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  // config
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodDisruptionBudget',
  'Secret',
  'ConfigMap',
  // storage
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  // services
  'Service',
  // workloads
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  // jobs
  'Job',
  'CronJob',
  // networking and API extensions (Helm installs them last)
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

const RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two objects: kind rank ({@link KIND_ORDER}, unknown kinds after, by kind name),
 * then namespace, then name (generateName when unnamed), then API group. Pure; total for
 * objects of distinct identity.
 */
export function compareObjects(a: KubeObject, b: KubeObject): number {
  const ra = RANK.get(a.kind) ?? KIND_ORDER.length;
  const rb = RANK.get(b.kind) ?? KIND_ORDER.length;
  if (ra !== rb) return ra - rb;
  return (
    cmp(a.kind, b.kind) ||
    cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    cmp(a.metadata.name ?? a.metadata.generateName ?? '', b.metadata.name ?? b.metadata.generateName ?? '') ||
    cmp(parseApiVersion(a.apiVersion).group, parseApiVersion(b.apiVersion).group)
  );
}

/** A sorted copy of `objects` (stable: equal objects keep their input order). */
export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort(compareObjects);
}
