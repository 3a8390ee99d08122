/**
 * convoy's KubeClient (src/kube) against the real local control plane: server-side apply
 * (create, update, unchanged, dry run, conflicts, force), get/list/delete, discovery of a
 * fresh CRD, watch, events, request stats.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ConvoyError } from '../../src/errors.ts';
import type { KubeObject } from '../../src/objects/types.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient, WatchEvent } from '../../src/kube/types.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

const cm = (namespace: string, name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const rv = (o: KubeObject | undefined): unknown => o?.metadata['resourceVersion'];

test('apply: create, unchanged (same resourceVersion), update', { skip }, async (t) => {
  const ns = await freshNamespace('kube-apply', t);
  const created = await client.apply(cm(ns, 'c', { a: '1' }), { fieldManager: 'convoy' });
  assert.equal(created.metadata.name, 'c');
  assert.deepEqual(created['data'], { a: '1' });
  const again = await client.apply(cm(ns, 'c', { a: '1' }), { fieldManager: 'convoy' });
  assert.equal(rv(again), rv(created), 'an identical apply changes nothing');
  const updated = await client.apply(cm(ns, 'c', { a: '2', b: '3' }), { fieldManager: 'convoy' });
  assert.notEqual(rv(updated), rv(created));
  assert.deepEqual((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'c' }))?.['data'], {
    a: '2',
    b: '3',
  });
  // Fields this manager stops applying are removed (SSA ownership).
  const shrunk = await client.apply(cm(ns, 'c', { b: '3' }), { fieldManager: 'convoy' });
  assert.deepEqual(shrunk['data'], { b: '3' });
});

test('apply: dry run returns the object and persists nothing', { skip }, async (t) => {
  const ns = await freshNamespace('kube-dry', t);
  const before = client.stats();
  const out = await client.apply(cm(ns, 'dry', { a: '1' }), { fieldManager: 'convoy', dryRun: true });
  assert.equal(out.metadata.name, 'dry');
  assert.equal(client.stats().writes, before.writes, 'a dry run is not a write');
  assert.equal(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'dry' }), undefined);
});

test('apply: a conflict with another field manager is E_CONFLICT; force takes ownership', { skip }, async (t) => {
  const ns = await freshNamespace('kube-conflict', t);
  await client.apply(cm(ns, 'shared', { owner: 'convoy', size: '1' }), { fieldManager: 'convoy' });
  await assert.rejects(
    client.apply(cm(ns, 'shared', { owner: 'someone-else', size: '2' }), { fieldManager: 'kubectl-edit' }),
    (err: unknown) => {
      assert.ok(err instanceof ConvoyError);
      assert.equal(err.code, 'E_CONFLICT');
      assert.match(
        err.message,
        new RegExp(
          `^apply ConfigMap ${ns}/shared conflicts: field manager "convoy" owns (\\.data\\.owner, \\.data\\.size|\\.data\\.size, \\.data\\.owner)$`,
        ),
      );
      assert.equal(err.fix, 're-run with --force-conflicts to take ownership');
      return true;
    },
  );
  const forced = await client.apply(cm(ns, 'shared', { owner: 'someone-else', size: '2' }), {
    fieldManager: 'kubectl-edit',
    force: true,
  });
  assert.deepEqual(forced['data'], { owner: 'someone-else', size: '2' });
  const managers = (forced.metadata['managedFields'] as { manager: string }[]).map((m) => m.manager);
  assert.ok(managers.includes('kubectl-edit'));
});

test(
  'get/list/delete: 404 is undefined/false, list by label selector fills apiVersion and kind',
  { skip },
  async (t) => {
    const ns = await freshNamespace('kube-crud', t);
    assert.equal(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'nope' }), undefined);
    for (const name of ['a', 'b', 'c']) {
      await client.apply(
        { ...cm(ns, name, {}), metadata: { name, namespace: ns, labels: { pick: name === 'c' ? 'no' : 'yes' } } },
        { fieldManager: 'convoy' },
      );
    }
    const picked = await client.list('v1', 'ConfigMap', { namespace: ns, labelSelector: 'pick=yes' });
    assert.deepEqual(picked.map((o) => o.metadata.name).sort(), ['a', 'b']);
    assert.ok(picked.every((o) => o.apiVersion === 'v1' && o.kind === 'ConfigMap'));
    const byField = await client.list('v1', 'ConfigMap', { namespace: ns, fieldSelector: 'metadata.name=c' });
    assert.deepEqual(
      byField.map((o) => o.metadata.name),
      ['c'],
    );
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'a' };
    assert.equal(await client.delete(ref, { dryRun: true }), true);
    assert.ok(await client.get(ref), 'dry-run delete keeps it');
    assert.equal(await client.delete(ref), true);
    assert.equal(await client.get(ref), undefined);
    assert.equal(await client.delete(ref), false, 'already gone');
  },
);

test('create and replace: AlreadyExists is undefined, a stale resourceVersion is E_CONFLICT', { skip }, async (t) => {
  const ns = await freshNamespace('kube-replace', t);
  const created = await client.create(cm(ns, 'r', { v: '1' }));
  assert.ok(created);
  assert.equal(await client.create(cm(ns, 'r', { v: 'x' })), undefined);
  const next = await client.replace({ ...created, data: { v: '2' } });
  assert.deepEqual(next['data'], { v: '2' });
  await assert.rejects(
    client.replace({ ...created, data: { v: '3' } }),
    (err: unknown) => err instanceof ConvoyError && err.code === 'E_CONFLICT' && /\(409 Conflict\)/.test(err.message),
  );
});

test('errors: unknown kinds and apiVersions are E_KUBE with a hint', { skip }, async () => {
  await assert.rejects(
    client.resourceFor('apps/v1', 'Deploymnet'),
    (err: unknown) =>
      err instanceof ConvoyError && err.code === 'E_KUBE' && err.expected === 'did you mean "Deployment"?',
  );
  await assert.rejects(client.resourceFor('nothing.example.com/v1', 'Thing'), /does not serve apiVersion/);
  const info = await client.resourceFor('coordination.k8s.io/v1', 'Lease');
  assert.deepEqual(info, {
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    resource: 'leases',
    namespaced: true,
  });
});

test('discovery: a CRD created during the run is found after it is Established', { skip }, async (t) => {
  const group = `e2e${randomBytes(3).toString('hex')}.convoy.dev`;
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
  const ref = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` };
  t.after(() => client.delete(ref));
  // Missed before the CRD exists (and that miss is cached)...
  await assert.rejects(client.resourceFor(`${group}/v1`, 'Widget'), /does not serve apiVersion/);
  await client.apply(crd, { fieldManager: 'convoy' });
  await waitForWatch(
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    { fieldSelector: `metadata.name=${ref.name}` },
    (o) =>
      ((o['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some(
        (c) => c.type === 'Established' && c.status === 'True',
      ),
  );
  // ...and found on the next lookup, which refreshes discovery.
  const info = await client.resourceFor(`${group}/v1`, 'Widget');
  assert.deepEqual(info, { group, version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: true });
  const ns = await freshNamespace('kube-crd', t);
  const w = await client.apply(
    { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w', namespace: ns }, spec: { size: 3 } },
    { fieldManager: 'convoy' },
  );
  assert.deepEqual(w['spec'], { size: 3 });
});

/** Watches with the client under test until `done` holds for an event's object; returns the events seen. */
async function waitForWatch(
  apiVersion: string,
  kind: string,
  options: { namespace?: string; fieldSelector?: string; labelSelector?: string },
  done: (o: KubeObject, e: WatchEvent) => boolean,
  timeoutMs = 30_000,
): Promise<WatchEvent[]> {
  const controller = new AbortController();
  const events: WatchEvent[] = [];
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  let matched = false;
  try {
    await client.watch(
      apiVersion,
      kind,
      (e) => {
        events.push(e);
        if (done(e.object, e)) {
          matched = true;
          controller.abort();
        }
      },
      { ...options, signal: controller.signal },
    );
  } finally {
    clearTimeout(timer);
  }
  assert.ok(
    matched,
    `watch of ${kind} ended without a match; saw ${events.map((e) => e.type).join(', ') || 'nothing'}`,
  );
  return events;
}

