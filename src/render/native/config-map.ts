/**
 * The ConfigMap of a workload's `config.files` (core/v1).
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, type WorkloadContext } from './context.ts';

/**
 * The ConfigMap holding `config.files` (file name → content), named like the workload and
 * mounted by the pod template (see volumes.ts); undefined without config files.
 */
export function buildConfigMap(w: WorkloadContext): KubeObject | undefined {
  const files = w.spec.config?.files;
  if (!files) return undefined;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMeta(w), data: { ...files } };
}
