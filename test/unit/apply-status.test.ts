import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryRef } from '../../src/apply/delete.ts';
import { keyOf } from '../../src/apply/refs.ts';
import { healthOf } from '../../src/apply/status.ts';
import type { Inventory } from '../../src/inventory/inventory.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const inventory: Inventory = {
  stack: 'shop',
  namespace: 'convoy-system',
  id: 'convoy-system/shop',
  objects: [
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings', component: 'base' },
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', component: 'web' },
    { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web', component: 'web' },
  ],
  revision: 3,
  renderedHash: 'sha256:x',
  appliedAt: '2026-01-01T00:00:00Z',
  appliedBy: 'a@b',
  environment: '',
  resourceVersion: '1',
};

const deployment = (ready: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', generation: 1 },
  spec: { replicas: 2 },
  status: {
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: ready,
    availableReplicas: ready,
    conditions: [{ type: 'Available', status: ready === 2 ? 'True' : 'False' }],
  },
});

describe('healthOf', () => {
  const [cm, deploy, svc] = inventory.objects.map(entryRef);
  const live = (ready: number) =>
    new Map<string, KubeObject | undefined>([
      [keyOf(cm!), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } }],
      [keyOf(deploy!), deployment(ready)],
      [
        keyOf(svc!),
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', namespace: 'shop' },
          spec: { type: 'ClusterIP' },
        },
      ],
    ]);

  it('aggregates per component and over the stack', () => {
    const h = healthOf(inventory, live(1));
    assert.equal(h.applied, true);
    assert.equal(h.revision, 3);
    assert.equal(h.environment, undefined);
    assert.deepEqual(
      h.components.map((c) => [c.name, c.status]),
      [
        ['base', 'Current'],
        ['web', 'InProgress'],
      ],
    );
    assert.equal(h.status, 'InProgress');
    assert.match(h.components[1]?.message ?? '', /^1\/2 Current; waiting for Deployment\/web: /);
    assert.equal(healthOf(inventory, live(2)).status, 'Current');
  });

  it('missing objects are NotFound', () => {
    const h = healthOf(inventory, new Map());
    assert.deepEqual(
      h.components.flatMap((c) => c.objects.map((o) => o.status)),
      ['NotFound', 'NotFound', 'NotFound'],
    );
  });
});
