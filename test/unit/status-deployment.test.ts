import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'no status yet',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessReplicas', message: 'Replicas: 0/2' },
  },
  {
    name: 'deployment rollout in progress',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2, progressDeadlineSeconds: 600}
status:
  observedGeneration: 1
  replicas: 1
  updatedReplicas: 1
  readyReplicas: 1
  availableReplicas: 1
  conditions:
    - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
    - {type: Available, status: "False", reason: MinimumReplicasUnavailable}
`,
    want: { status: 'InProgress', reason: 'LessReplicas', message: 'Replicas: 1/2' },
  },
  {
    name: 'new template not on all pods',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 2}
status: {observedGeneration: 2, replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessUpdated', message: 'Updated: 1/2' },
  },
  {
    name: 'old pods still terminating',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 2}
status: {observedGeneration: 2, replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'ExtraPods', message: 'Pending termination: 1' },
  },
  {
    name: 'updated pods not available yet (minReadySeconds)',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2, minReadySeconds: 30}
status: {observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 1}
`,
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 1/2' },
  },
  {
    name: 'pods not ready',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2}
status: {observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 1/2' },
  },
  {
    name: 'counts met but Progressing not yet NewReplicaSetAvailable',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2, progressDeadlineSeconds: 600}
status:
  observedGeneration: 1
  replicas: 2
  updatedReplicas: 2
  readyReplicas: 2
  availableReplicas: 2
  conditions:
    - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
    - {type: Available, status: "True", reason: MinimumReplicasAvailable}
`,
    want: { status: 'InProgress', reason: 'ReplicaSetNotAvailable' },
  },
  {
    name: 'Available condition False',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2, progressDeadlineSeconds: 600}
status:
  observedGeneration: 1
  replicas: 2
  updatedReplicas: 2
  readyReplicas: 2
  availableReplicas: 2
  conditions:
    - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
    - {type: Available, status: "False", reason: MinimumReplicasUnavailable, message: Deployment does not have minimum availability.}
`,
    want: {
      status: 'InProgress',
      reason: 'DeploymentNotAvailable',
      message: 'Deployment does not have minimum availability.',
    },
  },
  {
    name: 'rolled out',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 3}
spec: {replicas: 2, progressDeadlineSeconds: 600}
status:
  observedGeneration: 3
  replicas: 2
  updatedReplicas: 2
  readyReplicas: 2
  availableReplicas: 2
  conditions:
    - {type: Available, status: "True", reason: MinimumReplicasAvailable}
    - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
`,
    want: { status: 'Current', message: 'Available: 2/2' },
  },
  {
    name: 'no progressDeadlineSeconds: the Progressing condition is not required',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
status:
  observedGeneration: 1
  replicas: 1
  updatedReplicas: 1
  readyReplicas: 1
  availableReplicas: 1
  conditions:
    - {type: Available, status: "True"}
`,
    want: { status: 'Current', message: 'Available: 1/1' },
  },
  {
    name: 'ProgressDeadlineExceeded is Failed and stalled',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 2, progressDeadlineSeconds: 60}
status:
  observedGeneration: 2
  replicas: 3
  updatedReplicas: 1
  readyReplicas: 2
  availableReplicas: 2
  conditions:
    - {type: Available, status: "True", reason: MinimumReplicasAvailable}
    - type: Progressing
      status: "False"
      reason: ProgressDeadlineExceeded
      message: ReplicaSet "web-7d9c6b" has timed out progressing.
`,
    want: {
      status: 'Failed',
      reason: 'ProgressDeadlineExceeded',
      stalled: true,
      message: 'ReplicaSet "web-7d9c6b" has timed out progressing.',
    },
  },
  {
    name: 'ReplicaFailure (quota) is InProgress with its message',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 2}
status:
  observedGeneration: 1
  conditions:
    - type: ReplicaFailure
      status: "True"
      reason: FailedCreate
      message: 'pods "web-7d9c6b-x2" is forbidden: exceeded quota: compute'
`,
    want: {
      status: 'InProgress',
      reason: 'FailedCreate',
      message: 'pods "web-7d9c6b-x2" is forbidden: exceeded quota: compute',
    },
  },
  {
    name: 'ReplicaFailure by Pod Security admission is Failed and stalled',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 1}
status:
  observedGeneration: 1
  conditions:
    - type: ReplicaFailure
      status: "True"
      reason: FailedCreate
      message: 'pods "web-1" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true'
`,
    want: {
      status: 'Failed',
      reason: 'PodSecurity',
      stalled: true,
      message: 'pods "web-1" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true',
    },
  },
  {
    name: 'generation not observed yet',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 3}
spec: {replicas: 1}
status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
`,
    want: { status: 'InProgress', reason: 'LatestGenerationNotObserved', message: 'observedGeneration 2/3' },
  },
  {
    name: 'scaled to zero',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 4}
spec: {replicas: 0, progressDeadlineSeconds: 600}
status:
  observedGeneration: 4
  conditions:
    - {type: Available, status: "True", reason: MinimumReplicasAvailable}
    - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
`,
    want: { status: 'Current', message: 'Available: 0/0' },
  },
  {
    name: 'being deleted',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  generation: 1
  deletionTimestamp: "2025-01-01T00:00:00Z"
  finalizers: [foregroundDeletion]
spec: {replicas: 1}
`,
    want: {
      status: 'Terminating',
      message: 'Resource scheduled for deletion; finalizers: foregroundDeletion',
    },
  },
  {
    name: 'extensions/v1beta1 Deployment uses the same rule',
    yaml: `
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 3}
status: {observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 3}
`,
    want: { status: 'InProgress', message: 'Ready: 2/3' },
  },
];

runStatusCases('status: Deployment', cases);
