import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

/** A pod in `phase` whose container `app` waits with `reason` and `message`. */
function waitingPod(phase: string, reason: string, message: string): string {
  return `
apiVersion: v1
kind: Pod
metadata: {name: web-7d9c6b-x2, namespace: shop}
status:
  phase: ${phase}
  conditions:
    - {type: PodScheduled, status: "True"}
    - {type: Ready, status: "False", reason: ContainersNotReady}
  containerStatuses:
    - name: app
      ready: false
      restartCount: 0
      state:
        waiting:
          reason: ${reason}
          message: '${message}'
`;
}

const cases: StatusCase[] = [
  {
    name: 'no status: not observed yet',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
`,
    want: { status: 'InProgress', reason: 'PodNotObserved' },
  },
  {
    name: 'running and ready',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status:
  phase: Running
  conditions:
    - {type: Ready, status: "True"}
`,
    want: { status: 'Current', message: 'Pod is Ready' },
  },
  {
    name: 'running, not ready: the Ready message says which containers',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status:
  phase: Running
  conditions:
    - {type: Ready, status: "False", reason: ContainersNotReady, message: "containers with unready status: [app]"}
  containerStatuses:
    - {name: app, ready: false, state: {running: {startedAt: "2025-01-01T00:00:00Z"}}}
`,
    want: { status: 'InProgress', reason: 'PodRunningNotReady', message: 'containers with unready status: [app]' },
  },
  {
    name: 'ImagePullBackOff is Failed and stalled',
    yaml: waitingPod('Pending', 'ImagePullBackOff', 'Back-off pulling image "ghcr.io/acme/web:v9"'),
    want: {
      status: 'Failed',
      reason: 'ImagePullBackOff',
      stalled: true,
      message: 'container app: ImagePullBackOff: Back-off pulling image "ghcr.io/acme/web:v9"',
    },
  },
  {
    name: 'ErrImagePull is Failed and stalled',
    yaml: waitingPod('Pending', 'ErrImagePull', 'failed to pull and unpack image "ghcr.io/acme/web:v9": not found'),
    want: {
      status: 'Failed',
      reason: 'ErrImagePull',
      stalled: true,
      message: 'container app: ErrImagePull: failed to pull and unpack image "ghcr.io/acme/web:v9": not found',
    },
  },
  {
    name: 'CrashLoopBackOff is Failed and stalled',
    yaml: waitingPod('Running', 'CrashLoopBackOff', 'back-off 5m0s restarting failed container=app pod=web'),
    want: {
      status: 'Failed',
      reason: 'CrashLoopBackOff',
      stalled: true,
      message: 'container app: CrashLoopBackOff: back-off 5m0s restarting failed container=app pod=web',
    },
  },
  {
    name: 'CreateContainerConfigError (missing secret) is Failed and stalled',
    yaml: waitingPod('Pending', 'CreateContainerConfigError', 'secret "web-db" not found'),
    want: {
      status: 'Failed',
      reason: 'CreateContainerConfigError',
      stalled: true,
      message: 'container app: CreateContainerConfigError: secret "web-db" not found',
    },
  },
  {
    name: 'InvalidImageName is Failed and stalled',
    yaml: waitingPod(
      'Pending',
      'InvalidImageName',
      'Failed to apply default image tag "ghcr.io/Acme/web": invalid reference format',
    ),
    want: {
      status: 'Failed',
      reason: 'InvalidImageName',
      stalled: true,
      message:
        'container app: InvalidImageName: Failed to apply default image tag "ghcr.io/Acme/web": invalid reference format',
    },
  },
  {
    name: 'CreateContainerError is Failed and stalled',
    yaml: waitingPod('Pending', 'CreateContainerError', 'failed to reserve container name'),
    want: {
      status: 'Failed',
      reason: 'CreateContainerError',
      stalled: true,
      message: 'container app: CreateContainerError: failed to reserve container name',
    },
  },
  {
    name: 'ErrImageNeverPull is Failed and stalled',
    yaml: waitingPod(
      'Pending',
      'ErrImageNeverPull',
      'Container image "web:dev" is not present with pull policy of Never',
    ),
    want: { status: 'Failed', reason: 'ErrImageNeverPull', stalled: true },
  },
  {
    name: 'an init container in CrashLoopBackOff is named as such',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status:
  phase: Pending
  initContainerStatuses:
    - name: migrate
      state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s restarting failed container}}
  containerStatuses:
    - name: app
      state: {waiting: {reason: PodInitializing}}
`,
    want: {
      status: 'Failed',
      reason: 'CrashLoopBackOff',
      stalled: true,
      message: 'init container migrate: CrashLoopBackOff: back-off 40s restarting failed container',
    },
  },
  {
    name: 'a waiting reason without a message',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status:
  phase: Pending
  containerStatuses:
    - {name: app, state: {waiting: {reason: ImagePullBackOff}}}
`,
    want: { status: 'Failed', reason: 'ImagePullBackOff', stalled: true, message: 'container app: ImagePullBackOff' },
  },
  {
    name: 'unschedulable is InProgress with the scheduler message (a node may still come)',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status:
  phase: Pending
  conditions:
    - type: PodScheduled
      status: "False"
      reason: Unschedulable
      message: "0/3 nodes are available: 3 Insufficient cpu."
`,
    want: { status: 'InProgress', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' },
  },
  {
    name: 'container being created',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status:
  phase: Pending
  conditions:
    - {type: PodScheduled, status: "True"}
  containerStatuses:
    - {name: app, state: {waiting: {reason: ContainerCreating}}}
`,
    want: { status: 'InProgress', reason: 'PodPending', message: 'container app: ContainerCreating' },
  },
  {
    name: 'pending without details',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status: {phase: Pending}
`,
    want: { status: 'InProgress', reason: 'PodPending', message: 'Pod is Pending' },
  },
  {
    name: 'succeeded (a Job pod) is Current',
    yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: migrate-x7k2p
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: migrate, uid: 1, controller: true}]
status:
  phase: Succeeded
  conditions:
    - {type: Ready, status: "False", reason: PodCompleted}
`,
    want: { status: 'Current', message: 'Pod has completed successfully' },
  },
  {
    name: 'a bare pod that failed is Failed and stalled, naming the container',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: smoke-test}
spec: {restartPolicy: Never}
status:
  phase: Failed
  containerStatuses:
    - {name: app, state: {terminated: {exitCode: 1, reason: Error}}}
`,
    want: { status: 'Failed', reason: 'PodFailed', stalled: true, message: 'container app: Error (exit code 1)' },
  },
  {
    name: 'a failed pod owned by a Job is Failed but not stalled (the Job retries)',
    yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: migrate-x7k2p
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: migrate, uid: 1, controller: true}]
status:
  phase: Failed
  containerStatuses:
    - {name: migrate, state: {terminated: {exitCode: 2, reason: Error}}}
`,
    want: { status: 'Failed', reason: 'PodFailed', stalled: false, message: 'container migrate: Error (exit code 2)' },
  },
  {
    name: 'evicted pod',
    yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: web-7d9c6b-x2
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9c6b, uid: 1, controller: true}]
status:
  phase: Failed
  reason: Evicted
  message: "The node was low on resource: memory."
`,
    want: { status: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
  },
  {
    name: 'phase Unknown (node unreachable)',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web}
status: {phase: Unknown}
`,
    want: { status: 'InProgress', reason: 'PodUnknown', message: 'Pod phase is Unknown' },
  },
  {
    name: 'deleted pod is Terminating',
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web, deletionTimestamp: "2025-01-01T00:00:00Z"}
status:
  phase: Running
  conditions:
    - {type: Ready, status: "True"}
`,
    want: { status: 'Terminating', message: 'Resource scheduled for deletion' },
  },
];

runStatusCases('status: Pod', cases);