test('watch: sees a Deployment become Available; events for it; delete seen as DELETED', { skip }, async (t) => {
  const ns = await freshNamespace('kube-watch', t);
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  };
  const available = (o: KubeObject): boolean =>
    ((o['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some(
      (c) => c.type === 'Available' && c.status === 'True',
    ) && (o['status'] as { availableReplicas?: number }).availableReplicas === 2;

  const controller = new AbortController();
  const seen: WatchEvent[] = [];
  let resolveAvailable: (o: KubeObject) => void = () => {};
  const becameAvailable = new Promise<KubeObject>((r) => (resolveAvailable = r));
  let resolveDeleted: () => void = () => {};
  const deleted = new Promise<void>((r) => (resolveDeleted = r));
  const watching = client.watch(
    'apps/v1',
    'Deployment',
    (e) => {
      seen.push(e);
      if (e.type === 'DELETED') resolveDeleted();
      else if (available(e.object)) resolveAvailable(e.object);
    },
    { namespace: ns, signal: controller.signal },
  );
  t.after(() => controller.abort());
  await client.apply(deployment, { fieldManager: 'convoy' });
  const live = await withTimeout(becameAvailable, 60_000, 'Deployment Available');
  assert.equal(live.metadata.name, 'web');
  assert.equal(seen[0]?.type, 'ADDED');
  assert.ok(seen.some((e) => e.type === 'MODIFIED'));

  const events = await client.eventsFor({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' });
  assert.ok(
    events.some((e) => e['reason'] === 'ScalingReplicaSet'),
    `events: ${events.map((e) => String(e['reason'])).join(', ')}`,
  );
  assert.ok(
    events.every((e) => (e['involvedObject'] as { name: string }).name === 'web'),
    'only events about this object',
  );

  assert.equal(await client.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' }), true);
  await withTimeout(deleted, 30_000, 'DELETED event');
  controller.abort();
  await watching; // resolves on abort
});

test('watch: resolves at once when the signal is already aborted', { skip }, async () => {
  const controller = new AbortController();
  controller.abort();
  await client.watch('v1', 'ConfigMap', () => assert.fail('no events after abort'), {
    namespace: 'default',
    signal: controller.signal,
  });
});

test('watch: an error thrown by onEvent ends the watch with that error', { skip }, async (t) => {
  const ns = await freshNamespace('kube-watch-throw', t);
  await client.apply(cm(ns, 'x', {}), { fieldManager: 'convoy' });
  const controller = new AbortController();
  t.after(() => controller.abort());
  await assert.rejects(
    client.watch(
      'v1',
      'ConfigMap',
      () => {
        throw new Error('consumer failed');
      },
      { namespace: ns, signal: controller.signal },
    ),
    /consumer failed/,
  );
});

test('stats: counts every request by verb, writes apart', { skip }, async (t) => {
  const ns = await freshNamespace('kube-stats', t);
  const { kubeconfigPath } = await getCluster();
  const c = await createClient({ kubeconfig: kubeconfigPath });
  t.after(() => c.close());
  assert.deepEqual(c.stats(), { total: 0, byVerb: {}, writes: 0 });
  await c.apply(cm(ns, 's', { a: '1' }), { fieldManager: 'convoy' }); // discovery v1 + apply
  await c.apply(cm(ns, 's', { a: '1' }), { fieldManager: 'convoy', dryRun: true });
  await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 's' });
  await c.list('v1', 'ConfigMap', { namespace: ns });
  await c.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 's' });
  assert.deepEqual(c.stats(), {
    total: 6,
    byVerb: { apply: 2, delete: 1, discovery: 1, get: 1, list: 1 },
    writes: 2,
  });
});

