/**
 * CV005 — a component marked `ha: true` whose Deployments or StatefulSets run one replica
 * (or none given: the default 1): one pod cannot survive a node drain or a crash.
 */
import { objectRef, type LintCheck } from '../types.ts';

export const haReplicas: LintCheck = {
  id: 'CV005',
  severity: 'error',
  title: 'replicas 1 on a component marked ha',
  run: ({ objects, resolved }) => {
    const ha = new Set(resolved.components.filter((c) => c.ha === true).map((c) => c.name));
    return objects
      .filter(({ component, object }) => ha.has(component) && ['Deployment', 'StatefulSet'].includes(object.kind))
      .flatMap(({ component, object }) => {
        const replicas = (object.spec as Record<string, unknown> | undefined)?.replicas;
        const n = typeof replicas === 'number' ? replicas : 1;
        return n < 2
          ? [
              {
                object: objectRef(object),
                component,
                message: `component "${component}" is marked ha but runs ${n} replica${n === 1 ? '' : 's'}`,
                fix: 'set replicas: 2 or more (with a podDisruptionBudget), or mark the component ha: false',
              },
            ]
          : [];
      });
  },
};
