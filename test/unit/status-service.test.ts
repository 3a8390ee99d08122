import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const lbPending = `
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, clusterIP: 10.96.0.12, ports: [{port: 80}]}
status: {loadBalancer: {}}
`;

const cases: StatusCase[] = [
  {
    name: 'ClusterIP is Current',
    yaml: `
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}
`,
    want: { status: 'Current', message: 'Service is ready' },
  },
  {
    name: 'headless is Current',
    yaml: `
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, ports: [{port: 5432}]}
`,
    want: { status: 'Current' },
  },
  {
    name: 'NodePort is Current',
    yaml: `
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}
`,
    want: { status: 'Current' },
  },
  {
    name: 'ExternalName is Current',
    yaml: `
apiVersion: v1
kind: Service
metadata: {name: upstream}
spec: {type: ExternalName, externalName: api.example.com}
`,
    want: { status: 'Current' },
  },
  {
    name: 'LoadBalancer without ingress is InProgress',
    yaml: lbPending,
    want: { status: 'InProgress', reason: 'NoLoadBalancerIngress', message: 'Waiting for load balancer ingress' },
  },
  {
    name: 'LoadBalancer with ingress is Current',
    yaml: `
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, clusterIP: 10.96.0.12}
status: {loadBalancer: {ingress: [{ip: 203.0.113.10}]}}
`,
    want: { status: 'Current', message: 'Load balancer ingress is set' },
  },
  {
    name: 'LoadBalancer without ingress is Current with waitForLoadBalancer: false',
    yaml: lbPending,
    options: { waitForLoadBalancer: false },
    want: { status: 'Current', message: 'Service is ready (not waiting for a load balancer)' },
  },
];

runStatusCases('status: Service', cases);
