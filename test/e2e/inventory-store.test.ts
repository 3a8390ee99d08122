/**
 * Inventories (src/inventory) on the real local control plane: round trip, revisions,
 * optimistic concurrency, namespace creation, listing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ConvoyError } from '../../src/errors.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import {
  deleteInventory,
  inventoryName,
  listInventories,
  readInventory,
  writeInventory,
} from '../../src/inventory/inventory.ts';
import type { InventoryEntry } from '../../src/inventory/entries.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

const entries: InventoryEntry[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'panda', name: 'panda-server', component: 'panda' },
  { apiVersion: 'v1', kind: 'Namespace', name: 'panda', component: 'panda' },
  { apiVersion: 'v1', kind: 'Service', namespace: 'panda', name: 'msgsvc', component: 'msgsvc' },
];

test('inventory: write, read back, next revision, stale writes are E_CONFLICT', { skip }, async (t) => {
  const namespace = await freshNamespace('inv-store', t);
  assert.equal(await readInventory(client, 'panda', { namespace }), undefined);

  const first = await writeInventory(
    client,
    'panda',
    {
      objects: entries,
      renderedHash: 'sha256:aaa',
      environment: 'lsst',
      appliedBy: 'alice@ci-7',
      appliedAt: new Date('2026-11-21T05:12:03.456Z'),
    },
    { namespace },
  );
  assert.equal(first.revision, 1);
  assert.equal(first.id, `${namespace}/panda`);
  assert.equal(first.appliedAt, '2026-11-21T05:12:03Z');

  const read = await readInventory(client, 'panda', { namespace });
  assert.ok(read);
  assert.deepEqual(
    read.objects.map((e) => `${e.kind}/${e.name}`),
    ['Namespace/panda', 'Service/msgsvc', 'Deployment/panda-server'],
  );
  assert.equal(read.renderedHash, 'sha256:aaa');
  assert.equal(read.environment, 'lsst');
  assert.equal(read.appliedBy, 'alice@ci-7');
  assert.equal(read.resourceVersion, first.resourceVersion);

  const second = await writeInventory(
    client,
    'panda',
    { objects: entries.slice(1), renderedHash: 'sha256:bbb' },
    { namespace, previous: read },
  );
  assert.equal(second.revision, 2);
  assert.equal(second.objects.length, 2);
  assert.match(second.appliedBy, /^.+@.+$/);

  // A writer that read revision 1 lost the race.
  await assert.rejects(
    writeInventory(client, 'panda', { objects: [], renderedHash: 'x' }, { namespace, previous: read }),
    (err: unknown) =>
      err instanceof ConvoyError &&
      err.code === 'E_CONFLICT' &&
      err.message === `inventory ${namespace}/${inventoryName('panda')} changed since revision 1 was read`,
  );
  // A writer that saw no inventory lost too.
  await assert.rejects(
    writeInventory(client, 'panda', { objects: [], renderedHash: 'x' }, { namespace }),
    (err: unknown) =>
      err instanceof ConvoyError && err.code === 'E_CONFLICT' && /created by another apply/.test(err.message),
  );

  const listed = await listInventories(client, { namespace });
  assert.deepEqual(
    listed.map((i) => [i.stack, i.revision]),
    [['panda', 2]],
  );
  assert.equal(await deleteInventory(client, 'panda', { namespace, previous: second }), true);
  assert.equal(await readInventory(client, 'panda', { namespace }), undefined);
  assert.equal(await deleteInventory(client, 'panda', { namespace }), false);
});

test('inventory: the namespace is created when missing', { skip }, async (t) => {
  const namespace = `convoy-e2e-inv-${randomBytes(4).toString('hex')}`;
  t.after(() => client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }));
  const inv = await writeInventory(client, 'hello', { objects: [], renderedHash: 'sha256:0' }, { namespace });
  assert.equal(inv.revision, 1);
  assert.ok(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }));
  const read = await readInventory(client, 'hello', { namespace });
  assert.deepEqual(read?.objects, []);
});
