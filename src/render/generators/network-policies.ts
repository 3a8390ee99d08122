/**
 * Generated NetworkPolicies (src/netpol/generate.ts) joined to the render output: the
 * namespace policies go to the first component (in dependency order) deploying into the
 * namespace, each component's policy to the component. Every object carries
 * `convoy.dev/generated: network-policy` and origin `generated:network-policy`.
 */
import { generateNetworkPolicies } from '../../netpol/generate.ts';
import { policyTarget } from '../../netpol/targets.ts';
import type { KubeObject } from '../../objects/types.ts';
import { ANNOTATION } from '../../objects/types.ts';
import { computeWaves } from '../../plan/graph.ts';
import type { ResolvedComponent, ResolvedStack } from '../../resolve/types.ts';
import { GENERATED_ANNOTATION } from './namespaces.ts';

/**
 * Per component (same order as `components`), the NetworkPolicies to add; all empty unless
 * `stack.networkPolicies` is `generate`. Pure. `objects[i]` are the rendered objects of
 * `components[i]` (used for pod templates and Service ports).
 */
export function generatedNetworkPolicies(
  stack: Pick<ResolvedStack, 'networkPolicies' | 'name'>,
  components: readonly ResolvedComponent[],
  objects: readonly (readonly KubeObject[])[],
): KubeObject[][] {
  if (stack.networkPolicies !== 'generate') return components.map(() => []);
  const order = computeWaves(components.map((c) => ({ name: c.name, needs: c.needs }))).flat();
  const owner = new Map<string, string>();
  for (const name of order) {
    const c = components.find((x) => x.name === name);
    if (c && !owner.has(c.namespace)) owner.set(c.namespace, c.name);
  }
  const targets = components.map((c, i) => policyTarget(c, objects[i] ?? []));
  const policies = generateNetworkPolicies(stack, components, targets, (ns) => owner.get(ns));
  return policies.map((list, i) =>
    list.map((p) => ({
      ...p,
      metadata: {
        ...p.metadata,
        labels: { 'app.kubernetes.io/managed-by': 'convoy', 'app.kubernetes.io/part-of': stack.name },
        annotations: {
          [ANNOTATION.component]: components[i]?.name ?? '',
          [ANNOTATION.origin]: 'generated:network-policy',
          [GENERATED_ANNOTATION]: 'network-policy',
        },
      },
    })),
  );
}
