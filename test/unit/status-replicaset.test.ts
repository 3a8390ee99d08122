import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'ReplicaFailure is InProgress with the controller message',
    yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9c6b, generation: 1}
spec: {replicas: 2}
status:
  observedGeneration: 1
  replicas: 0
  conditions:
    - type: ReplicaFailure
      status: "True"
      reason: FailedCreate
      message: 'admission webhook "policy.example.com" denied the request'
`,
    want: {
      status: 'InProgress',
      reason: 'FailedCreate',
      message: 'admission webhook "policy.example.com" denied the request',
    },
  },
  {
    name: 'pods not fully labelled',
    yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9c6b, generation: 1}
spec: {replicas: 2}
status: {observedGeneration: 1, replicas: 2, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessLabelled', message: 'Labelled: 1/2' },
  },
  {
    name: 'not available',
    yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9c6b, generation: 1}
spec: {replicas: 2}
status: {observedGeneration: 1, replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1}
`,
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 1/2' },
  },
  {
    name: 'not ready',
    yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9c6b, generation: 1}
spec: {replicas: 2}
status: {observedGeneration: 1, replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 1/2' },
  },
  {
    name: 'extra pods terminating',
    yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9c6b, generation: 2}
spec: {replicas: 1}
status: {observedGeneration: 2, replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2}
`,
    want: { status: 'InProgress', reason: 'ExtraPods', message: 'Pending termination: 1' },
  },
  {
    name: 'available',
    yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-7d9c6b, generation: 1}
spec: {replicas: 2}
status: {observedGeneration: 1, replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2}
`,
    want: { status: 'Current', message: 'Available: 2/2' },
  },
];

runStatusCases('status: ReplicaSet', cases);
