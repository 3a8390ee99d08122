/**
 * Generated Namespaces: every namespace a component deploys into gets a Namespace object,
 * owned by the first component (in dependency order) that uses it, so it is created before
 * anything in it and, on destroy, deleted after everything in it. Namespaces a component
 * renders itself, and the system namespaces (default, kube-*), are left alone.
 *
 * A generated Namespace carries the annotation `convoy.dev/generated: namespace`; when such
 * a namespace already exists in the cluster and no inventory owns it, apply uses it
 * without taking it over (src/apply/foreign-namespaces.ts).
 *
 * It also carries the Pod Security admission labels `pod-security.kubernetes.io/enforce:
 * <level>` and `pod-security.kubernetes.io/enforce-version: latest` (Kubernetes Pod Security
 * Admission, https://kubernetes.io/docs/concepts/security/pod-security-admission/): the
 * stack's `podSecurity.level` (default restricted) or the namespace's own override.
 */
import type { KubeObject } from '../../objects/types.ts';
import { ANNOTATION } from '../../objects/types.ts';
import { computeWaves } from '../../plan/graph.ts';
import type { ResolvedComponent, ResolvedStack } from '../../resolve/types.ts';

/** Pod Security admission label keys (k8s.io/pod-security-admission/api). */
export const POD_SECURITY_ENFORCE = 'pod-security.kubernetes.io/enforce';
export const POD_SECURITY_ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

/** The enforced level of `namespace`: its override, else the stack level, else restricted. */
export function podSecurityLevel(podSecurity: ResolvedStack['podSecurity'], namespace: string): string {
  return podSecurity?.namespaces?.[namespace] ?? podSecurity?.level ?? 'restricted';
}

/** Annotation on objects convoy generated (value: the generator, e.g. `namespace`). */
export const GENERATED_ANNOTATION = 'convoy.dev/generated';

/** Namespaces convoy never creates or owns. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

/**
 * Returns, per component (same order as `components`), the Namespace objects to prepend.
 * Pure. `objects[i]` are the rendered objects of `components[i]`; `podSecurity` is the
 * stack's `spec.podSecurity` (default level restricted).
 */
export function generatedNamespaces(
  components: readonly ResolvedComponent[],
  objects: readonly (readonly KubeObject[])[],
  stackName: string,
  podSecurity?: ResolvedStack['podSecurity'],
): KubeObject[][] {
  const rendered = new Set(
    objects.flatMap((objs) =>
      objs.filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1').map((o) => o.metadata.name),
    ),
  );
  const order = computeWaves(components.map((c) => ({ name: c.name, needs: c.needs }))).flat();
  const rank = new Map(order.map((n, i) => [n, i]));
  const owner = new Map<string, ResolvedComponent>();
  for (const c of [...components].sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0))) {
    if (SYSTEM_NAMESPACES.has(c.namespace) || rendered.has(c.namespace) || owner.has(c.namespace)) continue;
    owner.set(c.namespace, c);
  }
  return components.map((c) =>
    [...owner.entries()]
      .filter(([, o]) => o === c)
      .map(([ns]) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: ns,
          labels: {
            'app.kubernetes.io/managed-by': 'convoy',
            'app.kubernetes.io/part-of': stackName,
            [POD_SECURITY_ENFORCE]: podSecurityLevel(podSecurity, ns),
            [POD_SECURITY_ENFORCE_VERSION]: 'latest',
          },
          annotations: {
            [ANNOTATION.component]: c.name,
            [ANNOTATION.origin]: 'generated:namespace',
            [GENERATED_ANNOTATION]: 'namespace',
          },
        },
      })),
  );
}
