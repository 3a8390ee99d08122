/**
 * CV006 — a Service whose selector matches no pod template of the stack in its namespace:
 * it will have no endpoints (a typo in a label, or pods that another tool creates).
 */
import { matchesSelector } from '../../netpol/selector.ts';
import { objectRef, type LintCheck } from '../types.ts';

export const serviceSelector: LintCheck = {
  id: 'CV006',
  severity: 'warning',
  title: 'Service selector matches no pod template',
  run: ({ objects, pods }) =>
    objects
      .filter(({ object }) => object.kind === 'Service' && object.apiVersion === 'v1')
      .flatMap(({ component, object }) => {
        const selector = (object.spec as Record<string, unknown> | undefined)?.selector as
          Record<string, string> | undefined;
        if (!selector || Object.keys(selector).length === 0) return [];
        const ns = object.metadata.namespace;
        if (pods.some((p) => p.namespace === ns && matchesSelector({ matchLabels: selector }, p.labels))) return [];
        return [
          {
            object: objectRef(object),
            component,
            message: `selector ${Object.entries(selector)
              .map(([k, v]) => `${k}=${v}`)
              .join(',')} matches no pod template in the stack`,
            fix: 'make the selector match the pod template labels of the workload behind the Service',
          },
        ];
      }),
};
