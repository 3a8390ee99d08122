/**
 * Kubernetes objects as convoy handles them: plain JSON-compatible records with the
 * identity fields typed. Identity is group/kind/namespace/name (see ./identity.ts).
 */

/** A Kubernetes object (any kind), as parsed from YAML or built in TypeScript. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Annotations convoy puts on every rendered object. */
export const ANNOTATION = {
  /** The stack component the object belongs to (its stack key, not the affixed name). */
  component: 'convoy.dev/component',
  /** The file the object came from, relative to the stack directory (or `native:<workload>`). */
  origin: 'convoy.dev/origin',
} as const;

/** Helm hook annotations, as Helm defines them (helm.sh/docs/topics/charts_hooks). */
export const HELM_HOOK = {
  hook: 'helm.sh/hook',
  weight: 'helm.sh/hook-weight',
  deletePolicy: 'helm.sh/hook-delete-policy',
} as const;
