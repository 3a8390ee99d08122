/**
 * Service (v1). After kstatus `serviceConditions` (kubernetes-sigs/cli-utils
 * `pkg/kstatus/status/core.go`), which only checks that a LoadBalancer has a cluster IP;
 * convoy, like kapp (`pkg/kapp/resourcesmisc/core_v1_service.go`), waits for the load balancer.
 *
 * Kubernetes semantics (v1 ServiceStatus): a cloud or load balancer controller writes
 * `status.loadBalancer.ingress` (IPs or hostnames) once a `type: LoadBalancer` Service has an
 * external address. Cluster IPs are assigned synchronously by the API server.
 */

import { arrayField, stringField } from '../fields.ts';
import { current, inProgress } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * `type: LoadBalancer` without `status.loadBalancer.ingress` → InProgress (`NoLoadBalancerIngress`),
 * unless the option `waitForLoadBalancer` is false (clusters without a load balancer
 * controller). Every other Service (ClusterIP, NodePort, ExternalName, headless) → Current.
 */
export const serviceStatus: StatusRule = (obj, ctx) => {
  if (stringField(obj, 'spec.type', 'ClusterIP') !== 'LoadBalancer') return current('Service is ready');
  if (arrayField(obj, 'status.loadBalancer.ingress').length > 0) return current('Load balancer ingress is set');
  if (!ctx.waitForLoadBalancer) return current('Service is ready (not waiting for a load balancer)');
  return inProgress('NoLoadBalancerIngress', 'Waiting for load balancer ingress');
};
