/**
 * The checks that apply to every kind, ported from kstatus
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/generic.go` `checkGenericProperties`,
 * `checkGeneration`, and `status.go` `Compute`'s fallback), plus the `Ready`/`Available`
 * conventions most controllers follow.
 */

import type { KubeObject } from '../objects/types.ts';
import { arrayField, conditionsOf, findCondition, isStale, optionalInt, stringField } from './fields.ts';
import type { Condition } from './fields.ts';
import { current, failed, inProgress } from './result.ts';
import type { StatusResult } from './types.ts';

/**
 * `Terminating` when `metadata.deletionTimestamp` is set (the API server sets it on delete;
 * the object stays until its finalizers are removed). The message names the finalizers, as
 * they are what a stuck deletion waits for. Source: generic.go, and the Kubernetes
 * ObjectMeta docs for `deletionTimestamp` and `finalizers`.
 */
export function checkTerminating(obj: KubeObject): StatusResult | undefined {
  if (stringField(obj, 'metadata.deletionTimestamp') === '') return undefined;
  const finalizers = arrayField(obj, 'metadata.finalizers').filter((f): f is string => typeof f === 'string');
  const message =
    finalizers.length > 0
      ? `Resource scheduled for deletion; finalizers: ${finalizers.join(', ')}`
      : 'Resource scheduled for deletion';
  return { status: 'Terminating', message, reason: 'Terminating' };
}

/**
 * `InProgress` while the controller has not seen the latest spec:
 * `metadata.generation` > `status.observedGeneration`. Objects without either field skip
 * the check (many kinds have no observedGeneration). Source: generic.go `checkGeneration`.
 */
export function checkGeneration(obj: KubeObject): StatusResult | undefined {
  const generation = optionalInt(obj, 'metadata.generation');
  const observed = optionalInt(obj, 'status.observedGeneration');
  if (generation === undefined || observed === undefined || observed >= generation) return undefined;
  return inProgress('LatestGenerationNotObserved', `observedGeneration ${observed}/${generation}`);
}

/**
 * For kinds whose controller always writes both fields (DaemonSet, PodDisruptionBudget):
 * `InProgress` while either is missing, since then the controller has not acted yet.
 * Source: core.go `checkGenerationSet`.
 */
export function checkGenerationSet(obj: KubeObject): StatusResult | undefined {
  if (optionalInt(obj, 'metadata.generation') === undefined) {
    return inProgress('NoGeneration', `${obj.kind} metadata.generation not set`);
  }
  if (optionalInt(obj, 'status.observedGeneration') === undefined) {
    return inProgress('NoObservedGeneration', `${obj.kind} status.observedGeneration not set`);
  }
  return undefined;
}

/**
 * Reasons of a `Ready=False` condition that mean the controller has failed rather than
 * not finished yet. Kept small and literal: a controller that can tell "never" should set
 * `Stalled=True`; a stack can declare a wait rule for anything more specific.
 */
export const TERMINAL_READY_REASONS: ReadonlySet<string> = new Set([
  'Failed',
  'Failure',
  'Error',
  'Invalid',
  'InvalidSpec',
  'InvalidConfiguration',
]);

/** Condition types the generic rules read; a stale one of these means "not observed yet". */
const GENERIC_TYPES = ['Stalled', 'Failed', 'Reconciling', 'Ready', 'Available'];

function conditionMessage(c: Condition): string {
  return c.message ?? `${c.type} is ${c.status}${c.reason ? ` (${c.reason})` : ''}`;
}

/**
 * The generic rules, for kinds without a rule of their own (and rules that have no opinion):
 * 1. a `Stalled=True` or `Failed=True` condition → `Failed`, stalled (kstatus: Stalled);
 * 2. `Reconciling=True` → `InProgress` (kstatus);
 * 3. `Ready`: True → `Current`; False with a reason in {@link TERMINAL_READY_REASONS} →
 *    `Failed` (not stalled: the controller may retry); otherwise → `InProgress` with its message;
 * 4. else `Available` the same way (True → `Current`, otherwise `InProgress`);
 * 5. no such conditions → `Current` (kstatus `Compute`: "Resource is current"), which is what
 *    Secrets, ConfigMaps, ServiceAccounts, RBAC and most other kinds get.
 * A condition whose `observedGeneration` is older than `metadata.generation` is stale: the
 * object is then `InProgress` until the controller updates it.
 */
export function genericStatus(obj: KubeObject): StatusResult {
  const conditions = conditionsOf(obj);
  const generation = optionalInt(obj, 'metadata.generation');
  for (const c of conditions) {
    if (GENERIC_TYPES.includes(c.type) && isStale(obj, c)) {
      return inProgress(
        'LatestGenerationNotObserved',
        `condition ${c.type} observedGeneration ${c.observedGeneration}/${generation}`,
      );
    }
  }
  for (const c of conditions) {
    if ((c.type === 'Stalled' || c.type === 'Failed') && c.status === 'True') {
      return failed(c.reason ?? c.type, c.message ?? `${c.type} condition is True`, true);
    }
  }
  const reconciling = conditions.find((c) => c.type === 'Reconciling' && c.status === 'True');
  if (reconciling) return inProgress(reconciling.reason ?? 'Reconciling', conditionMessage(reconciling));

  for (const type of ['Ready', 'Available']) {
    const c = findCondition(conditions, type);
    if (!c) continue;
    if (c.status === 'True') return current(type);
    if (c.status === 'False' && c.reason !== undefined && TERMINAL_READY_REASONS.has(c.reason)) {
      return failed(c.reason, conditionMessage(c), false);
    }
    return inProgress(c.reason ?? `Not${type}`, conditionMessage(c));
  }
  return current('Resource is current');
}
