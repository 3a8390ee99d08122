/**
 * A pure evaluator of NetworkPolicy semantics (networking.k8s.io/v1, as documented in
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/):
 *
 * - A pod is isolated for ingress (egress) when at least one policy in its namespace selects
 *   it (`spec.podSelector`) and has `Ingress` (`Egress`) in `policyTypes`. `policyTypes`
 *   defaults to `[Ingress]`, plus `Egress` when the policy has egress rules.
 * - Policies are additive: a connection is allowed when the source's egress allows it
 *   (not isolated, or some rule of some selecting policy matches) AND the destination's
 *   ingress allows it. Only pods are subject to policies; external addresses are not.
 * - A rule matches when one of its peers matches (no `from`/`to`: every peer) and one of
 *   its ports matches (no `ports`: every port). A peer with only `podSelector` means pods
 *   of the policy's namespace; with only `namespaceSelector`, every pod of the selected
 *   namespaces; with both, the selected pods of the selected namespaces; `ipBlock` matches
 *   an address in `cidr` and not in `except`.
 * - A port matches when its protocol (default TCP) equals and its `port` is empty, the
 *   number (up to `endPort`), or a name the destination pod gives that number.
 *
 * Namespaces carry `kubernetes.io/metadata.name: <name>` (set by the API server since
 * Kubernetes 1.21) plus any labels passed in `namespaceLabels`.
 */
import { inCidr } from './cidr.ts';
import type { Protocol } from './connection.ts';
import { matchesSelector } from './selector.ts';
import { isPod, type Endpoint, type NetworkPolicy, type PodRef, type PolicyPeer, type PolicyPort } from './types.ts';

/** The namespace label the API server sets on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Options of {@link createEvaluator}. */
export interface EvaluatorOptions {
  /** Extra namespace labels by namespace name. Default: only kubernetes.io/metadata.name. */
  namespaceLabels?: Record<string, Record<string, string>>;
}

/** Answers connectivity questions about one set of policies. */
export interface Evaluator {
  /** True when `from` may open a connection to `to` on `port`/`protocol` (default TCP). */
  allowed(from: Endpoint, to: Endpoint, port: number, protocol?: Protocol): boolean;
  /** True when `pod` is isolated for the direction. */
  isolated(pod: PodRef, direction: 'Ingress' | 'Egress'): boolean;
}

function policyTypes(p: NetworkPolicy): ('Ingress' | 'Egress')[] {
  if (p.spec.policyTypes && p.spec.policyTypes.length) return p.spec.policyTypes;
  return p.spec.egress && p.spec.egress.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Builds an evaluator over `policies` (other kinds in the list are ignored). */
export function createEvaluator(policies: readonly NetworkPolicy[], options: EvaluatorOptions = {}): Evaluator {
  const nps = policies.filter((p) => p.kind === 'NetworkPolicy');
  const nsLabels = (ns: string): Record<string, string> => ({
    ...options.namespaceLabels?.[ns],
    [NAMESPACE_NAME_LABEL]: ns,
  });
  const selecting = (pod: PodRef, direction: 'Ingress' | 'Egress') =>
    nps.filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === pod.namespace &&
        policyTypes(p).includes(direction) &&
        matchesSelector(p.spec.podSelector, pod.labels),
    );

  const peerMatches = (peer: PolicyPeer, policyNs: string, e: Endpoint): boolean => {
    if (peer.ipBlock) {
      const ip = e.ip;
      if (ip === undefined || !inCidr(ip, peer.ipBlock.cidr)) return false;
      return !(peer.ipBlock.except ?? []).some((x) => inCidr(ip, x));
    }
    if (!isPod(e)) return false;
    if (peer.namespaceSelector) {
      if (!matchesSelector(peer.namespaceSelector, nsLabels(e.namespace))) return false;
    } else if (e.namespace !== policyNs) {
      return false;
    }
    return matchesSelector(peer.podSelector, e.labels);
  };

  const portMatches = (ports: PolicyPort[] | undefined, dest: Endpoint, port: number, protocol: Protocol) => {
    if (!ports || ports.length === 0) return true;
    return ports.some((p) => {
      if ((p.protocol ?? 'TCP') !== protocol) return false;
      if (p.port === undefined) return true;
      if (typeof p.port === 'string') return isPod(dest) && dest.namedPorts?.[p.port] === port;
      return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
    });
  };

  const egressAllows = (from: PodRef, to: Endpoint, port: number, protocol: Protocol) => {
    const ps = selecting(from, 'Egress');
    if (ps.length === 0) return true;
    return ps.some((p) =>
      (p.spec.egress ?? []).some(
        (r) =>
          (!r.to || r.to.length === 0 || r.to.some((peer) => peerMatches(peer, from.namespace, to))) &&
          portMatches(r.ports, to, port, protocol),
      ),
    );
  };

  const ingressAllows = (from: Endpoint, to: PodRef, port: number, protocol: Protocol) => {
    const ps = selecting(to, 'Ingress');
    if (ps.length === 0) return true;
    return ps.some((p) =>
      (p.spec.ingress ?? []).some(
        (r) =>
          (!r.from || r.from.length === 0 || r.from.some((peer) => peerMatches(peer, to.namespace, from))) &&
          portMatches(r.ports, to, port, protocol),
      ),
    );
  };

  return {
    allowed(from, to, port, protocol = 'TCP') {
      const out = isPod(from) ? egressAllows(from, to, port, protocol) : true;
      const inn = isPod(to) ? ingressAllows(from, to, port, protocol) : true;
      return out && inn;
    },
    isolated(pod, direction) {
      return selecting(pod, direction).length > 0;
    },
  };
}

/** {@link createEvaluator}(policies).allowed(from, to, port, protocol) in one call. */
export function allowed(
  policies: readonly NetworkPolicy[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  return createEvaluator(policies).allowed(from, to, port, protocol);
}
