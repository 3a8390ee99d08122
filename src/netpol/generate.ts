/**
 * NetworkPolicies from declared connections, named the way Halo's Duchy names them:
 *
 * - per namespace of the stack: `default-deny-network-policy` (every pod, Ingress and
 *   Egress, no rules) and `kube-dns-network-policy` (every pod may reach kube-dns:
 *   namespace kube-system, pods `k8s-app: kube-dns`, UDP and TCP 53);
 * - per component whose pods can be selected: `<instance>-network-policy` selecting its
 *   pods, with one ingress rule per component that connects to it (on the declared ports),
 *   one per `exposes` entry, one egress rule per component it connects to, and one per `egress` address block. Peers in
 *   another namespace are selected with `namespaceSelector: {kubernetes.io/metadata.name}`.
 *
 * Policies are additive (networking/v1), so a connection is allowed exactly when the
 * source's egress rule and the destination's ingress rule both name it. Components that
 * cannot be selected (helm/kustomize/manifests without `podSelector`) get no policy; the
 * default deny isolates their pods and `convoy lint` reports them (CV015).
 */
import type { ResolvedComponent, ResolvedStack } from '../resolve/types.ts';
import { formatConnection, parseConnection, type Connection } from './connection.ts';
import { NAMESPACE_NAME_LABEL } from './evaluate.ts';
import { containerPort, type PolicyTarget } from './targets.ts';
import type { NetworkPolicy, PolicyPeer, PolicyPort } from './types.ts';

/** Name of the per-namespace default-deny policy. */
export const DEFAULT_DENY_NAME = 'default-deny-network-policy';
/** Name of the per-namespace DNS egress policy. */
export const KUBE_DNS_NAME = 'kube-dns-network-policy';
/** Suffix of per-component policies. */
export const POLICY_SUFFIX = '-network-policy';

/** The NetworkPolicy name of a component: `<instanceName>-network-policy`. */
export function componentPolicyName(instanceName: string): string {
  return `${instanceName}${POLICY_SUFFIX}`;
}

function policy(name: string, namespace: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** `default-deny-network-policy` of a namespace: selects every pod, Ingress and Egress, allows nothing. */
export function defaultDenyPolicy(namespace: string): NetworkPolicy {
  return policy(DEFAULT_DENY_NAME, namespace, {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
    ingress: [],
    egress: [],
  });
}

/** `kube-dns-network-policy`: every pod of the namespace may query kube-dns (kube-system, k8s-app=kube-dns) on UDP and TCP 53. */
export function kubeDnsPolicy(namespace: string): NetworkPolicy {
  return policy(KUBE_DNS_NAME, namespace, {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
}

function peer(target: PolicyTarget, fromNamespace: string): PolicyPeer {
  const podSelector = { matchLabels: { ...target.selector } };
  return target.namespace === fromNamespace
    ? { podSelector }
    : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: target.namespace } }, podSelector };
}

/** Ports of connections to one target; undefined when one of them allows every port. */
function ports(target: PolicyTarget, conns: readonly Connection[]): PolicyPort[] | undefined {
  if (conns.some((c) => c.port === undefined)) return undefined;
  const seen = new Map<string, PolicyPort>();
  for (const c of conns) {
    const port = containerPort(target, c.port as number, c.protocol);
    seen.set(`${c.protocol}/${port}`, { protocol: c.protocol, port });
  }
  return [...seen.values()];
}

/** An edge between two selectable components. */
export interface Edge {
  from: PolicyTarget;
  to: PolicyTarget;
  connections: Connection[];
}

/**
 * The declared edges between `targets`: every `connects` entry of a selected component to
 * another selected component, grouped per (from, to). Edges touching a component without
 * selector are left out (see `unselectable` in the result).
 */
