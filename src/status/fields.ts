/**
 * Tolerant readers for the fields status rules look at. Objects come from the API server
 * or from YAML, so every field may be absent or of an unexpected type; readers return a
 * fallback then, like kstatus's `GetIntField`/`GetStringField`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/util.go`).
 */

import type { KubeObject } from '../objects/types.ts';

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at a dotted path (`status.readyReplicas`) or a list of keys (for keys with dots,
 * such as annotation names), or undefined.
 */
export function field(obj: unknown, path: string | readonly string[]): unknown {
  let cur: unknown = obj;
  for (const key of typeof path === 'string' ? path.split('.') : path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A numeric field, or `fallback` when absent or not a finite number. */
export function intField(obj: unknown, path: string, fallback: number): number {
  const v = field(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A numeric field, or undefined when absent or not a finite number. */
export function optionalInt(obj: unknown, path: string): number | undefined {
  const v = field(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A string field, or `fallback` when absent or not a string. */
export function stringField(obj: unknown, path: string, fallback = ''): string {
  const v = field(obj, path);
  return typeof v === 'string' ? v : fallback;
}

/** An array field, or `[]`. */
export function arrayField(obj: unknown, path: string): unknown[] {
  const v = field(obj, path);
  return Array.isArray(v) ? v : [];
}

/**
 * A status condition, as `metav1.Condition` and the older per-API condition types write it.
 * `status` is `True`, `False` or `Unknown`.
 */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  /** `metav1.Condition.observedGeneration`: the generation the condition was computed for. */
  observedGeneration?: number;
}

/** `status.conditions`, keeping only entries with a string `type` and `status`. */
export function conditionsOf(obj: KubeObject): Condition[] {
  const out: Condition[] = [];
  for (const c of arrayField(obj, 'status.conditions')) {
    if (!isRecord(c) || typeof c.type !== 'string' || typeof c.status !== 'string') continue;
    const cond: Condition = { type: c.type, status: c.status };
    if (typeof c.reason === 'string' && c.reason !== '') cond.reason = c.reason;
    if (typeof c.message === 'string' && c.message !== '') cond.message = c.message;
    if (typeof c.observedGeneration === 'number') cond.observedGeneration = c.observedGeneration;
    out.push(cond);
  }
  return out;
}

/** The first condition of a type, or undefined. */
export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/**
 * True when the condition was computed for an older generation of the object
 * (`condition.observedGeneration < metadata.generation`), so it does not describe the
 * current spec. Conditions without `observedGeneration` are never stale.
 */
export function isStale(obj: KubeObject, cond: Condition): boolean {
  const generation = optionalInt(obj, 'metadata.generation');
  return generation !== undefined && cond.observedGeneration !== undefined && cond.observedGeneration < generation;
}

/** True when a controller owns the object (an ownerReference with `controller: true`). */
export function isControlled(obj: KubeObject): boolean {
  return arrayField(obj, 'metadata.ownerReferences').some((r) => isRecord(r) && r.controller === true);
}
