/**
 * PersistentVolumeClaim (v1). After kstatus `pvcConditions` (kubernetes-sigs/cli-utils
 * `pkg/kstatus/status/core.go`: Bound is Current, anything else InProgress), plus the
 * WaitForFirstConsumer case kstatus leaves to the caller.
 *
 * Kubernetes semantics (v1 PersistentVolumeClaimStatus, and
 * kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode): `phase` is
 * Pending, Bound or Lost (the bound volume is gone). With a StorageClass whose
 * `volumeBindingMode` is `WaitForFirstConsumer`, a claim stays Pending until a Pod using it
 * is scheduled; the scheduler then writes the annotation `volume.kubernetes.io/selected-node`
 * and provisioning starts.
 *
 * The deadlock this avoids: waiting for such a claim to be Bound before applying the Pods that
 * consume it never ends. One PVC does not show its class's binding mode (nor the events that
 * would say `WaitForFirstConsumer`), so the caller, who can read the StorageClass, sets the
 * option `pvcWaitForFirstConsumer`; then a Pending claim without a selected node is Current.
 * Without the option it is InProgress with the message
 * `Pending: waiting for first consumer or volume provisioning`, so a
 * timeout still explains itself.
 */

import { field, stringField } from '../fields.ts';
import { current, failed, inProgress } from '../result.ts';
import type { StatusRule } from '../types.ts';

/** The annotation the scheduler sets on a WaitForFirstConsumer claim when it picks a node. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

/**
 * Bound → Current; Lost → Failed, stalled (the volume is gone; the claim needs recreating);
 * Pending without a selected node → Current with `pvcWaitForFirstConsumer`, else InProgress
 * (`Pending: waiting for first consumer or volume provisioning`); Pending with a selected node → InProgress (provisioning
 * for that node); no phase → InProgress.
 */
export const pvcStatus: StatusRule = (obj, ctx) => {
  const phase = stringField(obj, 'status.phase');
  if (phase === 'Bound') return current('PVC is Bound');
  if (phase === 'Lost') return failed('ClaimLost', 'PVC lost its volume', true);
  if (phase === 'Pending' || phase === '') {
    const node = field(obj, ['metadata', 'annotations', SELECTED_NODE_ANNOTATION]);
    if (typeof node === 'string' && node !== '') {
      return inProgress('Provisioning', `PVC is Pending: provisioning a volume for node ${node}`);
    }
    if (phase === 'Pending' && ctx.pvcWaitForFirstConsumer) {
      return current('PVC is Pending until a Pod uses it (WaitForFirstConsumer)');
    }
    if (phase === '') return inProgress('NotBound', 'PVC phase not available');
    return inProgress('WaitForFirstConsumer', 'Pending: waiting for first consumer or volume provisioning');
  }
  return inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
};
