/**
 * Probes (core/v1 Probe): a path string is an HTTP GET on the first port; objects pick one
 * handler (http, tcp, grpc or exec) and the timing fields.
 */
import type { ProbeSpec } from '../../stack/schema.ts';
import { workloadError, type WorkloadContext } from './context.ts';
import type { WorkloadPort } from './ports.ts';

/**
 * A core/v1 Probe. A handler without a port uses the first port (by name for HTTP and TCP;
 * by number for gRPC, which does not accept names).
 *
 * @throws ConvoyError `E_RENDER` when the probe needs a port and the workload has none, or
 *   when it sets no handler or more than one.
 */
export function buildProbe(
  w: WorkloadContext,
  which: string,
  probe: ProbeSpec,
  ports: readonly WorkloadPort[],
): Record<string, unknown> {
  const first = (): WorkloadPort => {
    const p = ports[0];
    if (!p) {
      throw workloadError(
        w,
        `the ${which} probe needs a port but the workload has no ports`,
        'add ports or give the probe a port',
      );
    }
    return p;
  };
  if (typeof probe === 'string') return { httpGet: { path: probe, port: first().name } };
  const handlers = (['http', 'tcp', 'grpc', 'exec'] as const).filter((h) => probe[h] !== undefined);
  if (handlers.length !== 1) {
    throw workloadError(
      w,
      `the ${which} probe must set exactly one of http, tcp, grpc, exec (found ${handlers.length ? handlers.join(', ') : 'none'})`,
      'keep one handler in the probe',
    );
  }
  const handler: Record<string, unknown> = {};
  if (probe.http) {
    handler.httpGet = { path: probe.http.path, port: probe.http.port ?? first().name, scheme: probe.http.scheme };
  } else if (probe.tcp) {
    handler.tcpSocket = { port: probe.tcp.port ?? first().name };
  } else if (probe.grpc) {
    handler.grpc = { port: probe.grpc.port ?? first().containerPort, service: probe.grpc.service };
  } else if (probe.exec) {
    handler.exec = { command: [...probe.exec.command] };
  }
  return {
    ...handler,
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
    successThreshold: probe.successThreshold,
  };
}
