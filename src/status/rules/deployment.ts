/**
 * Deployment (apps/v1). Ported from kstatus `deploymentConditions`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`); kapp has the same checks in
 * `pkg/kapp/resourcesmisc/apps_v1_deployment.go`.
 *
 * Kubernetes semantics (apps/v1 DeploymentStatus): `replicas` counts all pods of the
 * Deployment, `updatedReplicas` those of the newest template, `readyReplicas` the ready ones,
 * `availableReplicas` those ready for `minReadySeconds`. The controller sets `Progressing`
 * False with reason `ProgressDeadlineExceeded` after `spec.progressDeadlineSeconds` (API
 * default 600) without progress; it does not roll back, so that is final until the spec changes.
 */

import { conditionsOf, findCondition, intField, optionalInt } from '../fields.ts';
import { current, failed, inProgress, ratio } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * Pod Security admission rejections (`pods "x" is forbidden: violates PodSecurity
 * "restricted:latest": …`) do not go away by waiting: the same pod template is rejected
 * again until the template or the namespace's pod-security labels change.
 * (k8s.io/pod-security-admission admission.go builds this message.)
 */
export function isPodSecurityRejection(message: string | undefined): boolean {
  return message !== undefined && /violates PodSecurity/.test(message);
}

/** The controller's "no deadline" value (deployment_util.go), as kstatus treats it. */
const NO_DEADLINE = 2147483647;

/**
 * In order: `ProgressDeadlineExceeded` → Failed, stalled; `ReplicaFailure=True` (quota,
 * admission) → InProgress with its message, except a Pod Security rejection → Failed, stalled; then the counts, each `InProgress` with a short
 * message: `Replicas: 1/2` (pods not created), `Updated: 1/2`, `Pending termination: 1`,
 * `Available: 1/2`, `Ready: 1/2`; then the conditions: `Progressing` must be True with
 * reason `NewReplicaSetAvailable` (unless no deadline is set) and `Available` True.
 * Current: `Available: 2/2`.
 */
export const deploymentStatus: StatusRule = (obj) => {
  const conditions = conditionsOf(obj);
  const progressingCond = findCondition(conditions, 'Progressing');
  if (progressingCond?.reason === 'ProgressDeadlineExceeded') {
    return failed('ProgressDeadlineExceeded', progressingCond.message ?? 'Progress deadline exceeded', true);
  }
  const replicaFailure = findCondition(conditions, 'ReplicaFailure');
  if (replicaFailure?.status === 'True') {
    if (isPodSecurityRejection(replicaFailure.message)) {
      return failed('PodSecurity', replicaFailure.message ?? 'pods rejected by Pod Security admission', true);
    }
    return inProgress(replicaFailure.reason ?? 'ReplicaFailure', replicaFailure.message ?? 'Replica failure');
  }

  const spec = intField(obj, 'spec.replicas', 1); // the API default
  const replicas = intField(obj, 'status.replicas', 0);
  const updated = intField(obj, 'status.updatedReplicas', 0);
  const ready = intField(obj, 'status.readyReplicas', 0);
  const available = intField(obj, 'status.availableReplicas', 0);

  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${ratio(replicas, spec)}`);
  if (spec > updated) return inProgress('LessUpdated', `Updated: ${ratio(updated, spec)}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (updated > available) return inProgress('LessAvailable', `Available: ${ratio(available, updated)}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ratio(ready, spec)}`);

  const deadline = optionalInt(obj, 'spec.progressDeadlineSeconds') ?? NO_DEADLINE;
  const progressed =
    deadline === NO_DEADLINE ||
    (progressingCond?.status === 'True' && progressingCond.reason === 'NewReplicaSetAvailable');
  if (!progressed) return inProgress('ReplicaSetNotAvailable', 'New ReplicaSet not available yet');
  const availableCond = findCondition(conditions, 'Available');
  if (availableCond?.status !== 'True') {
    return inProgress('DeploymentNotAvailable', availableCond?.message ?? 'Deployment not Available');
  }
  return current(`Available: ${ratio(available, spec)}`);
};
