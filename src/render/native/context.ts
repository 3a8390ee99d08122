/**
 * Names, labels and errors shared by the native workload builders.
 */
import { ConvoyError, type SourcePosition } from '../../errors.ts';
import type { WorkloadSpec } from '../../stack/schema.ts';

/** The component a native workload belongs to. */
export interface NativeComponent {
  /** The stack's name (label `app.kubernetes.io/part-of`). */
  stackName: string;
  /** The component's stack key. */
  component: string;
  /** The component's instance name (affix applied), e.g. `test-idds`. */
  instanceName: string;
  namespace: string;
  /** Workloads to leave out (`--disable idds.worker` → `['worker']`). Default none. */
  disabledSubcomponents?: readonly string[];
  /** Where the component is declared, for errors. */
  position?: SourcePosition;
}

/** One workload being built: its names and labels, computed once. */
export interface WorkloadContext {
  component: NativeComponent;
  /** The workload's key in `native.workloads`. */
  workload: string;
  spec: WorkloadSpec;
  /** The name of its objects: `<instanceName>` when the workload is named like the component, else `<instanceName>-<workload>`. */
  name: string;
  /** Labels of all its objects (standard labels, the workload's own `labels`). */
  labels: Record<string, string>;
  /** The pod selector: `app.kubernetes.io/name` and `app.kubernetes.io/instance`. */
  selector: Record<string, string>;
}

/** `<instanceName>` when the workload is named like the component, else `<instanceName>-<workload>`. */
export function workloadObjectName(c: NativeComponent, workload: string): string {
  return workload === c.component ? c.instanceName : `${c.instanceName}-${workload}`;
}

/**
 * The context of one workload. Labels: `app.kubernetes.io/{name,component}: <workload>`,
 * `app.kubernetes.io/instance: <instanceName>`, `app.kubernetes.io/part-of: <stack>`,
 * `app.kubernetes.io/managed-by: convoy` (Kubernetes recommended labels), then the
 * workload's `labels`; the selector labels cannot be overridden.
 */
export function workloadContext(component: NativeComponent, workload: string, spec: WorkloadSpec): WorkloadContext {
  const selector = { 'app.kubernetes.io/name': workload, 'app.kubernetes.io/instance': component.instanceName };
  const labels = {
    ...selector,
    'app.kubernetes.io/component': workload,
    'app.kubernetes.io/part-of': component.stackName,
    'app.kubernetes.io/managed-by': 'convoy',
    ...spec.labels,
    ...selector,
  };
  return { component, workload, spec, name: workloadObjectName(component, workload), labels, selector };
}

/** An `E_RENDER` error about a workload, at the component's position. */
export function workloadError(w: WorkloadContext, problem: string, fix: string): ConvoyError {
  return new ConvoyError('E_RENDER', `component "${w.component.component}", workload "${w.workload}": ${problem}`, {
    ...(w.component.position ? { position: w.component.position } : {}),
    fix,
  });
}

/** A deep copy without `undefined` values (so built objects equal their JSON round trip). */
export function defined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => defined(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = defined(v);
    return out as T;
  }
  return value;
}

/** `metadata` of a workload's object: name, namespace, labels, and annotations when given. */
export function objectMeta(
  w: WorkloadContext,
  name = w.name,
  annotations?: Record<string, string>,
): { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> } {
  return {
    name,
    namespace: w.component.namespace,
    labels: { ...w.labels },
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
  };
}
