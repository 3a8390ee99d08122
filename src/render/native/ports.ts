/**
 * Workload ports, normalised: every port gets a name so Services and probes can refer to it.
 */
import type { PortSpec } from '../../stack/schema.ts';

/** A port of a workload. */
export interface WorkloadPort {
  /** The container port name: the given name, else `port-<port>` (an IANA_SVC_NAME, ≤ 15 characters). */
  name: string;
  /** The Service port. */
  port: number;
  /** The container port (`targetPort`, default `port`). */
  containerPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** The ports of a workload spec, in order (default protocol TCP). */
export function workloadPorts(ports: readonly PortSpec[] | undefined): WorkloadPort[] {
  return (ports ?? []).map((p) =>
    typeof p === 'number'
      ? { name: `port-${p}`, port: p, containerPort: p, protocol: 'TCP' }
      : {
          name: p.name ?? `port-${p.port}`,
          port: p.port,
          containerPort: p.targetPort ?? p.port,
          protocol: p.protocol ?? 'TCP',
        },
  );
}
