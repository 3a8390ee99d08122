import { ANNOTATION, type KubeObject } from './types.ts';

/** Where a rendered object came from: its stack component and source file. */
export interface ObjectOrigin {
  /** The component's stack key (not the affixed instance name). */
  component: string;
  /** File relative to the stack directory, `kustomize:<dir>` or `native:<workload>`. */
  origin: string;
}

/**
 * Sets the `convoy.dev/component` and `convoy.dev/origin` annotations (overwriting earlier
 * values) and returns the same object.
 */
export function annotateObject(obj: KubeObject, where: ObjectOrigin): KubeObject {
  obj.metadata.annotations = {
    ...obj.metadata.annotations,
    [ANNOTATION.component]: where.component,
    [ANNOTATION.origin]: where.origin,
  };
  return obj;
}
