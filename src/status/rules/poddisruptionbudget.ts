/**
 * PodDisruptionBudget (policy/v1). After kstatus `pdbConditions`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`): a PDB is Current once the
 * disruption controller has observed its latest generation and computed the allowed
 * disruptions.
 *
 * Kubernetes semantics (policy/v1 PodDisruptionBudgetStatus): `currentHealthy`,
 * `desiredHealthy`, `expectedPods`, `disruptionsAllowed`; the condition `DisruptionAllowed`
 * is False with reason `SyncFailed` when the controller could not compute them (e.g. a pod
 * without a controller), with reason `InsufficientPods` when no disruption is allowed now.
 */

import { checkGenerationSet } from '../generic.ts';
import { conditionsOf, findCondition, intField } from '../fields.ts';
import { current, inProgress } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * In order: generation and observedGeneration must be set (the controller has seen it);
 * `DisruptionAllowed=False` with reason `SyncFailed` → InProgress with its message; otherwise
 * Current with `Healthy: 1/2, disruptions allowed: 0`. Too few healthy pods is not InProgress:
 * that is the workload's readiness, and a PDB applied before its pods would wait forever.
 */
export const pdbStatus: StatusRule = (obj) => {
  const notObserved = checkGenerationSet(obj);
  if (notObserved) return notObserved;
  const allowed = findCondition(conditionsOf(obj), 'DisruptionAllowed');
  if (allowed?.status === 'False' && allowed.reason === 'SyncFailed') {
    return inProgress('SyncFailed', allowed.message ?? 'Disruption controller failed to sync the PDB');
  }
  const healthy = intField(obj, 'status.currentHealthy', 0);
  const desired = intField(obj, 'status.desiredHealthy', 0);
  const disruptions = intField(obj, 'status.disruptionsAllowed', 0);
  return current(`Healthy: ${healthy}/${desired}, disruptions allowed: ${disruptions}`);
};
