/**
 * plan (static part): the component graph of a resolved stack, its waves, and — when
 * rendered objects are given — each component's apply phases. No cluster needed.
 */
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedStack } from '../resolve/types.ts';
import { computeWaves } from './graph.ts';
import { excludedHooks, planPhases } from './phases.ts';
import type { ComponentPlan, Edge, GraphPlan } from './types.ts';

export { computeWaves, reverseWaves, transitiveNeeds } from './graph.ts';
export { phaseOf, planPhases, excludedHooks, compareInPhase, HELM_INSTALL_ORDER } from './phases.ts';

/** Rendered objects per component: a RenderedStack satisfies it. */
export interface RenderedObjects {
  components: readonly { name: string; objects: readonly KubeObject[] }[];
}

/**
 * The graph plan of a resolved stack.
 *
 * @param resolved the selected components (their `needs` already limited to the selection).
 * @param rendered objects per component; when given, each component gets its phases
 *   ({@link planPhases}) and the hooks that are not applied. Components missing from it
 *   get no phases (`rendered: false`).
 * @returns waves (computeWaves), edges sorted by `from` then `to`, components sorted by name.
 * @throws ConvoyError `E_NEEDS`/`E_CYCLE` from computeWaves (normally caught by resolve);
 *   `E_INTERNAL` when `rendered` names a component that is not in `resolved`.
 */
export function planGraph(resolved: ResolvedStack, rendered?: RenderedObjects): GraphPlan {
  const objectsOf = new Map<string, readonly KubeObject[]>();
  const known = new Set(resolved.components.map((c) => c.name));
  for (const c of rendered?.components ?? []) {
    if (!known.has(c.name)) {
      throw new ConvoyError('E_INTERNAL', `rendered component "${c.name}" is not in the resolved stack`);
    }
    objectsOf.set(c.name, c.objects);
  }
  const components = [...resolved.components]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c): ComponentPlan => {
      const objects = objectsOf.get(c.name);
      return {
        name: c.name,
        needs: [...c.needs].sort(),
        phases: objects ? planPhases(objects) : [],
        instanceName: c.instanceName,
        namespace: c.namespace,
        skippedNeeds: [...c.skippedNeeds].sort(),
        excludedHooks: objects ? excludedHooks(objects) : [],
        rendered: objects !== undefined,
      };
    });
  const edges: Edge[] = components.flatMap((c) => c.needs.map((to) => ({ from: c.name, to })));
  return {
    stack: resolved.name,
    environment: resolved.environment,
    waves: computeWaves(components),
    edges,
    components,
  };
}
