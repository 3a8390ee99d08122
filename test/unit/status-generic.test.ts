import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

/** A custom resource with the given status block. */
function cr(status: string, generation = 1): string {
  return `
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, generation: ${generation}}
spec: {size: 1}
${status}
`;
}

const cases: StatusCase[] = [
  {
    name: 'undefined is NotFound',
    yaml: '',
    want: { status: 'NotFound', message: 'Resource not found' },
  },
  {
    name: 'Secret is Current',
    yaml: `
apiVersion: v1
kind: Secret
metadata: {name: db}
type: Opaque
`,
    want: { status: 'Current', message: 'Resource is current' },
  },
  {
    name: 'ConfigMap is Current',
    yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: b}
`,
    want: { status: 'Current' },
  },
  {
    name: 'ServiceAccount is Current',
    yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
`,
    want: { status: 'Current' },
  },
  {
    name: 'Role is Current',
    yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: []
`,
    want: { status: 'Current' },
  },
  {
    name: 'a ConfigMap being deleted is Terminating',
    yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, deletionTimestamp: "2025-01-01T00:00:00Z", finalizers: [example.com/keep, example.com/audit]}
`,
    want: {
      status: 'Terminating',
      reason: 'Terminating',
      message: 'Resource scheduled for deletion; finalizers: example.com/keep, example.com/audit',
    },
  },
  {
    name: 'custom resource without status is Current',
    yaml: cr(''),
    want: { status: 'Current', message: 'Resource is current' },
  },
  {
    name: 'generation not observed',
    yaml: cr('status: {observedGeneration: 1}', 2),
    want: { status: 'InProgress', reason: 'LatestGenerationNotObserved', message: 'observedGeneration 1/2' },
  },
  {
    name: 'observedGeneration equal to generation passes through',
    yaml: cr('status: {observedGeneration: 2}', 2),
    want: { status: 'Current' },
  },
  {
    name: 'Ready True is Current',
    yaml: cr(`status:
  conditions:
    - {type: Ready, status: "True", reason: Succeeded, message: all good}`),
    want: { status: 'Current', message: 'Ready' },
  },
  {
    name: 'Ready False is InProgress with its message',
    yaml: cr(`status:
  conditions:
    - {type: Ready, status: "False", reason: Issuing, message: Issuing certificate as Secret does not exist}`),
    want: { status: 'InProgress', reason: 'Issuing', message: 'Issuing certificate as Secret does not exist' },
  },
  {
    name: 'Ready False with a terminal reason is Failed (not stalled)',
    yaml: cr(`status:
  conditions:
    - {type: Ready, status: "False", reason: Failed, message: "the issuer rejected the request"}`),
    want: { status: 'Failed', reason: 'Failed', stalled: false, message: 'the issuer rejected the request' },
  },
  {
    name: 'Ready Unknown is InProgress',
    yaml: cr(`status:
  conditions:
    - {type: Ready, status: "Unknown"}`),
    want: { status: 'InProgress', reason: 'NotReady', message: 'Ready is Unknown' },
  },
  {
    name: 'Stalled True is Failed and stalled',
    yaml: cr(`status:
  conditions:
    - {type: Ready, status: "False", reason: InstallFailed}
    - {type: Stalled, status: "True", reason: RetriesExceeded, message: "install retries exhausted"}`),
    want: { status: 'Failed', reason: 'RetriesExceeded', stalled: true, message: 'install retries exhausted' },
  },
  {
    name: 'Failed True is Failed and stalled',
    yaml: cr(`status:
  conditions:
    - {type: Failed, status: "True", reason: BadSpec, message: "size must be positive"}`),
    want: { status: 'Failed', reason: 'BadSpec', stalled: true, message: 'size must be positive' },
  },
  {
    name: 'Stalled False does not fail',
    yaml: cr(`status:
  conditions:
    - {type: Stalled, status: "False"}
    - {type: Ready, status: "True"}`),
    want: { status: 'Current' },
  },
  {
    name: 'Reconciling True is InProgress',
    yaml: cr(`status:
  conditions:
    - {type: Reconciling, status: "True", reason: Progressing, message: "reconciliation in progress"}
    - {type: Ready, status: "Unknown"}`),
    want: { status: 'InProgress', reason: 'Progressing', message: 'reconciliation in progress' },
  },
  {
    name: 'Available True is Current',
    yaml: cr(`status:
  conditions:
    - {type: Available, status: "True"}`),
    want: { status: 'Current', message: 'Available' },
  },
  {
    name: 'Available False is InProgress',
    yaml: cr(`status:
  conditions:
    - {type: Available, status: "False", reason: MinimumReplicasUnavailable, message: not enough replicas}`),
    want: { status: 'InProgress', reason: 'MinimumReplicasUnavailable', message: 'not enough replicas' },
  },
  {
    name: 'Ready decides before Available',
    yaml: cr(`status:
  conditions:
    - {type: Available, status: "True"}
    - {type: Ready, status: "False", reason: Degraded, message: one replica down}`),
    want: { status: 'InProgress', reason: 'Degraded', message: 'one replica down' },
  },
  {
    name: 'a stale Ready condition is InProgress',
    yaml: cr(
      `status:
  conditions:
    - {type: Ready, status: "True", observedGeneration: 1}`,
      2,
    ),
    want: {
      status: 'InProgress',
      reason: 'LatestGenerationNotObserved',
      message: 'condition Ready observedGeneration 1/2',
    },
  },
  {
    name: 'other condition types only is Current',
    yaml: cr(`status:
  conditions:
    - {type: Synced, status: "False"}`),
    want: { status: 'Current', message: 'Resource is current' },
  },
  {
    name: 'conditions with unquoted (boolean) status are ignored',
    yaml: cr(`status:
  conditions:
    - {type: Ready, status: false}`),
    want: { status: 'Current' },
  },
];

runStatusCases('status: generic rules and unknown kinds', cases);
