/**
 * StatefulSet (apps/v1). Ported from kstatus `stsConditions`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`). The StatefulSet controller sets
 * no conditions, so the status comes from the counts and revisions alone.
 *
 * Kubernetes semantics (apps/v1 StatefulSetStatus, and
 * kubernetes.io/docs/concepts/workloads/controllers/statefulset/#rolling-updates):
 * `currentReplicas` pods run `currentRevision`, `updatedReplicas` pods run `updateRevision`;
 * a rollout is done when `currentRevision == updateRevision`. With
 * `spec.updateStrategy.rollingUpdate.partition: P`, only pods with ordinal >= P are updated,
 * so `replicas - P` updated pods complete the rollout and the revisions stay different on
 * purpose. With `updateStrategy.type: OnDelete` the controller updates a pod only when it is
 * deleted, so only counts and readiness are waited for.
 */

import { field, intField, optionalInt, stringField } from '../fields.ts';
import { current, inProgress, ratio } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * In order, each `InProgress` with a short message: `Replicas: 1/3` (pods not created),
 * `Ready: 2/3`, `Available: 2/3` (when the API reports `availableReplicas`, i.e. with
 * `minReadySeconds`), `Pending termination: 1`; then by strategy:
 * - OnDelete → Current (`Ready: 3/3 (OnDelete)`); kstatus returns Current before even the
 *   counts, convoy still waits for the pods to exist and be ready;
 * - a partition > 0 → `Updated: 1/2 (partition 1)` until `replicas - partition` pods run the
 *   update revision, then Current (reason `PartitionRollout` while waiting);
 * - otherwise `Updated: 1/3`, then `currentRevision` must equal `updateRevision`, then
 *   `Current: 2/3` (kstatus's `LessCurrent`).
 * Current: `Ready: 3/3`.
 */
export const statefulSetStatus: StatusRule = (obj) => {
  const spec = intField(obj, 'spec.replicas', 1); // the API default
  const replicas = intField(obj, 'status.replicas', 0);
  const ready = intField(obj, 'status.readyReplicas', 0);
  const available = optionalInt(obj, 'status.availableReplicas');
  const updated = intField(obj, 'status.updatedReplicas', 0);
  const currentReplicas = intField(obj, 'status.currentReplicas', 0);

  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${ratio(replicas, spec)}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ratio(ready, spec)}`);
  if (available !== undefined && spec > available) {
    return inProgress('LessAvailable', `Available: ${ratio(available, spec)}`);
  }
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);

  if (stringField(obj, 'spec.updateStrategy.type') === 'OnDelete') {
    return current(`Ready: ${ratio(ready, spec)} (OnDelete)`);
  }

  const partition = field(obj, 'spec.updateStrategy.rollingUpdate.partition');
  if (typeof partition === 'number' && partition > 0) {
    const target = Math.max(0, spec - partition);
    if (updated < target) {
      return inProgress('PartitionRollout', `Updated: ${ratio(updated, target)} (partition ${partition})`);
    }
    return current(`Ready: ${ratio(ready, spec)}; updated ${ratio(updated, target)} (partition ${partition})`);
  }

  if (spec > updated) return inProgress('LessUpdated', `Updated: ${ratio(updated, spec)}`);
  const currentRevision = stringField(obj, 'status.currentRevision');
  const updateRevision = stringField(obj, 'status.updateRevision');
  if (currentRevision !== updateRevision) {
    return inProgress('RevisionMismatch', `currentRevision ${currentRevision} != updateRevision ${updateRevision}`);
  }
  if (spec > currentReplicas) return inProgress('LessCurrent', `Current: ${ratio(currentReplicas, spec)}`);
  return current(`Ready: ${ratio(ready, spec)}`);
};
