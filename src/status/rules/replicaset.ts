/**
 * ReplicaSet (apps/v1). Ported from kstatus `replicasetConditions`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`).
 *
 * Kubernetes semantics (apps/v1 ReplicaSetStatus): `fullyLabeledReplicas` pods match the
 * template's labels, `availableReplicas` have been ready for `minReadySeconds`. The
 * controller sets `ReplicaFailure=True` when it cannot create or delete pods (quota,
 * admission webhooks); it keeps retrying, so that is InProgress, with its message.
 */

import { conditionsOf, findCondition, intField } from '../fields.ts';
import { current, failed, inProgress, ratio } from '../result.ts';
import { isPodSecurityRejection } from './deployment.ts';
import type { StatusRule } from '../types.ts';

/**
 * In order, each `InProgress`: `ReplicaFailure=True` (its message), `Labelled: 1/2`,
 * `Available: 1/2`, `Ready: 1/2`, `Pending termination: 1`. Current: `Available: 2/2`.
 */
export const replicaSetStatus: StatusRule = (obj) => {
  const failure = findCondition(conditionsOf(obj), 'ReplicaFailure');
  if (failure?.status === 'True' && isPodSecurityRejection(failure.message)) {
    return failed('PodSecurity', failure.message ?? 'pods rejected by Pod Security admission', true);
  }
  if (failure?.status === 'True') {
    return inProgress(failure.reason ?? 'ReplicaFailure', failure.message ?? 'Replica failure; check the pods');
  }
  const spec = intField(obj, 'spec.replicas', 1); // the API default
  const replicas = intField(obj, 'status.replicas', 0);
  const labelled = intField(obj, 'status.fullyLabeledReplicas', 0);
  const available = intField(obj, 'status.availableReplicas', 0);
  const ready = intField(obj, 'status.readyReplicas', 0);

  if (spec > labelled) return inProgress('LessLabelled', `Labelled: ${ratio(labelled, spec)}`);
  if (spec > available) return inProgress('LessAvailable', `Available: ${ratio(available, spec)}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ratio(ready, spec)}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  return current(`Available: ${ratio(available, spec)}`);
};
