/**
 * CV012 — with `networkPolicies: generate`, a helm, kustomize or manifests component
 * without `podSelector` gets no policy of its own: the namespace's default deny isolates its
 * pods, and its declared connections cannot be opened.
 */
import type { LintCheck } from '../types.ts';

export const netpolUnselectable: LintCheck = {
  id: 'CV012',
  severity: 'warning',
  title: 'component without podSelector takes no part in generated NetworkPolicies',
  run: ({ resolved }) =>
    resolved.networkPolicies !== 'generate'
      ? []
      : resolved.components
          .filter((c) => c.sourceKind !== 'native' && !c.podSelector)
          .map((c) => ({
            object: `component ${c.name}`,
            component: c.name,
            message: `component "${c.name}" has no podSelector, so it gets no NetworkPolicy and default deny isolates its pods`,
            fix: 'add podSelector: {app.kubernetes.io/instance: <release>} (labels its pods carry)',
          })),
};
