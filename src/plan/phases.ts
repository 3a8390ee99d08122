/**
 * Apply phases inside one component: which objects go first.
 *
 * Order: Helm pre-install/pre-upgrade hooks (one step per `helm.sh/hook-weight`,
 * ascending), Namespaces, CRDs, RBAC, config, storage, Services, workloads, Jobs, other
 * kinds, then post-install/post-upgrade hooks by weight. See {@link PHASES}.
 *
 * convoy applies install and upgrade alike (server-side apply), so both pre-install and
 * pre-upgrade hooks run before the main objects on every apply, and both post- kinds after.
 * Hooks of other events (test, pre/post-delete, pre/post-rollback) are not applied: see
 * {@link excludedHooks}.
 *
 * Inside a phase: Helm's kind install order (helm `pkg/release/util/kind_sorter.go`
 * InstallOrder, Helm v4; kinds not listed come after, alphabetically), then namespace,
 * then name. Helm runs hooks one at a time by weight then name (`pkg/action/hooks.go`
 * hookByWeight); convoy applies the hooks of one weight together, so inside a weight it
 * uses kind order too (a ServiceAccount before the Job that runs as it).
 */
import { HELM_HOOK, type KubeObject } from '../objects/types.ts';
import { PHASES, type Phase, type PhaseName } from './types.ts';

/** helm `pkg/release/util/kind_sorter.go` InstallOrder (Helm v4). */
export const HELM_INSTALL_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

const RBAC = 'rbac.authorization.k8s.io';

/**
 * Built-in kinds by `group/Kind` (core group empty) and their phase. Everything else,
 * custom resources included, is `other`. Config also holds the cluster policies pods are
 * admitted against (PriorityClass, ResourceQuota, LimitRange), so they exist first.
 */
const PHASE_OF_KIND: ReadonlyMap<string, PhaseName> = new Map<string, PhaseName>([
  ['/Namespace', 'namespaces'],
  ['apiextensions.k8s.io/CustomResourceDefinition', 'crds'],
  ['/ServiceAccount', 'rbac'],
  ...[
    'Role',
    'RoleList',
    'ClusterRole',
    'ClusterRoleList',
    'RoleBinding',
    'RoleBindingList',
    'ClusterRoleBinding',
    'ClusterRoleBindingList',
  ].map((k): [string, PhaseName] => [`${RBAC}/${k}`, 'rbac']),
  ['/ConfigMap', 'config'],
  ['/Secret', 'config'],
  ['/SecretList', 'config'],
  ['scheduling.k8s.io/PriorityClass', 'config'],
  ['/ResourceQuota', 'config'],
  ['/LimitRange', 'config'],
  ['storage.k8s.io/StorageClass', 'storage'],
  ['/PersistentVolume', 'storage'],
  ['/PersistentVolumeClaim', 'storage'],
  ['/Service', 'services'],
  ['apps/Deployment', 'workloads'],
  ['apps/StatefulSet', 'workloads'],
  ['apps/DaemonSet', 'workloads'],
  ['apps/ReplicaSet', 'workloads'],
  ['/ReplicationController', 'workloads'],
  ['/Pod', 'workloads'],
  ['/PodTemplate', 'workloads'],
  ['batch/CronJob', 'workloads'],
  ['autoscaling/HorizontalPodAutoscaler', 'workloads'],
  ['batch/Job', 'jobs'],
]);

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Helm hook events of an object (`helm.sh/hook: pre-install,pre-upgrade`), trimmed; [] when none. */
export function hookEvents(obj: KubeObject): string[] {
  const v = obj.metadata.annotations?.[HELM_HOOK.hook];
  if (v === undefined) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The hook weight (`helm.sh/hook-weight`), 0 when absent or not an integer, as Helm
 * parses it (strconv.Atoi, errors ignored).
 */
export function hookWeight(obj: KubeObject): number {
  const v = obj.metadata.annotations?.[HELM_HOOK.weight]?.trim();
  return v !== undefined && /^[-+]?\d+$/.test(v) ? Number.parseInt(v, 10) : 0;
}

/**
 * The phase an object is applied in; undefined for a Helm hook convoy does not apply
 * (only test, delete or rollback events). A hook with both pre- and post- events runs
 * as a pre-hook.
 */
export function phaseOf(obj: KubeObject): PhaseName | undefined {
  const events = hookEvents(obj);
  if (events.length > 0) {
    if (events.includes('pre-install') || events.includes('pre-upgrade')) return 'pre-hooks';
    if (events.includes('post-install') || events.includes('post-upgrade')) return 'post-hooks';
    return undefined;
  }
  return PHASE_OF_KIND.get(`${groupOf(obj.apiVersion)}/${obj.kind}`) ?? 'other';
}

const KIND_RANK = new Map(HELM_INSTALL_ORDER.map((k, i) => [k, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order inside a phase: Helm install order of the kind (unlisted kinds after, by kind
 * name), then namespace, then name, then apiVersion. Total for distinct objects.
 */
export function compareInPhase(a: KubeObject, b: KubeObject): number {
  const ra = KIND_RANK.get(a.kind) ?? HELM_INSTALL_ORDER.length;
  const rb = KIND_RANK.get(b.kind) ?? HELM_INSTALL_ORDER.length;
  return (
    ra - rb ||
    cmp(a.kind, b.kind) ||
    cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    cmp(a.metadata.name ?? a.metadata.generateName ?? '', b.metadata.name ?? b.metadata.generateName ?? '') ||
    cmp(a.apiVersion, b.apiVersion)
  );
}

/**
 * Groups a component's objects into phases, in {@link PHASES} order; empty phases are
 * left out. Hook phases become one {@link Phase} per weight (ascending), with `weight` set.
 * Objects inside a phase are sorted with {@link compareInPhase}. Hooks convoy does not
 * apply are left out (see {@link excludedHooks}). The input is not modified.
 */
export function planPhases(objects: readonly KubeObject[]): Phase[] {
  const groups = new Map<string, { name: PhaseName; weight?: number; objects: KubeObject[] }>();
  for (const obj of objects) {
    const name = phaseOf(obj);
    if (name === undefined) continue;
    const hook = name === 'pre-hooks' || name === 'post-hooks';
    const weight = hook ? hookWeight(obj) : undefined;
    const key = `${name}/${weight ?? ''}`;
    const group = groups.get(key) ?? { name, ...(hook ? { weight } : {}), objects: [] };
    group.objects.push(obj);
    groups.set(key, group);
  }
  const rank = (p: Phase) => PHASES.indexOf(p.name);
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b) || (a.weight ?? 0) - (b.weight ?? 0))
    .map((p) => ({ ...p, objects: [...p.objects].sort(compareInPhase) }));
}

/** Helm hooks that convoy does not apply (test, delete and rollback events), sorted. */
export function excludedHooks(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter((o) => hookEvents(o).length > 0 && phaseOf(o) === undefined).sort(compareInPhase);
}
