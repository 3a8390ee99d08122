/**
 * DaemonSet (apps/v1). Ported from kstatus `daemonsetConditions`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`).
 *
 * Kubernetes semantics (apps/v1 DaemonSetStatus): `desiredNumberScheduled` nodes should run
 * the pod, `currentNumberScheduled` do, `updatedNumberScheduled` run the newest template,
 * `numberAvailable` / `numberReady` are available / ready. The controller always writes
 * `observedGeneration`, so its absence means it has not acted yet.
 */

import { checkGenerationSet } from '../generic.ts';
import { intField, optionalInt, stringField } from '../fields.ts';
import { current, inProgress, ratio } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * In order: generation and observedGeneration must be set (kstatus `checkGenerationSet`);
 * `desiredNumberScheduled` must be reported; then, each `InProgress`: `Current: 1/3`,
 * `Updated: 1/3` (skipped with `updateStrategy.type: OnDelete`, where pods update only when
 * deleted), `Available: 1/3`, `Ready: 1/3`. Current: `Ready: 3/3`. A DaemonSet whose
 * selector matches no node (desired 0) is Current.
 */
export const daemonSetStatus: StatusRule = (obj) => {
  const notObserved = checkGenerationSet(obj);
  if (notObserved) return notObserved;

  const desired = optionalInt(obj, 'status.desiredNumberScheduled');
  if (desired === undefined) return inProgress('NoDesiredNumber', 'status.desiredNumberScheduled not set');
  const scheduled = intField(obj, 'status.currentNumberScheduled', 0);
  const updated = intField(obj, 'status.updatedNumberScheduled', 0);
  const available = intField(obj, 'status.numberAvailable', 0);
  const ready = intField(obj, 'status.numberReady', 0);
  const onDelete = stringField(obj, 'spec.updateStrategy.type') === 'OnDelete';

  if (desired > scheduled) return inProgress('LessCurrent', `Current: ${ratio(scheduled, desired)}`);
  if (!onDelete && desired > updated) return inProgress('LessUpdated', `Updated: ${ratio(updated, desired)}`);
  if (desired > available) return inProgress('LessAvailable', `Available: ${ratio(available, desired)}`);
  if (desired > ready) return inProgress('LessReady', `Ready: ${ratio(ready, desired)}`);
  return current(`Ready: ${ratio(ready, desired)}`);
};
