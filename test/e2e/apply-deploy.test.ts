/**
 * The deployment engine (src/apply) on the real local control plane: components become
 * Current in needs order, a second apply writes nothing, one changed value updates one
 * object, a removed component is pruned, destroy leaves only kept objects.
 *
 * Stacks are built in code (RenderedStack + ResolvedStack) in a fresh namespace, which
 * also holds the stack's inventory and lock, so everything goes with the namespace.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apply, destroy, status, watchStatus } from '../../src/apply/index.ts';
import type { ApplyOptions } from '../../src/apply/index.ts';
import { readInventory } from '../../src/inventory/inventory.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { diffStack, formatPlan } from '../../src/plan/diff.ts';
import {
  configMap,
  deployment,
  pvc,
  recorder,
  secret,
  service,
  stack,
  timeOf,
  type ComponentInput,
} from './apply-stack.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

// ---------------------------------------------------------------- the tests

test('apply, re-apply, change, prune and destroy a small stack', { skip, timeout: 240_000 }, async (t) => {
  const ns = await freshNamespace('apply-deploy', t);
  const stackName = ns;
  const options: ApplyOptions = { client, inventoryNamespace: ns };
  // A PersistentVolume made outside the stack, for the stack's claim to bind to (kwok has no provisioner).
  const { core } = await getCluster();
  const pvName = `pv-${ns}`;
  await core.createPersistentVolume({
    body: {
      metadata: { name: pvName },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        persistentVolumeReclaimPolicy: 'Retain',
        hostPath: { path: `/tmp/${pvName}` },
        claimRef: { namespace: ns, name: 'data' },
      },
    },
  });
  t.after(() => core.deletePersistentVolume({ name: pvName }).catch(() => undefined));

  const components = (level: string, withWorker: boolean): ComponentInput[] => [
    {
      name: 'base',
      objects: [
        configMap(ns, 'settings', { level }),
        secret(ns, 'creds', { password: 's3cr3t-value' }, { 'convoy.dev/keep': 'true' }),
        pvc(ns, 'data', pvName),
      ],
    },
    { name: 'db', needs: ['base'], objects: [deployment(ns, 'db'), service(ns, 'db')] },
    { name: 'web', needs: ['db'], objects: [deployment(ns, 'web'), service(ns, 'web')] },
    ...(withWorker ? [{ name: 'worker', needs: ['base'], objects: [deployment(ns, 'worker')] }] : []),
  ];

  // 1. First apply: everything created, components ready in needs order.
  const first = stack(stackName, ns, components('info', true));
  const rec = recorder();
  const r1 = await apply(first.rendered, first.resolved, options, rec.emit);
  assert.equal(r1.ok, true, JSON.stringify(r1.failed, null, 2));
  assert.deepEqual([...r1.ready].sort(), ['base', 'db', 'web', 'worker']);
  assert.equal(r1.objects.created, 8);
  const ev = rec.events;
  assert.equal(ev[0]?.type, 'init');
  assert.equal(ev.at(-1)?.type, 'summary');
  assert.ok(timeOf(ev, 'component-ready', 'base') <= timeOf(ev, 'component-start', 'db'));
  assert.ok(timeOf(ev, 'component-ready', 'base') <= timeOf(ev, 'component-start', 'worker'));
  assert.ok(timeOf(ev, 'component-ready', 'db') <= timeOf(ev, 'component-start', 'web'));
  // worker (needs only base) does not wait for db: it starts with it.
  assert.ok(timeOf(ev, 'component-start', 'worker') < timeOf(ev, 'component-ready', 'db'));
  assert.ok(ev.some((e) => e.type === 'object-status' && e.status === 'Current' && e.ref.kind === 'Deployment'));
  const inv1 = await readInventory(client, stackName, { namespace: ns });
  assert.equal(inv1?.objects.length, 8);
  assert.equal(
    (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' }))?.metadata
      .annotations?.['convoy.dev/inventory'],
    `${ns}/${stackName}`,
  );

  // 2. Second apply of the same stack: no object writes, no inventory write; the plan says unchanged.
  const plan2 = await diffStack(first.rendered, { client, inventoryNamespace: ns });
  assert.equal(plan2.counts.unchanged, 8, formatPlan(plan2, { showUnchanged: true }));
  assert.equal(plan2.counts.create + plan2.counts.update + plan2.counts.prune, 0);
  const r2 = await apply(first.rendered, first.resolved, options, () => undefined);
  assert.equal(r2.ok, true);
  assert.equal(r2.objectWrites, 0);
  assert.equal(r2.objects.unchanged, 8);
  assert.equal(r2.inventoryRevision, inv1?.revision, 'the inventory is not rewritten');
  assert.ok(r2.writes <= 2, `only the lock's create and delete may write, got ${r2.writes} writes`);

  // 3. One changed value: the plan shows that field; apply configures only that object.
  const changed = stack(stackName, ns, components('debug', true));
  const plan3 = await diffStack(changed.rendered, { client, inventoryNamespace: ns });
  assert.equal(plan3.counts.update, 1);
  const text = formatPlan(plan3);
  assert.match(text, /~ ConfigMap .*\/settings {2}data\.level: "info" → "debug"/);
  assert.doesNotMatch(text, /s3cr3t/);
  const rec3 = recorder();
  const r3 = await apply(changed.rendered, changed.resolved, options, rec3.emit);
  assert.equal(r3.ok, true);
  assert.equal(r3.objects.configured, 1);
  assert.equal(r3.objects.unchanged, 7);
  const configured = rec3.events.filter((e) => e.type === 'object-apply' && e.action === 'configured');
  assert.deepEqual(
    configured.map((e) => (e.type === 'object-apply' ? `${e.ref.kind}/${e.ref.name}` : '')),
    ['ConfigMap/settings'],
  );

  // 4. Removing a component prunes its objects.
  const smaller = stack(stackName, ns, components('debug', false));
  const stackComponents = ['base', 'db', 'web'];
  // Applying only "base" (a selection, while the stack still has all four) prunes nothing.
  const onlyBase = stack(stackName, ns, components('debug', false).slice(0, 1));
  const rOnly = await apply(
    onlyBase.rendered,
    onlyBase.resolved,
    { ...options, stackComponents: [...stackComponents, 'worker'] },
    () => undefined,
  );
  assert.equal(rOnly.ok, true);
  assert.deepEqual(rOnly.pruned, []);
  assert.equal((await readInventory(client, stackName, { namespace: ns }))?.objects.length, 8);
  const plan4 = await diffStack(smaller.rendered, { client, inventoryNamespace: ns, stackComponents });
  assert.deepEqual(
    plan4.components.filter((c) => c.mode === 'remove').map((c) => [c.name, c.objects.map((o) => o.action)]),
    [['worker', ['prune']]],
  );
  const rec4 = recorder();
  const r4 = await apply(smaller.rendered, smaller.resolved, { ...options, stackComponents }, rec4.emit);
  assert.equal(r4.ok, true);
  assert.deepEqual(
    r4.pruned.map((r) => `${r.kind}/${r.name}`),
    ['Deployment/worker'],
  );
  assert.equal(
    await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'worker' }),
    undefined,
  );
  assert.equal((await readInventory(client, stackName, { namespace: ns }))?.objects.length, 7);

  // status: every component Current.
  const health = await status(stackName, { client, inventoryNamespace: ns });
  assert.equal(health.status, 'Current', JSON.stringify(health, null, 2));
  assert.deepEqual(
    health.components.map((c) => c.name),
    ['base', 'db', 'web'],
  );

  // status --watch: the first report after the initial listings is the same.
  const watching = new AbortController();
  const reports: string[] = [];
  await watchStatus(stackName, { client, inventoryNamespace: ns, signal: watching.signal, debounceMs: 50 }, (h) => {
    reports.push(h.status);
    if (h.status === 'Current') watching.abort();
  });
  assert.equal(reports.at(-1), 'Current');

  // 5. Destroy: everything goes except the PVC and the keep-marked Secret; the inventory goes.
  const recD = recorder();
  const d = await destroy(smaller.resolved, { client, inventoryNamespace: ns }, recD.emit);
  assert.equal(d.ok, true, JSON.stringify(d.failed));
  assert.deepEqual(d.kept.map((k) => `${k.ref.kind}/${k.ref.name}`).sort(), [
    'PersistentVolumeClaim/data',
    'Secret/creds',
  ]);
  assert.equal(d.inventoryDeleted, true);
  assert.equal(await readInventory(client, stackName, { namespace: ns }), undefined);
  const owned = async (apiVersion: string, kind: string) =>
    (await client.list(apiVersion, kind, { namespace: ns }))
      .filter((o) => o.metadata.annotations?.['convoy.dev/inventory'] === `${ns}/${stackName}`)
      .map((o) => `${kind}/${o.metadata.name}`);
  const left = [
    ...(await owned('v1', 'ConfigMap')),
    ...(await owned('v1', 'Secret')),
    ...(await owned('v1', 'Service')),
    ...(await owned('v1', 'PersistentVolumeClaim')),
    ...(await owned('apps/v1', 'Deployment')),
  ].sort();
  assert.deepEqual(left, ['PersistentVolumeClaim/data', 'Secret/creds']);
  // Deletes follow reverse needs order: web's objects before db's before base's.
  const deleted = recD.events.filter((e) => e.type === 'delete' && e.action === 'deleted');
  const firstOf = (c: string) => deleted.findIndex((e) => e.type === 'delete' && e.component === c);
  assert.ok(firstOf('web') < firstOf('db') && firstOf('db') < firstOf('base'));
});
