/**
 * The workload's ServiceAccount (core/v1).
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, type WorkloadContext } from './context.ts';

/**
 * The pod's `serviceAccountName`: the workload object name for `serviceAccount: true` (the
 * default), the given name for a string, undefined (the namespace's default account) for false.
 */
export function serviceAccountName(w: WorkloadContext): string | undefined {
  const sa = w.spec.serviceAccount ?? true;
  return sa === true ? w.name : sa === false ? undefined : sa;
}

/**
 * The ServiceAccount created for `serviceAccount: true`, named like the workload, with
 * `automountServiceAccountToken: false` (pods get no API token unless they ask); undefined otherwise.
 */
export function buildServiceAccount(w: WorkloadContext): KubeObject | undefined {
  if ((w.spec.serviceAccount ?? true) !== true) return undefined;
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: objectMeta(w), automountServiceAccountToken: false };
}
