/**
 * CV007 (Secrets) and CV008 (ConfigMaps): a pod refers to an object that exists neither in
 * the stack (same namespace) nor in `spec.external`; the pod would stay in
 * CreateContainerConfigError. Optional references are skipped, and so is the
 * `kube-root-ca.crt` ConfigMap that Kubernetes puts in every namespace.
 */
import type { LintCheck, LintContext } from '../types.ts';
import { podReferences } from './refs.ts';

/** ConfigMaps every namespace has (published by kube-controller-manager's root-ca-cert-publisher). */
const BUILTIN_CONFIG_MAPS: ReadonlySet<string> = new Set(['kube-root-ca.crt']);

export function missingRefs(ctx: LintContext, kind: 'Secret' | 'ConfigMap') {
  const inStack = new Set(
    ctx.objects
      .filter(({ object }) => object.kind === kind && object.apiVersion === 'v1')
      .map(({ object }) => `${object.metadata.namespace}/${object.metadata.name}`),
  );
  const external = new Set(kind === 'Secret' ? ctx.resolved.external?.secrets : ctx.resolved.external?.configMaps);
  const seen = new Set<string>();
  return ctx.pods.flatMap((p) =>
    podReferences(p.spec).flatMap((r) => {
      if (r.kind !== kind || r.optional || external.has(r.name)) return [];
      if (kind === 'ConfigMap' && BUILTIN_CONFIG_MAPS.has(r.name)) return [];
      if (inStack.has(`${p.namespace}/${r.name}`)) return [];
      const key = `${p.name}/${r.name}`;
      if (seen.has(key)) return [];
      seen.add(key);
      const field = kind === 'Secret' ? 'secrets' : 'configMaps';
      return [
        {
          object: p.name ?? '',
          component: p.component,
          message: `${r.where} refers to ${kind} "${r.name}", which is neither in the stack nor declared external`,
          fix: `create it in the stack, or declare it: spec.external.${field}: [${r.name}]`,
        },
      ];
    }),
  );
}

export const missingSecrets: LintCheck = {
  id: 'CV007',
  severity: 'error',
  title: 'reference to a Secret that is neither in the stack nor external',
  run: (ctx) => missingRefs(ctx, 'Secret'),
};
