import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/objects/types.ts';
import { diffInventory, entryOf, sortEntries, type InventoryEntry } from '../../src/inventory/entries.ts';
import { canonicalJson, renderedHash } from '../../src/inventory/hash.ts';
import { inventoryFromConfigMap, inventoryToConfigMap } from '../../src/inventory/inventory.ts';

const e = (apiVersion: string, kind: string, name: string, namespace?: string, component = 'c'): InventoryEntry => ({
  apiVersion,
  kind,
  ...(namespace ? { namespace } : {}),
  name,
  component,
});

test('entryOf: component from annotation, namespace dropped for cluster-scoped kinds, key order', () => {
  const dep: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo', annotations: { 'convoy.dev/component': 'panda' } },
  };
  assert.deepEqual(Object.entries(entryOf(dep)), [
    ['apiVersion', 'apps/v1'],
    ['kind', 'Deployment'],
    ['namespace', 'demo'],
    ['name', 'web'],
    ['component', 'panda'],
  ]);
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', namespace: 'x' } };
  assert.deepEqual(entryOf(ns, 'base'), { apiVersion: 'v1', kind: 'Namespace', name: 'demo', component: 'base' });
});

test('sortEntries: by group, kind, namespace, name; duplicates by identity collapse', () => {
  const sorted = sortEntries([
    e('apps/v1', 'Deployment', 'b', 'x'),
    e('v1', 'Service', 'a', 'x'),
    e('apps/v1', 'Deployment', 'a', 'y'),
    e('apps/v1', 'Deployment', 'a', 'x'),
    e('v1', 'Namespace', 'x'),
    e('apps/v1', 'Deployment', 'a', 'x', 'other'),
  ]);
  assert.deepEqual(
    sorted.map((x) => `${x.apiVersion} ${x.kind} ${x.namespace ?? '-'}/${x.name} ${x.component}`),
    [
      'v1 Namespace -/x c',
      'v1 Service x/a c',
      'apps/v1 Deployment x/a other',
      'apps/v1 Deployment x/b c',
      'apps/v1 Deployment y/a c',
    ],
  );
});

const diffTable: {
  name: string;
  previous: InventoryEntry[];
  desired: InventoryEntry[];
  added: string[];
  kept: string[];
  removed: string[];
}[] = [
  { name: 'first apply', previous: [], desired: [e('v1', 'ConfigMap', 'a', 'n')], added: ['a'], kept: [], removed: [] },
  {
    name: 'unchanged',
    previous: [e('v1', 'ConfigMap', 'a', 'n')],
    desired: [e('v1', 'ConfigMap', 'a', 'n')],
    added: [],
    kept: ['a'],
    removed: [],
  },
  {
    name: 'one left the stack',
    previous: [e('v1', 'ConfigMap', 'a', 'n'), e('v1', 'ConfigMap', 'b', 'n')],
    desired: [e('v1', 'ConfigMap', 'a', 'n'), e('v1', 'ConfigMap', 'c', 'n')],
    added: ['c'],
    kept: ['a'],
    removed: ['b'],
  },
  {
    name: 'apiVersion change is the same object',
    previous: [e('autoscaling/v1', 'HorizontalPodAutoscaler', 'h', 'n')],
    desired: [e('autoscaling/v2', 'HorizontalPodAutoscaler', 'h', 'n')],
    added: [],
    kept: ['h'],
    removed: [],
  },
  {
    name: 'namespace change is a new object',
    previous: [e('v1', 'ConfigMap', 'a', 'old')],
    desired: [e('v1', 'ConfigMap', 'a', 'new')],
    added: ['a'],
    kept: [],
    removed: ['a'],
  },
  {
    name: 'same name, other group is another object',
    previous: [e('example.com/v1', 'Config', 'a', 'n')],
    desired: [e('other.io/v1', 'Config', 'a', 'n')],
    added: ['a'],
    kept: [],
    removed: ['a'],
  },
  { name: 'destroy', previous: [e('v1', 'ConfigMap', 'a', 'n')], desired: [], added: [], kept: [], removed: ['a'] },
];
for (const c of diffTable) {
  test(`diffInventory: ${c.name}`, () => {
    const d = diffInventory(c.previous, c.desired);
    assert.deepEqual(
      d.added.map((x) => x.name),
      c.added,
    );
    assert.deepEqual(
      d.kept.map((x) => x.name),
      c.kept,
    );
    assert.deepEqual(
      d.removed.map((x) => x.name),
      c.removed,
    );
  });
}

