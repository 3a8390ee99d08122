import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareObjects, KIND_ORDER, sortObjects } from '../../src/objects/order.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const o = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});
const names = (objs: KubeObject[]) => objs.map((x) => `${x.kind}/${x.metadata.namespace ?? ''}/${x.metadata.name}`);

test('sortObjects: kind order, then namespace, then name; unknown kinds last by kind', () => {
  const input = [
    o('Widget', 'w', 'a', 'example.com/v1'),
    o('Deployment', 'web', 'b', 'apps/v1'),
    o('Deployment', 'api', 'b', 'apps/v1'),
    o('Deployment', 'zeta', 'a', 'apps/v1'),
    o('Service', 'web', 'b'),
    o('Namespace', 'b'),
    o('CustomResourceDefinition', 'widgets.example.com', undefined, 'apiextensions.k8s.io/v1'),
    o('Gadget', 'g', undefined, 'example.com/v1'),
    o('Job', 'migrate', 'b', 'batch/v1'),
    o('ConfigMap', 'c', 'b'),
    o('ServiceAccount', 'sa', 'b'),
  ];
  assert.deepEqual(names(sortObjects(input)), [
    'Namespace//b',
    'CustomResourceDefinition//widgets.example.com',
    'ServiceAccount/b/sa',
    'ConfigMap/b/c',
    'Service/b/web',
    'Deployment/a/zeta',
    'Deployment/b/api',
    'Deployment/b/web',
    'Job/b/migrate',
    'Gadget//g',
    'Widget/a/w',
  ]);
});

test('sortObjects does not change its input and is stable under permutation', () => {
  const input = KIND_ORDER.map((k, i) => o(k, `n${i}`, 'ns'));
  const reversed = [...input].reverse();
  const sorted = sortObjects(reversed);
  assert.deepEqual(names(sorted), names(input));
  assert.equal(reversed[0], input[input.length - 1]);
});

test('compareObjects: same kind and name in different groups are ordered by group', () => {
  const a = o('Thing', 'x', 'ns', 'a.example.com/v1');
  const b = o('Thing', 'x', 'ns', 'b.example.com/v1');
  assert.ok(compareObjects(a, b) < 0);
  assert.ok(compareObjects(b, a) > 0);
  assert.equal(compareObjects(a, a), 0);
});
