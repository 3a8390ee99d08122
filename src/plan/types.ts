import type { KubeObject } from '../objects/types.ts';

/** One edge `from needs to` in the component graph. */
export interface Edge {
  from: string;
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
  phases: Phase[];
}

/** The static deployment plan: graph, waves and per-component phases (no cluster needed). */
export interface GraphPlan {
  stack: string;
  environment: string | undefined;
  waves: Waves;
  edges: Edge[];
  components: ComponentPlan[];
}
