import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clusterScopedFromCrds,
  formatRef,
  isClusterScoped,
  objectRef,
  parseApiVersion,
  refKey,
} from '../../src/objects/identity.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

test('parseApiVersion splits group and version', () => {
  assert.deepEqual(parseApiVersion('v1'), { group: '', version: 'v1' });
  assert.deepEqual(parseApiVersion('apps/v1'), { group: 'apps', version: 'v1' });
  assert.deepEqual(parseApiVersion('rbac.authorization.k8s.io/v1'), {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
  });
});

const refs: { name: string; obj: KubeObject; key: string; text: string }[] = [
  {
    name: 'core namespaced',
    obj: obj('v1', 'Service', 'web', 'apps'),
    key: '/Service/apps/web',
    text: 'Service apps/web',
  },
  {
    name: 'grouped namespaced',
    obj: obj('apps/v1', 'Deployment', 'web', 'apps'),
    key: 'apps/Deployment/apps/web',
    text: 'Deployment.apps apps/web',
  },
  { name: 'core cluster-scoped', obj: obj('v1', 'Namespace', 'apps'), key: '/Namespace//apps', text: 'Namespace apps' },
  {
    name: 'cluster-scoped ignores a namespace',
    obj: obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'view', 'apps'),
    key: 'rbac.authorization.k8s.io/ClusterRole//view',
    text: 'ClusterRole.rbac.authorization.k8s.io view',
  },
  { name: 'namespaced without namespace', obj: obj('v1', 'ConfigMap', 'c'), key: '/ConfigMap//c', text: 'ConfigMap c' },
];

for (const c of refs) {
  test(`objectRef/refKey/formatRef: ${c.name}`, () => {
    const ref = objectRef(c.obj);
    assert.equal(refKey(ref), c.key);
    assert.equal(formatRef(ref), c.text);
    assert.equal(ref.version, parseApiVersion(c.obj.apiVersion).version);
  });
}

test('isClusterScoped: built-in table by group and kind', () => {
  for (const [g, k] of [
    ['', 'Namespace'],
    ['', 'PersistentVolume'],
    ['apiextensions.k8s.io', 'CustomResourceDefinition'],
    ['rbac.authorization.k8s.io', 'ClusterRoleBinding'],
    ['storage.k8s.io', 'StorageClass'],
    ['scheduling.k8s.io', 'PriorityClass'],
    ['networking.k8s.io', 'IngressClass'],
    ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'],
    ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration'],
    ['apiregistration.k8s.io', 'APIService'],
    ['storage.k8s.io', 'CSIDriver'],
    ['node.k8s.io', 'RuntimeClass'],
  ] as const) {
    assert.equal(isClusterScoped(g, k), true, `${g}/${k}`);
  }
  for (const [g, k] of [
    ['', 'ConfigMap'],
    ['apps', 'Deployment'],
    ['rbac.authorization.k8s.io', 'Role'],
    ['example.com', 'Namespace'],
  ] as const) {
    assert.equal(isClusterScoped(g, k), false, `${g}/${k}`);
  }
});

test('clusterScopedFromCrds: only scope Cluster CRDs count', () => {
  const crd = (group: string, kind: string, scope: string): KubeObject => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.${group}` },
    spec: { group, scope, names: { kind, plural: `${kind.toLowerCase()}s` } },
  });
  const set = clusterScopedFromCrds([
    crd('example.com', 'Gadget', 'Cluster'),
    crd('example.com', 'Widget', 'Namespaced'),
  ]);
  assert.deepEqual([...set], ['example.com/Gadget']);
  assert.equal(isClusterScoped('example.com', 'Gadget', set), true);
  assert.equal(objectRef(obj('example.com/v1', 'Gadget', 'g', 'apps'), set).namespace, '');
});
