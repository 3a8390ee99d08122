import type { KubeObject } from '../objects/types.ts';

/** One edge `from needs to` in the component graph: `{from: 'panda', to: 'msgsvc'}`. */
export interface Edge {
  /** The component that needs. */
  from: string;
  /** The component it needs (applied first). */
  to: string;
}

/**
 * Components grouped in waves: wave 0 needs nothing, wave n needs only components in
 * earlier waves. Each wave is sorted by name. (cli-utils graph.SortObjs; helmfile PlanReleases.)
 */
export type Waves = string[][];

/** The apply phases inside a component, in order. */
export const PHASES = [
  'pre-hooks',
  'namespaces',
  'crds',
  'rbac',
  'config',
  'storage',
  'services',
  'workloads',
  'jobs',
  'other',
  'post-hooks',
] as const;
export type PhaseName = (typeof PHASES)[number];

export interface Phase {
  name: PhaseName;
  /** For hook phases: the Helm hook weight of this step; objects of one weight apply together. */
  weight?: number;
  objects: KubeObject[];
}

export interface ComponentPlan {
  name: string;
  needs: string[];
  /** Apply phases in order; empty when the plan was made without rendered objects. */
  phases: Phase[];
  /** Instance name (affix applied), e.g. `test-panda`. */
  instanceName: string;
  namespace: string;
  /** Needs left out by the selection (from ResolvedComponent.skippedNeeds). */
  skippedNeeds: string[];
  /** Helm hooks that are not applied (test, delete, rollback events); empty without objects. */
  excludedHooks: KubeObject[];
  /** True when rendered objects were given for this component (phases are known). */
  rendered: boolean;
}

/** The static deployment plan: graph, waves and per-component phases (no cluster needed). */
export interface GraphPlan {
  stack: string;
  environment: string | undefined;
  waves: Waves;
  /** Every need as an edge, sorted by `from` then `to`. */
  edges: Edge[];
  components: ComponentPlan[];
}
