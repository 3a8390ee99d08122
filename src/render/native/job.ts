/**
 * Job (batch/v1) of a native workload.
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, type WorkloadContext } from './context.ts';
import { buildPodTemplate } from './pod-spec.ts';

/** The Job spec shared by Job and CronJob: backoffLimit, completions, activeDeadlineSeconds, pods restartPolicy Never. */
export function buildJobSpec(w: WorkloadContext): Record<string, unknown> {
  const { template } = buildPodTemplate(w, 'Never');
  return {
    backoffLimit: w.spec.backoffLimit,
    completions: w.spec.completions,
    activeDeadlineSeconds: w.spec.activeDeadlineSeconds,
    template,
  };
}

/** A Job; its selector is left to the API server (batch/v1 generates it). */
export function buildJob(w: WorkloadContext): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(w, w.name, w.spec.annotations),
    spec: buildJobSpec(w),
  };
}
