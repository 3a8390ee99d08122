/**
 * PodDisruptionBudget (policy/v1) of a native workload.
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, workloadError, type WorkloadContext } from './context.ts';

/**
 * The PodDisruptionBudget of `podDisruptionBudget` (minAvailable or maxUnavailable, an
 * integer or a percentage), named like the workload, selecting its pods; undefined without it.
 *
 * @throws ConvoyError `E_RENDER` for a Job or CronJob (eviction budgets apply to
 *   long-running replicated pods).
 */
export function buildPodDisruptionBudget(w: WorkloadContext): KubeObject | undefined {
  const pdb = w.spec.podDisruptionBudget;
  if (!pdb) return undefined;
  const kind = w.spec.kind ?? 'Deployment';
  if (kind !== 'Deployment' && kind !== 'StatefulSet') {
    throw workloadError(w, `podDisruptionBudget does not apply to a ${kind}`, 'remove podDisruptionBudget');
  }
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: objectMeta(w),
    spec: { ...pdb, selector: { matchLabels: { ...w.selector } } },
  };
}