export function declaredEdges(
  components: readonly ResolvedComponent[],
  targets: readonly PolicyTarget[],
): { edges: Edge[]; unselectable: { from: string; to: string; connection: string }[] } {
  const byName = new Map(targets.map((t) => [t.component, t]));
  const edges = new Map<string, Edge>();
  const unselectable: { from: string; to: string; connection: string }[] = [];
  for (const c of components) {
    const from = byName.get(c.name);
    for (const text of c.connects ?? []) {
      const conn = parseConnection(text);
      const to = conn && byName.get(conn.component);
      if (!conn || !from || !to) continue;
      if (!from.selector || !to.selector) {
        unselectable.push({ from: c.name, to: conn.component, connection: formatConnection(conn) });
        continue;
      }
      const key = `${c.name}→${conn.component}`;
      const e = edges.get(key) ?? { from, to, connections: [] };
      e.connections.push(conn);
      edges.set(key, e);
    }
  }
  return { edges: [...edges.values()], unselectable };
}

function exposeRule(
  e: NonNullable<ResolvedComponent['exposes']>[number],
): NonNullable<NetworkPolicy['spec']['ingress']>[number] {
  const from: PolicyPeer[] =
    'namespace' in e
      ? [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: e.namespace } },
            ...(e.podSelector ? { podSelector: { matchLabels: { ...e.podSelector } } } : {}),
          },
        ]
      : 'cidr' in e
        ? [{ ipBlock: { cidr: e.cidr, ...(e.except?.length ? { except: [...e.except] } : {}) } }]
        : [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
  return { from, ...(e.port !== undefined ? { ports: [{ protocol: e.protocol ?? 'TCP', port: e.port }] } : {}) };
}

/** The `<instance>-network-policy` of one selectable component. */
export function componentPolicy(c: ResolvedComponent, self: PolicyTarget, edges: readonly Edge[]): NetworkPolicy {
  const ingress = [
    ...edges
      .filter((e) => e.to === self)
      .map((e) => {
        const p = ports(self, e.connections);
        return { from: [peer(e.from, self.namespace)], ...(p ? { ports: p } : {}) };
      }),
    ...(c.exposes ?? []).map(exposeRule),
  ];
  const egress = [
    ...edges
      .filter((e) => e.from === self)
      .map((e) => {
        const p = ports(e.to, e.connections);
        return { to: [peer(e.to, self.namespace)], ...(p ? { ports: p } : {}) };
      }),
    ...(c.egress ?? []).map((x) => ({
      to: [{ ipBlock: { cidr: x.cidr, ...(x.except?.length ? { except: [...x.except] } : {}) } }],
      ...(x.port !== undefined ? { ports: [{ protocol: x.protocol ?? 'TCP', port: x.port }] } : {}),
    })),
  ];
  return policy(componentPolicyName(self.instanceName), self.namespace, {
    podSelector: { matchLabels: { ...self.selector } },
    policyTypes: ['Ingress', 'Egress'],
    ingress,
    egress,
  });
}

/**
 * The policies of a stack with `networkPolicies: generate`, per component (same order as
 * `components`): the namespace policies go to `namespaceOwner(ns)`, each component's own
 * policy to it. Empty lists for `networkPolicies: none`. Namespaces kube-system,
 * kube-public and kube-node-lease get none.
 */
export function generateNetworkPolicies(
  stack: Pick<ResolvedStack, 'networkPolicies'>,
  components: readonly ResolvedComponent[],
  targets: readonly PolicyTarget[],
  namespaceOwner: (namespace: string) => string | undefined,
): NetworkPolicy[][] {
  if (stack.networkPolicies !== 'generate') return components.map(() => []);
  const { edges } = declaredEdges(components, targets);
  const namespaces = [...new Set(components.map((c) => c.namespace))].filter((n) => !n.startsWith('kube-')).sort();
  return components.map((c, i) => {
    const out: NetworkPolicy[] = [];
    for (const ns of namespaces) {
      if (namespaceOwner(ns) === c.name) out.push(defaultDenyPolicy(ns), kubeDnsPolicy(ns));
    }
    const self = targets[i];
    if (self?.selector) out.push(componentPolicy(c, self, edges));
    return out;
  });
}
