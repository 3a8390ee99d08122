/**
 * The halo-duchy example itself (examples/halo-duchy: one Kustomize component per Duchy
 * workload, each with its `podSelector`, the edges of the guide's hand-written policies as
 * `connects`/`exposes`, `networkPolicies: generate`), rendered as `convoy render` does
 * (renderWithSecrets, env {}): the evaluator shows that pod to pod, on every port the example
 * declares (container ports, connects ports, DNS), over TCP and UDP, exactly the declared
 * edges plus DNS are allowed and everything else is denied (issue 6, "Done when").
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderWithSecrets } from '../../src/apply/render-with-secrets.ts';
import { parseConnection } from '../../src/netpol/connection.ts';
import { createEvaluator } from '../../src/netpol/evaluate.ts';
import { podsOf } from '../../src/netpol/pods.ts';
import type { NetworkPolicy, PodRef } from '../../src/netpol/types.ts';
import { resolve } from '../../src/resolve/index.ts';
import { loadStack } from '../../src/stack/load.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'halo-duchy');

async function rendered() {
  const loaded = await loadStack(EXAMPLE);
  const resolved = resolve(loaded, { env: {} });
  const stack = await renderWithSecrets(loaded, resolved, { env: {}, render: { cacheDir: null } });
  const objects = stack.components.flatMap((c) => c.objects);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicy[];
  const pods = stack.components.flatMap((c) =>
    podsOf(c.objects, c.namespace).map((p) => ({ ...p, component: c.name })),
  );
  return { resolved, objects, policies, pods };
}

const KUBE_DNS: PodRef = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, name: 'kube-dns' };
const PUBLIC_SERVERS = ['computation-control-server', 'requisition-fulfillment-server'];

test('halo-duchy example: no hand-written policies — default deny, kube-dns and one generated policy per workload', async () => {
  const { policies, objects } = await rendered();
  assert.deepEqual(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort(), [
    'halo/async-computation-control-server-network-policy',
    'halo/computation-control-server-network-policy',
    'halo/computations-cleaner-network-policy',
    'halo/default-deny-network-policy',
    'halo/herald-daemon-network-policy',
    'halo/hmss-mill-network-policy',
    'halo/kube-dns-network-policy',
    'halo/llv2-mill-network-policy',
    'halo/mill-job-scheduler-network-policy',
    'halo/requisition-fulfillment-server-network-policy',
    'halo/spanner-computations-server-network-policy',
  ]);
  for (const o of objects.filter((x) => x.kind === 'NetworkPolicy')) {
    assert.match(String(o.metadata.annotations?.['convoy.dev/origin']), /^generated:/, o.metadata.name);
  }
});

test('halo-duchy example: connectivity pod to pod, per port — exactly the declared edges plus DNS', async () => {
  const { resolved, policies, pods } = await rendered();
  // Nine workload groups: six Deployments, two mill PodTemplates, the cleaner CronJob.
  assert.equal(pods.length, 9);
  assert.equal(new Set(pods.map((p) => p.component)).size, 9);
  const ev = createEvaluator(policies);
  const declared = new Set<string>();
  const ports = new Set<number>([53]);
  for (const c of resolved.components) {
    for (const text of c.connects ?? []) {
      const conn = parseConnection(text);
      assert.ok(conn?.port !== undefined, `${c.name} connects ${text} with a port`);
      declared.add(`${c.name}→${conn.component}:${conn.port}/${conn.protocol}`);
      ports.add(conn.port);
    }
  }
  for (const p of pods) for (const cp of p.ports) ports.add(cp.port);
  // The guide's hand-written policies: seven clients of the internal API server, and the
  // computation control server calling the async computation control server.
  assert.equal(declared.size, 8);
  assert.deepEqual(
    [...ports].sort((a, b) => a - b),
    [53, 8443],
  );

  let checked = 0;
  const allowedEdges: string[] = [];
  for (const from of pods) {
    for (const to of pods) {
      for (const port of ports) {
        for (const protocol of ['TCP', 'UDP'] as const) {
          const edge = `${from.component}→${to.component}:${port}/${protocol}`;
          const got = ev.allowed(from, to, port, protocol);
          checked++;
          if (got) allowedEdges.push(edge);
          assert.equal(got, declared.has(edge), edge);
        }
      }
    }
    // DNS: every pod may reach kube-dns on 53 UDP and TCP, and nothing else there.
    assert.equal(ev.allowed(from, KUBE_DNS, 53, 'UDP'), true, `${from.component} → kube-dns 53/UDP`);
    assert.equal(ev.allowed(from, KUBE_DNS, 53, 'TCP'), true, `${from.component} → kube-dns 53/TCP`);
    assert.equal(ev.allowed(from, KUBE_DNS, 8443, 'TCP'), false, `${from.component} → kube-dns 8443`);
    assert.equal(ev.allowed(from, { namespace: 'kube-system', labels: { app: 'x' } }, 53, 'UDP'), false);
    assert.equal(ev.allowed(from, { namespace: 'halo', labels: { app: 'x' } }, 53, 'UDP'), false);
  }
  assert.equal(checked, 9 * 9 * 2 * 2);
  assert.deepEqual(allowedEdges.sort(), [...declared].sort());
});

test('halo-duchy example: only the two LoadBalancer servers take traffic from outside, on 8443', async () => {
  const { pods, policies } = await rendered();
  const ev = createEvaluator(policies);
  const outside = { ip: '198.51.100.20' };
  for (const pod of pods) {
    const publicServer = PUBLIC_SERVERS.includes(pod.component);
    assert.equal(ev.allowed(outside, pod, 8443), publicServer, pod.component);
    assert.equal(ev.allowed(outside, pod, 8443, 'UDP'), false, pod.component);
    assert.equal(ev.allowed(outside, pod, 53), false, pod.component);
  }
});

test('halo-duchy example: egress outside the stack only where declared, on the declared ports', async () => {
  const { pods, policies } = await rendered();
  const ev = createEvaluator(policies);
  const internet = { ip: '203.0.113.7' };
  const vpc = { ip: '10.0.12.34' };
  const byComponent = new Map(pods.map((p) => [p.component, p]));
  const reach = (component: string, to: { ip: string }, port: number) => {
    const pod = byComponent.get(component);
    assert.ok(pod, component);
    return ev.allowed(pod, to, port);
  };
  // The Kingdom and the other Duchies (8443), S3 (443) on the internet.
  for (const c of ['requisition-fulfillment-server', 'llv2-mill', 'hmss-mill']) {
    assert.equal(reach(c, internet, 8443), true, c);
    assert.equal(reach(c, internet, 443), true, c);
    assert.equal(reach(c, internet, 5432), false, c);
  }
  assert.equal(reach('herald-daemon', internet, 8443), true);
  assert.equal(reach('herald-daemon', internet, 443), false);
  // RDS and the Kubernetes API inside the VPC.
  assert.equal(reach('spanner-computations-server', vpc, 5432), true);
  assert.equal(reach('spanner-computations-server', internet, 5432), false);
  assert.equal(reach('mill-job-scheduler', vpc, 443), true);
  assert.equal(reach('mill-job-scheduler', internet, 443), false);
  // No egress outside the stack at all.
  for (const c of ['async-computation-control-server', 'computation-control-server', 'computations-cleaner']) {
    for (const port of [443, 5432, 8443]) {
      assert.equal(reach(c, internet, port), false, `${c} → internet:${port}`);
      assert.equal(reach(c, vpc, port), false, `${c} → vpc:${port}`);
    }
  }
});
