import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

function crd(conditions: string): string {
  return `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: certificates.cert-manager.io, generation: 1}
spec: {group: cert-manager.io, names: {kind: Certificate, plural: certificates}, scope: Namespaced}
status:
  conditions:
${conditions}
`;
}

const cases: StatusCase[] = [
  {
    name: 'Established is Current',
    yaml: crd(`    - {type: NamesAccepted, status: "True", reason: NoConflicts}
    - {type: Established, status: "True", reason: InitialNamesAccepted}`),
    want: { status: 'Current', message: 'CRD is Established' },
  },
  {
    name: 'NamesAccepted False is Failed and stalled',
    yaml: crd(`    - type: NamesAccepted
      status: "False"
      reason: MultipleNamesNotAllowed
      message: '"certificates" is already in use'
    - {type: Established, status: "False", reason: NotAccepted}`),
    want: {
      status: 'Failed',
      reason: 'MultipleNamesNotAllowed',
      stalled: true,
      message: '"certificates" is already in use',
    },
  },
  {
    name: 'Established False while Installing is InProgress',
    yaml: crd(`    - {type: NamesAccepted, status: "True", reason: NoConflicts}
    - {type: Established, status: "False", reason: Installing, message: the initial names have been accepted}`),
    want: { status: 'InProgress', reason: 'Installing' },
  },
  {
    name: 'Established False for another reason is Failed (not stalled)',
    yaml: crd(`    - {type: Established, status: "False", reason: Terminating, message: the CRD is being deleted}`),
    want: { status: 'Failed', reason: 'Terminating', stalled: false, message: 'the CRD is being deleted' },
  },
  {
    name: 'no conditions yet is InProgress',
    yaml: `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: certificates.cert-manager.io}
`,
    want: { status: 'InProgress', reason: 'Installing', message: 'CRD not Established yet' },
  },
];

runStatusCases('status: CustomResourceDefinition', cases);
