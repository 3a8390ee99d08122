/**
 * Pod Security rejections fail fast: a StatefulSet (no condition, only FailedCreate events)
 * and a Deployment (ReplicaFailure condition) whose pods a `restricted` namespace refuses
 * fail their component within seconds with reason PodSecurity, instead of waiting for the
 * timeout.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apply } from '../../src/apply/index.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import type { KubeObject } from '../../src/objects/types.ts';
import { deployment, recorder, stack } from './apply-stack.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

const statefulSet = (ns: string, name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: ns },
  spec: {
    replicas: 1,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: `registry.example/${name}:1` }] },
    },
  },
});

for (const kind of ['StatefulSet', 'Deployment'] as const) {
  test(`a ${kind} whose pods Pod Security refuses fails fast`, { skip, timeout: 90_000 }, async (t) => {
    const ns = await freshNamespace('apply-pss', t, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const obj = kind === 'StatefulSet' ? statefulSet(ns, 'db') : deployment(ns, 'db');
    const s = stack(ns, ns, [{ name: 'db', objects: [obj], timeoutSeconds: 60 }]);
    const rec = recorder();
    const t0 = Date.now();
    const result = await apply(s.rendered, s.resolved, { client, inventoryNamespace: ns }, rec.emit);
    const seconds = (Date.now() - t0) / 1000;
    assert.equal(result.ok, false);
    assert.equal(result.failed[0]?.reason, 'PodSecurity', JSON.stringify(result.failed));
    assert.match(result.failed[0]?.message ?? '', /violates PodSecurity "restricted/);
    assert.ok(seconds < 20, `failed after ${seconds.toFixed(1)} s, not fast`);
  });
}
