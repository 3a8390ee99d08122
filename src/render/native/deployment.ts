/**
 * Deployment (apps/v1) of a native workload.
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, type WorkloadContext } from './context.ts';
import { buildPodTemplate } from './pod-spec.ts';

/**
 * A Deployment: `replicas` (default 1), selector on name and instance labels, `strategy`
 * (`Recreate` or `RollingUpdate` when given), and the pod template (pod-spec.ts).
 */
export function buildDeployment(w: WorkloadContext): KubeObject {
  const { template } = buildPodTemplate(w);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(w, w.name, w.spec.annotations),
    spec: {
      replicas: w.spec.replicas ?? 1,
      selector: { matchLabels: { ...w.selector } },
      ...(w.spec.strategy ? { strategy: { type: w.spec.strategy } } : {}),
      template,
    },
  };
}
