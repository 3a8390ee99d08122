import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const pendingNoNode = `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: shop}
spec: {storageClassName: local-path, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
status: {phase: Pending}
`;

const pendingSelectedNode = `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: shop
  annotations:
    volume.kubernetes.io/selected-node: node-1
spec: {storageClassName: local-path}
status: {phase: Pending}
`;

const cases: StatusCase[] = [
  {
    name: 'Bound is Current',
    yaml: `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {volumeName: pvc-0f3c}
status: {phase: Bound, capacity: {storage: 1Gi}}
`,
    want: { status: 'Current', message: 'PVC is Bound' },
  },
  {
    name: 'Bound stays Current with pvcWaitForFirstConsumer',
    yaml: `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
status: {phase: Bound}
`,
    options: { pvcWaitForFirstConsumer: true },
    want: { status: 'Current' },
  },
  {
    name: 'Pending without a selected node is InProgress (class unknown)',
    yaml: pendingNoNode,
    want: {
      status: 'InProgress',
      reason: 'WaitForFirstConsumer',
      message: 'Pending: waiting for first consumer or volume provisioning',
    },
  },
  {
    name: 'Pending without a selected node is Current when the class is WaitForFirstConsumer',
    yaml: pendingNoNode,
    options: { pvcWaitForFirstConsumer: true },
    want: { status: 'Current', message: 'PVC is Pending until a Pod uses it (WaitForFirstConsumer)' },
  },
  {
    name: 'Pending with a selected node is provisioning',
    yaml: pendingSelectedNode,
    want: {
      status: 'InProgress',
      reason: 'Provisioning',
      message: 'PVC is Pending: provisioning a volume for node node-1',
    },
  },
  {
    name: 'Pending with a selected node is provisioning even for WaitForFirstConsumer',
    yaml: pendingSelectedNode,
    options: { pvcWaitForFirstConsumer: true },
    want: { status: 'InProgress', reason: 'Provisioning' },
  },
  {
    name: 'Lost is Failed and stalled',
    yaml: `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
status: {phase: Lost}
`,
    want: { status: 'Failed', reason: 'ClaimLost', stalled: true },
  },
  {
    name: 'no status yet',
    yaml: `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
`,
    want: { status: 'InProgress', reason: 'NotBound', message: 'PVC phase not available' },
  },
];

runStatusCases('status: PersistentVolumeClaim', cases);
