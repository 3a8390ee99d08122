/**
 * What every semantic check of a stack receives: the validated spec, the directory that
 * relative paths resolve against, and the source map for positions.
 */
import type { StackSpec } from '../schema.ts';
import type { SourceMap } from '../source-map.ts';

/** The input of every check function in src/stack/checks/. */
export interface CheckContext {
  /** The stack, already valid against the schema (defaults applied). */
  stack: StackSpec;
  /** Absolute directory of the stack file. */
  dir: string;
  /** Positions in the stack file. */
  map: SourceMap;
}

/** The document path of a component: `['spec', 'components', name]`. */
export function componentPath(name: string): ['spec', 'components', string] {
  return ['spec', 'components', name];
}

/** The document path of a native workload. */
export function workloadPath(component: string, workload: string): (string | number)[] {
  return ['spec', 'components', component, 'native', 'workloads', workload];
}
