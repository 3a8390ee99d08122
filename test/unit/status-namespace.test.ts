import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'Active is Current',
    yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
status: {phase: Active}
`,
    want: { status: 'Current', message: 'Namespace is Active' },
  },
  {
    name: 'Terminating names the remaining content',
    yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop, deletionTimestamp: "2025-01-01T00:00:00Z"}
spec: {finalizers: [kubernetes]}
status:
  phase: Terminating
  conditions:
    - {type: NamespaceDeletionDiscoveryFailure, status: "False", reason: ResourcesDiscovered}
    - type: NamespaceContentRemaining
      status: "True"
      reason: SomeResourcesRemain
      message: "Some resources are remaining: persistentvolumeclaims. has 1 resource instances"
    - type: NamespaceFinalizersRemaining
      status: "True"
      reason: SomeFinalizersRemain
      message: "Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection in 1 resource instances"
`,
    want: {
      status: 'Terminating',
      message:
        'Namespace is Terminating: Some resources are remaining: persistentvolumeclaims. has 1 resource instances; ' +
        'Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection in 1 resource instances',
    },
  },
  {
    name: 'phase Terminating without deletionTimestamp is still Terminating',
    yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
status: {phase: Terminating}
`,
    want: { status: 'Terminating', message: 'Namespace is Terminating' },
  },
  {
    name: 'deletionTimestamp before the phase changes uses the generic message',
    yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop, deletionTimestamp: "2025-01-01T00:00:00Z"}
status: {phase: Active}
`,
    want: { status: 'Terminating', message: 'Resource scheduled for deletion' },
  },
  {
    name: 'no phase (not read from a cluster) falls back to the generic rules',
    yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`,
    want: { status: 'Current', message: 'Resource is current' },
  },
];

runStatusCases('status: Namespace', cases);
