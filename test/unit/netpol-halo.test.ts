/**
 * The Halo-shaped stack (test/fixtures/lint/halo-netpol: the Duchy's components as native
 * workloads, its policy edges as `connects`) generates a policy set; the evaluator shows
 * that pod to pod, per port, exactly the declared edges plus DNS are allowed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEvaluator } from '../../src/netpol/evaluate.ts';
import { parseConnection } from '../../src/netpol/connection.ts';
import { podsOf } from '../../src/netpol/pods.ts';
import type { NetworkPolicy, PodRef } from '../../src/netpol/types.ts';
import { render } from '../../src/render/index.ts';
import { resolve } from '../../src/resolve/index.ts';
import { loadStack } from '../../src/stack/load.ts';

const STACK = join(import.meta.dirname, '..', 'fixtures', 'lint', 'halo-netpol');

async function rendered() {
  const resolved = resolve(await loadStack(STACK), { env: {} });
  const stack = await render(resolved, { cacheDir: null });
  const objects = stack.components.flatMap((c) => c.objects);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicy[];
  const pods = stack.components.flatMap((c) =>
    podsOf(c.objects, c.namespace).map((p) => ({ ...p, component: c.name })),
  );
  return { resolved, policies, pods };
}

const KUBE_DNS: PodRef = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, name: 'kube-dns' };

test('netpol: generated names — default deny and kube-dns per namespace, one policy per component', async () => {
  const { policies } = await rendered();
  const names = policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();
  assert.deepEqual(names, [
    'halo-jobs/computations-cleaner-network-policy',
    'halo-jobs/default-deny-network-policy',
    'halo-jobs/kube-dns-network-policy',
    'halo/async-computation-control-server-network-policy',
    'halo/computation-control-server-network-policy',
    'halo/default-deny-network-policy',
    'halo/herald-daemon-network-policy',
    'halo/hmss-mill-network-policy',
    'halo/kube-dns-network-policy',
    'halo/llv2-mill-network-policy',
    'halo/mill-job-scheduler-network-policy',
    'halo/requisition-fulfillment-server-network-policy',
    'halo/spanner-computations-server-network-policy',
  ]);
});

test('netpol: halo connectivity matrix — exactly the declared edges plus DNS', async () => {
  const { resolved, policies, pods } = await rendered();
  const ev = createEvaluator(policies);
  const declared = new Set(
    resolved.components.flatMap((c) =>
      (c.connects ?? []).map((t) => {
        const conn = parseConnection(t);
        return `${c.name}→${conn?.component}:${conn?.port}/${conn?.protocol}`;
      }),
    ),
  );
  assert.equal(declared.size, 12);
  const probePorts = [8443, 8080, 5432, 53];
  let allowedCount = 0;
  for (const from of pods) {
    for (const to of pods) {
      for (const port of probePorts) {
        for (const protocol of ['TCP', 'UDP'] as const) {
          const expected = declared.has(`${from.component}→${to.component}:${port}/${protocol}`);
          const got = ev.allowed(from, to, port, protocol);
          if (got) allowedCount++;
          assert.equal(got, expected, `${from.component} → ${to.component} ${port}/${protocol}`);
        }
      }
    }
    // DNS: every pod may reach kube-dns on 53 UDP and TCP, and nothing else there.
    assert.equal(ev.allowed(from, KUBE_DNS, 53, 'UDP'), true, `${from.component} → kube-dns 53/UDP`);
    assert.equal(ev.allowed(from, KUBE_DNS, 53, 'TCP'), true, `${from.component} → kube-dns 53/TCP`);
    assert.equal(ev.allowed(from, KUBE_DNS, 443, 'TCP'), false);
    assert.equal(ev.allowed(from, { namespace: 'kube-system', labels: { app: 'x' } }, 53, 'UDP'), false);
    // No egress to the outside world.
    assert.equal(ev.allowed(from, { ip: '203.0.113.7' }, 443, 'TCP'), false);
  }
  assert.equal(allowedCount, 12);
});

test('netpol: exposes loadBalancer opens the public servers from outside on 8443 only', async () => {
  const { pods, policies } = await rendered();
  const ev = createEvaluator(policies);
  const outside = { ip: '198.51.100.20' };
  for (const pod of pods) {
    const publicServer = ['computation-control-server', 'requisition-fulfillment-server'].includes(pod.component);
    assert.equal(ev.allowed(outside, pod, 8443), publicServer, pod.component);
    assert.equal(ev.allowed(outside, pod, 8080), false, pod.component);
  }
});

test('netpol: networkPolicies none (the default) generates nothing', async () => {
  const stack = await loadStack(STACK);
  stack.spec.spec.networkPolicies = 'none';
  const out = await render(resolve(stack, { env: {} }), { cacheDir: null });
  assert.equal(out.components.flatMap((c) => c.objects).filter((o) => o.kind === 'NetworkPolicy').length, 0);
});
