/**
 * StatefulSet (apps/v1) of a native workload.
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, workloadError, type WorkloadContext } from './context.ts';
import { buildPodTemplate } from './pod-spec.ts';
import { governingServiceName } from './service.ts';

/**
 * A StatefulSet: `replicas` (default 1), `serviceName` = the headless governing Service
 * (service.ts), selector on name and instance labels, the pod template, and one
 * volumeClaimTemplate per `persistent` volume. `strategy: RollingUpdate` sets updateStrategy.
 *
 * @throws ConvoyError `E_RENDER` for `strategy: Recreate`, which StatefulSets do not have.
 */
export function buildStatefulSet(w: WorkloadContext): KubeObject {
  if (w.spec.strategy === 'Recreate') {
    throw workloadError(
      w,
      'strategy Recreate does not exist for StatefulSets (they update pod by pod)',
      'remove strategy or use RollingUpdate',
    );
  }
  const { template, claimTemplates } = buildPodTemplate(w);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: objectMeta(w, w.name, w.spec.annotations),
    spec: {
      replicas: w.spec.replicas ?? 1,
      serviceName: governingServiceName(w),
      selector: { matchLabels: { ...w.selector } },
      ...(w.spec.strategy ? { updateStrategy: { type: w.spec.strategy } } : {}),
      template,
      ...(claimTemplates.length ? { volumeClaimTemplates: claimTemplates } : {}),
    },
  };
}
