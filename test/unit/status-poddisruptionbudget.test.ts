import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'not observed by the disruption controller yet',
    yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, generation: 1}
spec: {minAvailable: 1}
`,
    want: {
      status: 'InProgress',
      reason: 'NoObservedGeneration',
      message: 'PodDisruptionBudget status.observedGeneration not set',
    },
  },
  {
    name: 'observed with disruptions allowed',
    yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, generation: 1}
spec: {minAvailable: 1}
status:
  observedGeneration: 1
  currentHealthy: 2
  desiredHealthy: 1
  expectedPods: 2
  disruptionsAllowed: 1
  conditions:
    - {type: DisruptionAllowed, status: "True", reason: SufficientPods}
`,
    want: { status: 'Current', message: 'Healthy: 2/1, disruptions allowed: 1' },
  },
  {
    name: 'insufficient pods is still Current (the workload is what to wait for)',
    yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, generation: 1}
spec: {minAvailable: 1}
status:
  observedGeneration: 1
  currentHealthy: 0
  desiredHealthy: 1
  expectedPods: 0
  disruptionsAllowed: 0
  conditions:
    - {type: DisruptionAllowed, status: "False", reason: InsufficientPods}
`,
    want: { status: 'Current', message: 'Healthy: 0/1, disruptions allowed: 0' },
  },
  {
    name: 'SyncFailed is InProgress with the controller message',
    yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, generation: 1}
spec: {maxUnavailable: 1}
status:
  observedGeneration: 1
  conditions:
    - type: DisruptionAllowed
      status: "False"
      reason: SyncFailed
      message: 'found no controllers for pod "web"'
`,
    want: { status: 'InProgress', reason: 'SyncFailed', message: 'found no controllers for pod "web"' },
  },
  {
    name: 'generation not observed',
    yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, generation: 2}
status: {observedGeneration: 1, disruptionsAllowed: 1}
`,
    want: { status: 'InProgress', reason: 'LatestGenerationNotObserved', message: 'observedGeneration 1/2' },
  },
];

runStatusCases('status: PodDisruptionBudget', cases);
