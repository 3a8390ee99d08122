/**
 * CV001 — containers of long-running workloads without readiness or liveness probe.
 * Without a readiness probe a pod gets traffic before it can serve, and a rollout cannot
 * tell a broken version (Kubernetes: "Configure Liveness, Readiness and Startup Probes").
 */
import type { LintCheck } from '../types.ts';
import { appContainers, podObject, SERVING_KINDS } from './util.ts';

export const probes: LintCheck = {
  id: 'CV001',
  severity: 'warning',
  title: 'missing readiness or liveness probe',
  run: ({ pods }) =>
    pods
      .filter((p) => SERVING_KINDS.has(p.owner.kind))
      .flatMap((p) =>
        appContainers(p).flatMap((c) => {
          const missing = (['readinessProbe', 'livenessProbe'] as const).filter((k) => c[k] === undefined);
          if (missing.length === 0) return [];
          return [
            {
              object: podObject(p),
              component: p.component,
              message: `container "${String(c.name)}" has no ${missing.join(' and no ')}`,
              fix: 'add probes: {ready: /readyz, live: /livez} (or tcp, grpc, exec) to the workload',
            },
          ];
        }),
      ),
};
