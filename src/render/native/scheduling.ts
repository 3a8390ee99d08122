/**
 * Spreading a workload's pods: topology spread constraints and pod anti-affinity
 * (core/v1 PodSpec `topologySpreadConstraints`, `affinity.podAntiAffinity`).
 */
import type { WorkloadContext } from './context.ts';

/** Node label used by `antiAffinity` (one pod per node). */
export const HOSTNAME_KEY = 'kubernetes.io/hostname';

/**
 * `topologySpreadConstraints` for `topologySpread` (key default kubernetes.io/hostname,
 * maxSkew 1, ScheduleAnyway), selecting the workload's own pods; undefined without it.
 */
export function topologySpread(w: WorkloadContext): Record<string, unknown>[] | undefined {
  const t = w.spec.topologySpread;
  if (!t) return undefined;
  return [
    {
      maxSkew: t.maxSkew ?? 1,
      topologyKey: t.topologyKey ?? HOSTNAME_KEY,
      whenUnsatisfiable: t.whenUnsatisfiable ?? 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...w.selector } },
    },
  ];
}

/**
 * `affinity.podAntiAffinity` for `antiAffinity`: `required` → requiredDuringScheduling
 * (at most one pod per node), `preferred` → preferredDuringScheduling with weight 100.
 */
export function antiAffinity(w: WorkloadContext): Record<string, unknown> | undefined {
  const a = w.spec.antiAffinity;
  if (!a) return undefined;
  const term = { labelSelector: { matchLabels: { ...w.selector } }, topologyKey: HOSTNAME_KEY };
  return {
    podAntiAffinity:
      a === 'required'
        ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
        : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] },
  };
}
