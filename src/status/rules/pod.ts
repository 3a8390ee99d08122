/**
 * Pod (v1). After kstatus `podConditions` (kubernetes-sigs/cli-utils
 * `pkg/kstatus/status/core.go`, which fails on CrashLoopBackOff) and kapp
 * (`pkg/kapp/resourcesmisc/core_v1_pod.go`, which reports the first waiting reason, init
 * containers first); convoy fails fast on every waiting reason that cannot clear by itself.
 *
 * Kubernetes semantics (v1 PodStatus, kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle):
 * `phase` is Pending (not scheduled, or images and containers being created), Running,
 * Succeeded (all containers exited 0 and will not restart), Failed (all terminated, at least
 * one with a failure, and none will restart) or Unknown. A container's `state.waiting.reason`
 * says why it is not running; the kubelet's reasons listed in {@link STALLED_WAITING_REASONS}
 * do not clear without a change to the pod or its image, config or node.
 */

import type { KubeObject } from '../../objects/types.ts';
import { arrayField, conditionsOf, findCondition, isControlled, isRecord, stringField } from '../fields.ts';
import { current, failed, inProgress } from '../result.ts';
import type { StatusResult, StatusRule } from '../types.ts';

/**
 * Container waiting reasons that make a pod `Failed`, stalled: the image cannot be pulled
 * or named, the container config refers to a missing Secret/ConfigMap key, the runtime cannot
 * create the container, or the container keeps crashing.
 */
export const STALLED_WAITING_REASONS: ReadonlySet<string> = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

interface Waiting {
  /** `container app` or `init container migrate`. */
  who: string;
  reason: string;
  message: string | undefined;
}

/** Waiting containers, init containers first (they block the others). */
function waitingContainers(obj: KubeObject): Waiting[] {
  const out: Waiting[] = [];
  const lists: [string, string][] = [
    ['status.initContainerStatuses', 'init container'],
    ['status.containerStatuses', 'container'],
  ];
  for (const [path, label] of lists) {
    for (const cs of arrayField(obj, path)) {
      if (!isRecord(cs) || typeof cs.name !== 'string') continue;
      const waiting = isRecord(cs.state) ? cs.state.waiting : undefined;
      if (!isRecord(waiting) || typeof waiting.reason !== 'string') continue;
      out.push({
        who: `${label} ${cs.name}`,
        reason: waiting.reason,
        message: typeof waiting.message === 'string' && waiting.message !== '' ? waiting.message : undefined,
      });
    }
  }
  return out;
}

function waitingText(w: Waiting): string {
  return w.message ? `${w.who}: ${w.reason}: ${w.message}` : `${w.who}: ${w.reason}`;
}

/** The first container that terminated with a non-zero exit code, as `container app: Error (exit code 1)`. */
function failedContainer(obj: KubeObject): string | undefined {
  for (const [path, label] of [
    ['status.initContainerStatuses', 'init container'],
    ['status.containerStatuses', 'container'],
  ] as const) {
    for (const cs of arrayField(obj, path)) {
      if (!isRecord(cs) || typeof cs.name !== 'string' || !isRecord(cs.state)) continue;
      const t = cs.state.terminated;
      if (!isRecord(t) || typeof t.exitCode !== 'number' || t.exitCode === 0) continue;
      const reason = typeof t.reason === 'string' ? t.reason : 'Terminated';
      return `${label} ${cs.name}: ${reason} (exit code ${t.exitCode})`;
    }
  }
  return undefined;
}

function podFailed(obj: KubeObject): StatusResult {
  const reason = stringField(obj, 'status.reason', 'PodFailed');
  const message = stringField(obj, 'status.message') || failedContainer(obj) || 'Pod failed';
  // A controller (Job, ReplicaSet, StatefulSet) replaces or retries its failed pods, so the
  // owner's status decides; a bare pod in phase Failed never runs again.
  return failed(reason, message, !isControlled(obj));
}

/**
 * In order:
 * - phase Succeeded → Current (the pod ran to completion, e.g. a Job's pod; that is the only
 *   way a pod reaches Succeeded, so it holds for bare pods too);
 * - phase Failed → Failed with `status.reason` (e.g. Evicted) or the failed container;
 *   stalled unless a controller owns the pod (it will retry or replace it) — kstatus reports
 *   Current here, convoy does not call a failed pod done;
 * - a container waiting with a reason in {@link STALLED_WAITING_REASONS} (in any phase:
 *   image pulls fail while Pending) → Failed, stalled, reason the waiting reason, message
 *   `container app: ImagePullBackOff: <kubelet message>`;
 * - Running: `Ready=True` → Current, else InProgress with the Ready condition's message;
 * - Pending: `PodScheduled=False` → InProgress with the scheduler's message (reason
 *   `Unschedulable`): kstatus turns it Failed after 15 s, but that needs a clock, and a
 *   cluster autoscaler may still add a node; else the first waiting container
 *   (`container app: ContainerCreating`), else `Pod is Pending`;
 * - no phase → InProgress (`PodNotObserved`); Unknown → InProgress (the node is unreachable).
 */
export const podStatus: StatusRule = (obj) => {
  const phase = stringField(obj, 'status.phase');
  if (phase === 'Succeeded') return current('Pod has completed successfully');
  if (phase === 'Failed') return podFailed(obj);

  const waiting = waitingContainers(obj);
  const stalled = waiting.find((w) => STALLED_WAITING_REASONS.has(w.reason));
  if (stalled) return failed(stalled.reason, waitingText(stalled), true);

  const conditions = conditionsOf(obj);
  switch (phase) {
    case 'Running': {
      const ready = findCondition(conditions, 'Ready');
      if (ready?.status === 'True') return current('Pod is Ready');
      return inProgress('PodRunningNotReady', ready?.message ?? 'Pod is running but not Ready');
    }
    case 'Pending': {
      const scheduled = findCondition(conditions, 'PodScheduled');
      if (scheduled?.status === 'False') {
        return inProgress(scheduled.reason ?? 'PodNotScheduled', scheduled.message ?? 'Pod is not scheduled yet');
      }
      const first = waiting[0];
      if (first) return inProgress('PodPending', waitingText(first));
      return inProgress('PodPending', 'Pod is Pending');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      return inProgress(`Pod${phase}`, `Pod phase is ${phase}`);
  }
};
