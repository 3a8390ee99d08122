/**
 * How each component takes part in network policies: the namespace and selector of its
 * pods, and the container port behind a declared (Service) port.
 */
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedComponent } from '../resolve/types.ts';
import { podsOf, type TemplatePod } from './pods.ts';

/** Label every native workload pod of a component carries (Kubernetes recommended labels). */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** A component's pods as policies see them. */
export interface PolicyTarget {
  component: string;
  instanceName: string;
  namespace: string;
  /** matchLabels selecting the component's pods; undefined: the component cannot take part. */
  selector?: Record<string, string>;
  /** The pod templates the component renders. */
  pods: TemplatePod[];
  /** The component's Services (to map Service ports to container ports). */
  services: KubeObject[];
}

/**
 * The target of a component: native components select `app.kubernetes.io/instance:
 * <instanceName>` (every workload of the component); helm, kustomize and manifests
 * components use their declared `podSelector`, else none.
 */
export function policyTarget(c: ResolvedComponent, objects: readonly KubeObject[]): PolicyTarget {
  const selector =
    c.sourceKind === 'native' ? { [INSTANCE_LABEL]: c.instanceName } : c.podSelector ? { ...c.podSelector } : undefined;
  return {
    component: c.name,
    instanceName: c.instanceName,
    namespace: c.namespace,
    ...(selector ? { selector } : {}),
    pods: podsOf(objects, c.namespace),
    services: objects.filter((o) => o.kind === 'Service' && o.apiVersion === 'v1'),
  };
}

/**
 * The container port behind `port` of `target`: the `targetPort` of a Service port numbered
 * `port` (a number, or a name looked up in the pod templates); else `port` itself.
 */
export function containerPort(target: PolicyTarget, port: number, protocol: string): number {
  for (const svc of target.services) {
    const ports = ((svc.spec as Record<string, unknown> | undefined)?.ports ?? []) as Record<string, unknown>[];
    for (const p of ports) {
      if (p.port !== port || (p.protocol ?? 'TCP') !== protocol) continue;
      const tp = p.targetPort;
      if (typeof tp === 'number') return tp;
      if (typeof tp === 'string') {
        for (const pod of target.pods) {
          const n = pod.namedPorts?.[tp];
          if (n !== undefined) return n;
        }
      }
      return port;
    }
  }
  return port;
}
