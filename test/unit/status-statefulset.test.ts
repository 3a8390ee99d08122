import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'no status yet',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 1}
spec: {replicas: 3}
`,
    want: { status: 'InProgress', reason: 'LessReplicas', message: 'Replicas: 0/3' },
  },
  {
    name: 'pods not ready',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 1}
spec: {replicas: 3}
status: {observedGeneration: 1, replicas: 3, readyReplicas: 1, currentReplicas: 3, updatedReplicas: 3}
`,
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 1/3' },
  },
  {
    name: 'ready but not available (minReadySeconds)',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 1}
spec: {replicas: 3, minReadySeconds: 10}
status: {observedGeneration: 1, replicas: 3, readyReplicas: 3, availableReplicas: 2, currentReplicas: 3, updatedReplicas: 3}
`,
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 2/3' },
  },
  {
    name: 'scaled down, a pod still terminating',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 2}
status: {observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3}
`,
    want: { status: 'InProgress', reason: 'ExtraPods', message: 'Pending termination: 1' },
  },
  {
    name: 'rolling update in progress',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: RollingUpdate}}
status:
  observedGeneration: 2
  replicas: 3
  readyReplicas: 3
  currentReplicas: 2
  updatedReplicas: 1
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: { status: 'InProgress', reason: 'LessUpdated', message: 'Updated: 1/3' },
  },
  {
    name: 'all updated but revisions not switched yet',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3}
status:
  observedGeneration: 2
  replicas: 3
  readyReplicas: 3
  currentReplicas: 0
  updatedReplicas: 3
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: {
      status: 'InProgress',
      reason: 'RevisionMismatch',
      message: 'currentRevision db-6d5f != updateRevision db-7f8a',
    },
  },
  {
    name: 'revisions equal but fewer current replicas',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 1}
spec: {replicas: 3}
status:
  observedGeneration: 1
  replicas: 3
  readyReplicas: 3
  currentReplicas: 2
  updatedReplicas: 3
  currentRevision: db-7f8a
  updateRevision: db-7f8a
`,
    want: { status: 'InProgress', reason: 'LessCurrent', message: 'Current: 2/3' },
  },
  {
    name: 'rolled out',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}}
status:
  observedGeneration: 2
  replicas: 3
  readyReplicas: 3
  availableReplicas: 3
  currentReplicas: 3
  updatedReplicas: 3
  currentRevision: db-7f8a
  updateRevision: db-7f8a
`,
    want: { status: 'Current', message: 'Ready: 3/3' },
  },
  {
    name: 'partition 0 is an ordinary rollout (revisions must match)',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}}
status:
  observedGeneration: 2
  replicas: 3
  readyReplicas: 3
  currentReplicas: 2
  updatedReplicas: 1
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: { status: 'InProgress', reason: 'LessUpdated', message: 'Updated: 1/3' },
  },
  {
    name: 'partitioned rollout in progress: only ordinals >= partition must update',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 5, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 3}}}
status:
  observedGeneration: 2
  replicas: 5
  readyReplicas: 5
  currentReplicas: 4
  updatedReplicas: 1
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: { status: 'InProgress', reason: 'PartitionRollout', message: 'Updated: 1/2 (partition 3)' },
  },
  {
    name: 'partitioned rollout complete although revisions differ',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 5, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 3}}}
status:
  observedGeneration: 2
  replicas: 5
  readyReplicas: 5
  currentReplicas: 3
  updatedReplicas: 2
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: { status: 'Current', message: 'Ready: 5/5; updated 2/2 (partition 3)' },
  },
  {
    name: 'partition above the replica count: nothing to update',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 5}}}
status:
  observedGeneration: 2
  replicas: 3
  readyReplicas: 3
  currentReplicas: 3
  updatedReplicas: 0
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: { status: 'Current', message: 'Ready: 3/3; updated 0/0 (partition 5)' },
  },
  {
    name: 'partitioned rollout still waits for readiness first',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 5, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 3}}}
status: {observedGeneration: 2, replicas: 5, readyReplicas: 4, currentReplicas: 3, updatedReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 4/5' },
  },
  {
    name: 'OnDelete: revisions may differ, pods update when deleted',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: OnDelete}}
status:
  observedGeneration: 2
  replicas: 3
  readyReplicas: 3
  currentReplicas: 3
  updatedReplicas: 0
  currentRevision: db-6d5f
  updateRevision: db-7f8a
`,
    want: { status: 'Current', message: 'Ready: 3/3 (OnDelete)' },
  },
  {
    name: 'OnDelete still waits for the pods to be ready',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 1}
spec: {replicas: 3, updateStrategy: {type: OnDelete}}
status: {observedGeneration: 1, replicas: 3, readyReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 2/3' },
  },
  {
    name: 'generation not observed yet',
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 5}
spec: {replicas: 1}
status: {observedGeneration: 4, replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1}
`,
    want: { status: 'InProgress', reason: 'LatestGenerationNotObserved', message: 'observedGeneration 4/5' },
  },
];

runStatusCases('status: StatefulSet', cases);
