/**
 * The deployment engine's failure paths on the real local control plane: an unpullable
 * image fails its branch within seconds (ImagePullBackOff, with events and a kubectl hint)
 * while an independent branch finishes; a failing Job fails with BackoffLimitExceeded; a
 * component timeout says what was pending; a second concurrent apply gets E_LOCKED.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apply } from '../../src/apply/index.ts';
import type { ApplyOptions } from '../../src/apply/index.ts';
import { ConvoyError } from '../../src/errors.ts';
import { diffStack, formatPlan } from '../../src/plan/diff.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { configMap, deployment, job, recorder, secret, stack, unschedulable } from './apply-stack.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

test(
  'an unpullable image fails its branch fast; the independent branch finishes',
  { skip, timeout: 120_000 },
  async (t) => {
    const ns = await freshNamespace('apply-pull', t);
    const s = stack(ns, ns, [
      { name: 'base', objects: [configMap(ns, 'settings', { a: '1' })] },
      { name: 'bad', needs: ['base'], objects: [deployment(ns, 'bad', 'registry.example/convoy-test/unpullable:1')] },
      { name: 'bad-child', needs: ['bad'], objects: [deployment(ns, 'bad-child')] },
      { name: 'good', needs: ['base'], objects: [deployment(ns, 'good')], timeoutSeconds: 60 },
    ]);
    const rec = recorder();
    const t0 = Date.now();
    const r = await apply(s.rendered, s.resolved, { client, inventoryNamespace: ns }, rec.emit);
    assert.equal(r.ok, false);
    assert.deepEqual([...r.ready].sort(), ['base', 'good']);
    assert.deepEqual(r.skipped, [{ component: 'bad-child', reason: 'need-failed', because: ['bad'] }]);
    const failure = r.failed[0];
    assert.equal(failure?.component, 'bad');
    assert.equal(failure?.code, 'E_FAILED');
    assert.equal(failure?.reason, 'ImagePullBackOff');
    assert.equal(failure?.hint, `kubectl -n ${ns} describe deployment/bad`);
    assert.match(failure?.message ?? '', /Deployment .*\/bad failed: ImagePullBackOff/);
    assert.match(failure?.message ?? '', /container app: ImagePullBackOff: Back-off pulling image/);

    const failed = rec.events.find((e) => e.type === 'component-failed');
    assert.ok(failed?.type === 'component-failed');
    assert.ok(failed.durationMs < 15_000, `failed after ${failed.durationMs} ms, expected within seconds`);
    assert.ok(failed.events.length > 0, 'the failure carries Kubernetes events');
    assert.ok(Date.now() - t0 < 60_000);
    // The skip is reported when bad fails, not at the end.
    const skippedAt = rec.events.findIndex((e) => e.type === 'component-skipped');
    const failedAt = rec.events.findIndex((e) => e.type === 'component-failed');
    assert.ok(skippedAt > failedAt);
  },
);

test('a failing Job fails its component with BackoffLimitExceeded', { skip, timeout: 120_000 }, async (t) => {
  const ns = await freshNamespace('apply-job', t);
  const s = stack(ns, ns, [{ name: 'migrate', objects: [job(ns, 'migrate', { exitCode: 1 })] }]);
  const r = await apply(s.rendered, s.resolved, { client, inventoryNamespace: ns }, () => undefined);
  assert.equal(r.ok, false);
  assert.equal(r.failed[0]?.reason, 'BackoffLimitExceeded', r.failed[0]?.message);
  assert.equal(r.failed[0]?.hint, `kubectl -n ${ns} describe job/migrate`);
  assert.match(r.failed[0]?.message ?? '', /exit code 1|test-exit-code/);
});

test('a successful Job makes its component ready only once complete', { skip, timeout: 120_000 }, async (t) => {
  const ns = await freshNamespace('apply-jobok', t);
  const s = stack(ns, ns, [
    { name: 'migrate', objects: [job(ns, 'migrate')] },
    { name: 'app', needs: ['migrate'], objects: [deployment(ns, 'app')] },
  ]);
  const r = await apply(s.rendered, s.resolved, { client, inventoryNamespace: ns }, () => undefined);
  assert.equal(r.ok, true, JSON.stringify(r.failed));
  const live = await client.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name: 'migrate' });
  assert.equal((live?.['status'] as { succeeded?: number } | undefined)?.succeeded, 1);
});

test(
  'a component timeout names what was pending; a concurrent apply gets E_LOCKED',
  { skip, timeout: 120_000 },
  async (t) => {
    const ns = await freshNamespace('apply-lock', t);
    const s = stack(ns, ns, [{ name: 'slow', objects: [unschedulable(ns, 'slow')], timeoutSeconds: 4 }]);
    const options: ApplyOptions = { client, inventoryNamespace: ns };
    const first = apply(s.rendered, s.resolved, options, () => undefined);
    // Wait until the first apply holds the lock (its Lease exists).
    const { kubeconfigPath } = await getCluster();
    const other = await createClient({ kubeconfig: kubeconfigPath });
    t.after(() => other.close());
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: ns, name: `convoy-lock-${ns}` };
    for (let i = 0; i < 100 && !(await other.get(lease)); i++) await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(
      apply(s.rendered, s.resolved, { ...options, client: other }, () => undefined),
      (e: unknown) => e instanceof ConvoyError && e.code === 'E_LOCKED' && /is locked by/.test(e.message),
    );
    const r = await first;
    assert.equal(r.ok, false);
    assert.equal(r.failed[0]?.code, 'E_TIMEOUT');
    assert.match(
      r.failed[0]?.message ?? '',
      /component "slow" did not become ready within 4s; still pending: Deployment .*\/slow \(InProgress: /,
    );
    // The lock is released: a third apply can take it (and times out the same way).
    assert.equal(await other.get(lease), undefined);
  },
);

test(
  'objects that exist and are not owned stop the apply before any write, unless adopted',
  { skip, timeout: 120_000 },
  async (t) => {
    const ns = await freshNamespace('apply-own', t);
    await client.apply(configMap(ns, 'settings', { a: 'theirs' }), { fieldManager: 'someone-else' });
    const s = stack(ns, ns, [
      { name: 'base', objects: [configMap(ns, 'settings', { a: '1' }), configMap(ns, 'other', { b: '2' })] },
    ]);
    const plan = await diffStack(s.rendered, { client, inventoryNamespace: ns });
    assert.deepEqual(
      plan.components[0]?.objects.map((o) => `${o.ref.name}: ${o.action}`),
      ['settings: exists-not-owned', 'other: create'],
    );
    const before = client.stats().writes;
    await assert.rejects(
      apply(s.rendered, s.resolved, { client, inventoryNamespace: ns }, () => undefined),
      (e: unknown) =>
        e instanceof ConvoyError &&
        e.code === 'E_CONFLICT' &&
        /ConfigMap .*\/settings: exists and is not managed by convoy/.test(e.message),
    );
    // Only the lock was written (create + delete).
    assert.ok(client.stats().writes - before <= 2);
    assert.equal(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'other' }), undefined);
    // With adopt, the apply takes it over: the other manager's field conflicts unless forced.
    const r = await apply(
      s.rendered,
      s.resolved,
      { client, inventoryNamespace: ns, adopt: true, forceConflicts: true },
      () => undefined,
    );
    assert.equal(r.ok, true, JSON.stringify(r.failed));
    const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' });
    assert.deepEqual(live?.['data'], { a: '1' });
    assert.equal(live?.metadata.annotations?.['convoy.dev/inventory'], `${ns}/${ns}`);
  },
);

test('the plan redacts Secret values', { skip, timeout: 60_000 }, async (t) => {
  const ns = await freshNamespace('apply-secret', t);
  const v1 = stack(ns, ns, [{ name: 'base', objects: [secret(ns, 'db', { password: 'first-Secret-value' })] }]);
  const r = await apply(v1.rendered, v1.resolved, { client, inventoryNamespace: ns }, () => undefined);
  assert.equal(r.ok, true);
  const v2 = stack(ns, ns, [{ name: 'base', objects: [secret(ns, 'db', { password: 'second-Secret-value' })] }]);
  const plan = await diffStack(v2.rendered, { client, inventoryNamespace: ns });
  const json = JSON.stringify(plan);
  const text = formatPlan(plan);
  for (const raw of ['first-Secret-value', 'second-Secret-value']) {
    for (const form of [raw, Buffer.from(raw).toString('base64')]) {
      assert.equal(json.includes(form), false);
      assert.equal(text.includes(form), false);
    }
  }
  assert.match(
    text,
    /~ Secret .*\/db {2}data\.password: <redacted sha256:[0-9a-f]{8}…> → <redacted sha256:[0-9a-f]{8}…>/,
  );
});
