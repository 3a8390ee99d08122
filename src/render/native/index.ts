/**
 * Native workloads: Kubernetes objects built in TypeScript from `native.workloads` specs.
 * Exported for library users who want the objects without a stack.
 */
import { annotateObject } from '../../objects/annotate.ts';
import type { KubeObject } from '../../objects/types.ts';
import type { NativeSourceSpec, WorkloadSpec } from '../../stack/schema.ts';
import { defined, workloadContext, type NativeComponent } from './context.ts';
import { buildConfigMap } from './config-map.ts';
import { buildCronJob } from './cronjob.ts';
import { buildDeployment } from './deployment.ts';
import { buildJob } from './job.ts';
import { buildPodDisruptionBudget } from './pdb.ts';
import { buildGoverningService, buildService } from './service.ts';
import { buildServiceAccount } from './service-account.ts';
import { buildStatefulSet } from './statefulset.ts';

export type { NativeComponent } from './context.ts';
export { workloadObjectName } from './context.ts';

const BUILDERS = {
  Deployment: buildDeployment,
  StatefulSet: buildStatefulSet,
  Job: buildJob,
  CronJob: buildCronJob,
} as const;

/**
 * The objects of one workload, in this order: ServiceAccount (when `serviceAccount: true`),
 * ConfigMap (when `config`), the workload (Deployment by default, StatefulSet, Job or
 * CronJob), its Service (when it has ports, unless `service: false`) and, for a StatefulSet,
 * the headless governing Service, and its PodDisruptionBudget (when `podDisruptionBudget`).
 * Pods run with the Pod Security "restricted" defaults (security.ts). Each is annotated `convoy.dev/component` and
 * `convoy.dev/origin: native:<workload>`. Missing defaults (kind, serviceAccount, protocol)
 * are applied as the schema would. Names, labels: see ./context.ts.
 *
 * @throws ConvoyError `E_RENDER` for specs the schema cannot reject alone (CronJob without
 *   schedule, persistent volumes outside a StatefulSet, probes without a port, …).
 */
export function buildWorkloadObjects(component: NativeComponent, workload: string, spec: WorkloadSpec): KubeObject[] {
  const w = workloadContext(component, workload, spec);
  const kind = spec.kind ?? 'Deployment';
  const objects = [
    buildServiceAccount(w),
    buildConfigMap(w),
    BUILDERS[kind](w),
    buildService(w),
    kind === 'StatefulSet' ? buildGoverningService(w) : undefined,
    buildPodDisruptionBudget(w),
  ].filter((o): o is KubeObject => o !== undefined);
  return objects.map((o) =>
    annotateObject(defined(o), { component: component.component, origin: `native:${workload}` }),
  );
}

/**
 * The objects of every workload of a native source, workloads in name order, leaving out
 * `component.disabledSubcomponents` (see {@link buildWorkloadObjects}).
 */
export function buildNativeObjects(component: NativeComponent, source: NativeSourceSpec): KubeObject[] {
  const disabled = new Set(component.disabledSubcomponents ?? []);
  return Object.keys(source.workloads)
    .sort()
    .filter((name) => !disabled.has(name))
    .flatMap((name) => buildWorkloadObjects(component, name, source.workloads[name] as WorkloadSpec));
}