test('diffInventory: kept entries are the desired ones (new apiVersion)', () => {
  const d = diffInventory(
    [e('autoscaling/v1', 'HorizontalPodAutoscaler', 'h', 'n')],
    [e('autoscaling/v2', 'HorizontalPodAutoscaler', 'h', 'n')],
  );
  assert.equal(d.kept[0]?.apiVersion, 'autoscaling/v2');
});

test('renderedHash: independent of object and key order, sensitive to values', () => {
  const a: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', namespace: 'n' },
    data: { k: '1' },
  };
  const b: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { namespace: 'n', name: 'b' } };
  const h = renderedHash([a, b]);
  assert.match(h, /^sha256:[0-9a-f]{64}$/);
  assert.equal(renderedHash([b, a]), h);
  assert.equal(
    renderedHash([
      { ...b },
      { data: { k: '1' }, metadata: { namespace: 'n', name: 'a' }, kind: 'ConfigMap', apiVersion: 'v1' },
    ]),
    h,
  );
  assert.notEqual(renderedHash([{ ...a, data: { k: '2' } }, b]), h);
  assert.equal(canonicalJson({ b: [2, { d: 1, c: undefined }], a: null }), '{"a":null,"b":[2,{"d":1}]}');
});

test('inventory ConfigMap: round trip, sorted objects, one per line', () => {
  const cm = inventoryToConfigMap({
    stack: 'panda',
    namespace: 'convoy-system',
    objects: [e('v1', 'Service', 'web', 'p', 'panda'), e('v1', 'Namespace', 'p', undefined, 'base')],
    revision: 3,
    renderedHash: 'sha256:ab',
    appliedAt: '2026-11-21T05:12:03Z',
    appliedBy: 'alice@ci-7',
    environment: 'lsst',
    resourceVersion: '42',
  });
  assert.equal(cm.metadata.name, 'convoy-inventory-panda');
  assert.equal(cm.metadata['resourceVersion'], '42');
  assert.deepEqual(cm.metadata.labels, { 'app.kubernetes.io/managed-by': 'convoy', 'convoy.dev/stack': 'panda' });
  const data = cm['data'] as Record<string, string>;
  assert.equal(
    data['objects'],
    '[\n{"apiVersion":"v1","kind":"Namespace","name":"p","component":"base"},\n{"apiVersion":"v1","kind":"Service","namespace":"p","name":"web","component":"panda"}\n]',
  );
  assert.equal(data['revision'], '3');
  const back = inventoryFromConfigMap(cm, 'panda');
  assert.equal(back.id, 'convoy-system/panda');
  assert.equal(back.revision, 3);
  assert.equal(back.environment, 'lsst');
  assert.equal(back.resourceVersion, '42');
  assert.deepEqual(
    back.objects.map((x) => x.name),
    ['p', 'web'],
  );
});

test('inventory ConfigMap: unreadable data is E_KUBE with a fix', () => {
  const bad = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'convoy-inventory-x', namespace: 'convoy-system' },
    data,
  });
  assert.throws(
    () => inventoryFromConfigMap(bad({ objects: '[', revision: '1' }), 'x'),
    /is not readable: objects is not JSON/,
  );
  assert.throws(
    () => inventoryFromConfigMap(bad({ objects: '[]', revision: 'one' }), 'x'),
    /is not readable: revision/,
  );
  assert.throws(
    () => inventoryFromConfigMap(bad({ objects: '[{"kind":"X"}]', revision: '1' }), 'x'),
    (err: unknown) => {
      return (
        (err as { code?: string; fix?: string }).code === 'E_KUBE' &&
        /kubectl -n convoy-system get configmap convoy-inventory-x/.test((err as { fix: string }).fix)
      );
    },
  );
});
