/**
 * The registry of per-kind status rules, keyed like kstatus's `legacyTypes`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`): `group/Kind`, or just `Kind`
 * for the core group. Kinds not listed (Secret, ConfigMap, ServiceAccount, Role, … and all
 * custom resources) go through the generic rules in `../generic.ts`.
 */

import type { StatusRule } from '../types.ts';
import { crdStatus } from './crd.ts';
import { cronJobStatus } from './cronjob.ts';
import { daemonSetStatus } from './daemonset.ts';
import { deploymentStatus } from './deployment.ts';
import { jobStatus } from './job.ts';
import { namespaceStatus } from './namespace.ts';
import { pdbStatus } from './poddisruptionbudget.ts';
import { podStatus } from './pod.ts';
import { pvcStatus } from './pvc.ts';
import { replicaSetStatus } from './replicaset.ts';
import { serviceStatus } from './service.ts';
import { statefulSetStatus } from './statefulset.ts';

/** `group/Kind` (or `Kind` for the core group) → rule. */
export const STATUS_RULES: ReadonlyMap<string, StatusRule> = new Map<string, StatusRule>([
  ['Pod', podStatus],
  ['Service', serviceStatus],
  ['PersistentVolumeClaim', pvcStatus],
  ['Namespace', namespaceStatus],
  ['apps/Deployment', deploymentStatus],
  ['extensions/Deployment', deploymentStatus],
  ['apps/StatefulSet', statefulSetStatus],
  ['apps/DaemonSet', daemonSetStatus],
  ['extensions/DaemonSet', daemonSetStatus],
  ['apps/ReplicaSet', replicaSetStatus],
  ['extensions/ReplicaSet', replicaSetStatus],
  ['batch/Job', jobStatus],
  ['batch/CronJob', cronJobStatus],
  ['policy/PodDisruptionBudget', pdbStatus],
  ['apiextensions.k8s.io/CustomResourceDefinition', crdStatus],
]);

/** The registry key of an object: `apps/Deployment`, `Pod`. */
export function ruleKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? kind : `${apiVersion.slice(0, slash)}/${kind}`;
}