test('rate limit: qps bounds the request rate', { skip }, async (t) => {
  const { kubeconfigPath } = await getCluster();
  const c = await createClient({ kubeconfig: kubeconfigPath, qps: 20, burst: 1 });
  t.after(() => c.close());
  await c.resourceFor('v1', 'Namespace'); // 1 request (the burst)
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 10 }, () => c.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' })));
  const ms = performance.now() - t0;
  assert.ok(ms >= 400, `10 requests at 20 qps took ${Math.round(ms)} ms`);
});

test('connection failure: ECONNREFUSED is retried, then E_KUBE with a fix', { skip }, async (t) => {
  const { kubeconfigPath } = await getCluster();
  const { KubeConfig } = await import('@kubernetes/client-node');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const cluster = kc.getCurrentCluster();
  assert.ok(cluster);
  const dead = { ...cluster, server: 'https://127.0.0.1:1' };
  kc.clusters = kc.clusters.map((c) => (c.name === cluster.name ? dead : c));
  const dir = mkdtempSync(join(tmpdir(), 'convoy-kc-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, kc.exportConfig());
  const c = await createClient({ kubeconfig: file, maxRetries: 2 });
  t.after(() => c.close());
  await assert.rejects(
    c.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }),
    (err: unknown) =>
      err instanceof ConvoyError && err.code === 'E_KUBE' && /ECONNREFUSED/.test(err.message) && Boolean(err.fix),
  );
  assert.equal(c.stats().byVerb['discovery'], 3, 'first try + 2 retries');
});

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

test('errors about a Secret never echo its values', { skip }, async (t) => {
  const ns = await freshNamespace('kube-secret', t);
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: ns },
    type: 'Opaque',
    stringData: { 'bad key!': 'hunter2-value' },
  };
  await assert.rejects(client.apply(secret, { fieldManager: 'convoy' }), (err: unknown) => {
    assert.ok(err instanceof ConvoyError);
    assert.equal(err.code, 'E_KUBE');
    assert.match(err.message, /^apply Secret \S+\/db: .*Invalid value: \[redacted\].*\(422 Invalid\)$/);
    const everything = `${err.message} ${err.fix ?? ''} ${JSON.stringify(err.cause)} ${(err.cause as Error).message}`;
    assert.doesNotMatch(everything, /hunter2/);
    return true;
  });
});

test('keep-alive: sequential requests reuse connections', { skip }, async (t) => {
  const { kubeconfigPath } = await getCluster();
  const c = await createClient({ kubeconfig: kubeconfigPath });
  t.after(() => c.close());
  await c.resourceFor('v1', 'Namespace');
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) await c.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' });
  const perRequest = (performance.now() - t0) / 100;
  t.diagnostic(`${perRequest.toFixed(2)} ms per GET`);
  assert.ok(perRequest < 20, `${perRequest} ms per request`);
});
