/**
 * Where workloads refer to Secrets and ConfigMaps by name, as Kustomize's name-reference
 * transformer knows them (api/konfig/builtinpluginconsts/namereference.go): in the pod spec of
 * Pods, PodTemplates, Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs —
 * env `valueFrom.secretKeyRef`/`configMapKeyRef`, `envFrom` `secretRef`/`configMapRef` (of
 * containers, initContainers and ephemeralContainers), volumes `secret.secretName`,
 * `configMap.name`, `projected.sources[].secret|configMap.name`, and `imagePullSecrets`.
 */
import type { KubeObject } from '../objects/types.ts';

/** One reference found in a pod spec; `set` changes the name in place. */
export interface PodReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  set(name: string): void;
}

type Obj = Record<string, unknown>;

function asObj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function asList(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.map(asObj).filter((x) => x !== undefined) as Obj[]) : [];
}

/** Walks `path` of nested objects; undefined when a step is missing. */
function dig(obj: unknown, ...path: string[]): Obj | undefined {
  let cur = asObj(obj);
  for (const p of path) cur = asObj(cur?.[p]);
  return cur;
}

/**
 * The pod template (the object holding `metadata` and `spec`) of a workload, or for a Pod the
 * Pod itself; undefined for other kinds.
 */
export function podTemplateOf(obj: KubeObject): Obj | undefined {
  switch (obj.kind) {
    case 'Pod':
      return obj as unknown as Obj;
    case 'PodTemplate':
      return dig(obj, 'template');
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return dig(obj, 'spec', 'template');
    case 'CronJob':
      return dig(obj, 'spec', 'jobTemplate', 'spec', 'template');
    default:
      return undefined;
  }
}

/** Every Secret and ConfigMap reference in the pod spec of `obj` (none for other kinds). */
export function podReferences(obj: KubeObject): PodReference[] {
  const spec = dig(podTemplateOf(obj), 'spec');
  if (spec === undefined) return [];
  const refs: PodReference[] = [];
  const at = (kind: PodReference['kind'], holder: Obj | undefined, field: string): void => {
    const name = holder?.[field];
    if (holder !== undefined && typeof name === 'string') {
      refs.push({ kind, name, set: (n) => void (holder[field] = n) });
    }
  };
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of asList(spec[group])) {
      for (const e of asList(c['env'])) {
        at('Secret', dig(e, 'valueFrom', 'secretKeyRef'), 'name');
        at('ConfigMap', dig(e, 'valueFrom', 'configMapKeyRef'), 'name');
      }
      for (const e of asList(c['envFrom'])) {
        at('Secret', asObj(e['secretRef']), 'name');
        at('ConfigMap', asObj(e['configMapRef']), 'name');
      }
    }
  }
  for (const v of asList(spec['volumes'])) {
    at('Secret', asObj(v['secret']), 'secretName');
    at('ConfigMap', asObj(v['configMap']), 'name');
    for (const s of asList(dig(v, 'projected')?.['sources'])) {
      at('Secret', asObj(s['secret']), 'name');
      at('ConfigMap', asObj(s['configMap']), 'name');
    }
  }
  for (const p of asList(spec['imagePullSecrets'])) at('Secret', p, 'name');
  return refs;
}
