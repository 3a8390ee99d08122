/**
 * The NetworkPolicy model (networking.k8s.io/v1) as the generator writes it and the
 * evaluator reads it, and the endpoints traffic flows between.
 */
import type { Protocol } from './connection.ts';

/** A label selector (meta/v1 LabelSelector). An empty selector matches everything. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** networking/v1 NetworkPolicyPeer: ipBlock, or podSelector and/or namespaceSelector. */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

/** networking/v1 NetworkPolicyPort: protocol default TCP; port a number or a named container port; no port: all. */
export interface PolicyPort {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

/** networking/v1 NetworkPolicySpec. */
export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: { from?: PolicyPeer[]; ports?: PolicyPort[] }[];
  egress?: { to?: PolicyPeer[]; ports?: PolicyPort[] }[];
}

/** A NetworkPolicy object (only the fields the evaluator reads are typed). */
export interface NetworkPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  spec: NetworkPolicySpec;
}

/** A pod: its namespace, labels, and named container ports (for named policy ports). */
export interface PodRef {
  namespace: string;
  labels: Record<string, string>;
  /** Container port names → numbers. */
  namedPorts?: Record<string, number>;
  /** The pod IP, when ipBlock rules should see it. */
  ip?: string;
  /** A display name for reports (e.g. `panda/web`). */
  name?: string;
}

/** An address outside the cluster's pods (matched only by ipBlock). */
export interface ExternalRef {
  ip: string;
  name?: string;
}

/** Either end of a connection. */
export type Endpoint = PodRef | ExternalRef;

/** True for a pod, false for an external address. */
export function isPod(e: Endpoint): e is PodRef {
  return 'namespace' in e;
}
