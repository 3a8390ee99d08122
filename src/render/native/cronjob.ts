/**
 * CronJob (batch/v1) of a native workload.
 */
import type { KubeObject } from '../../objects/types.ts';
import { workloadError, objectMeta, type WorkloadContext } from './context.ts';
import { buildJobSpec } from './job.ts';

/**
 * A CronJob running the Job spec (job.ts) on `schedule` (cron syntax).
 *
 * @throws ConvoyError `E_RENDER` when `schedule` is missing.
 */
export function buildCronJob(w: WorkloadContext): KubeObject {
  if (!w.spec.schedule)
    throw workloadError(w, 'kind CronJob needs a schedule', 'add schedule: "*/5 * * * *" (cron syntax)');
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: objectMeta(w, w.name, w.spec.annotations),
    spec: {
      schedule: w.spec.schedule,
      jobTemplate: { metadata: { labels: { ...w.labels } }, spec: buildJobSpec(w) },
    },
  };
}
