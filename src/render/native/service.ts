/**
 * The Services of a workload (core/v1): the one in front of it and, for a StatefulSet, the
 * headless governing Service that gives its pods stable DNS names.
 */
import type { KubeObject } from '../../objects/types.ts';
import { objectMeta, type WorkloadContext } from './context.ts';
import { workloadPorts } from './ports.ts';

/** Suffix of the governing Service a StatefulSet gets when its own Service is not headless. */
export const HEADLESS_SUFFIX = '-headless';

function servicePorts(w: WorkloadContext): Record<string, unknown>[] {
  return workloadPorts(w.spec.ports).map((p) => ({
    name: p.name,
    port: p.port,
    targetPort: p.name,
    protocol: p.protocol,
  }));
}

/**
 * The Service in front of the workload, when it has ports and `service` is not false.
 * Name: `service.name` or the workload object name. Type ClusterIP by default; `Headless` is
 * ClusterIP with `clusterIP: None`. `sessionAffinity.clientIP.timeoutSeconds` sets
 * `sessionAffinity: ClientIP` with that timeout. Selector: name and instance labels; target
 * ports by container port name.
 */
export function buildService(w: WorkloadContext): KubeObject | undefined {
  const svc = w.spec.service;
  const ports = servicePorts(w);
  if (svc === false || ports.length === 0) return undefined;
  const type = svc?.type ?? 'ClusterIP';
  const affinity = svc?.sessionAffinity?.clientIP;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(w, svc?.name ?? w.name, svc?.annotations),
    spec: {
      type: type === 'Headless' ? 'ClusterIP' : type,
      ...(type === 'Headless' ? { clusterIP: 'None' } : {}),
      selector: { ...w.selector },
      ports,
      ...(affinity
        ? {
            sessionAffinity: 'ClientIP',
            sessionAffinityConfig: { clientIP: { timeoutSeconds: affinity.timeoutSeconds } },
          }
        : {}),
    },
  };
}

/**
 * The StatefulSet's governing Service name: the workload's own Service when it is headless,
 * else `<name>-headless`.
 */
export function governingServiceName(w: WorkloadContext): string {
  const svc = w.spec.service;
  return svc && ownServiceIsHeadless(w) ? (svc.name ?? w.name) : `${w.name}${HEADLESS_SUFFIX}`;
}

function ownServiceIsHeadless(w: WorkloadContext): boolean {
  const svc = w.spec.service;
  return svc !== undefined && svc !== false && svc.type === 'Headless' && servicePorts(w).length > 0;
}

/**
 * The headless governing Service of a StatefulSet (`clusterIP: None`,
 * `publishNotReadyAddresses: true` so peers find each other before they are ready), unless
 * the workload's own Service is already headless. Created even with `service: false` or no ports.
 */
export function buildGoverningService(w: WorkloadContext): KubeObject | undefined {
  if (ownServiceIsHeadless(w)) return undefined;
  const ports = servicePorts(w);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(w, governingServiceName(w)),
    spec: {
      type: 'ClusterIP',
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { ...w.selector },
      ...(ports.length ? { ports } : {}),
    },
  };
}
