import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'no status: the controller has not acted',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
`,
    want: {
      status: 'InProgress',
      reason: 'NoObservedGeneration',
      message: 'DaemonSet status.observedGeneration not set',
    },
  },
  {
    name: 'desiredNumberScheduled missing',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
status: {observedGeneration: 1}
`,
    want: { status: 'InProgress', reason: 'NoDesiredNumber' },
  },
  {
    name: 'not scheduled on every node',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberReady: 2}
`,
    want: { status: 'InProgress', reason: 'LessCurrent', message: 'Current: 2/3' },
  },
  {
    name: 'rolling update in progress',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 2}
status: {observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 1, numberAvailable: 3, numberReady: 3}
`,
    want: { status: 'InProgress', reason: 'LessUpdated', message: 'Updated: 1/3' },
  },
  {
    name: 'OnDelete: old pods are fine',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 2}
spec: {updateStrategy: {type: OnDelete}}
status: {observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 0, numberAvailable: 3, numberReady: 3}
`,
    want: { status: 'Current', message: 'Ready: 3/3' },
  },
  {
    name: 'not available',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2, numberReady: 3}
`,
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 2/3' },
  },
  {
    name: 'not ready',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 1}
`,
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 1/3' },
  },
  {
    name: 'rolled out',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3}
`,
    want: { status: 'Current', message: 'Ready: 3/3' },
  },
  {
    name: 'no matching node is Current',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 1}
status: {observedGeneration: 1, desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0}
`,
    want: { status: 'Current', message: 'Ready: 0/0' },
  },
  {
    name: 'generation not observed',
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 2}
status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3}
`,
    want: { status: 'InProgress', reason: 'LatestGenerationNotObserved', message: 'observedGeneration 1/2' },
  },
];

runStatusCases('status: DaemonSet', cases);
