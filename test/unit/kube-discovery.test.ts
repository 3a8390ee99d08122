import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { Discovery, parseResourceList } from '../../src/kube/discovery.ts';

const appsV1 = {
  kind: 'APIResourceList',
  groupVersion: 'apps/v1',
  resources: [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment' },
    { name: 'deployments/scale', namespaced: true, kind: 'Scale', group: 'autoscaling', version: 'v1' },
    { name: 'deployments/status', namespaced: true, kind: 'Deployment' },
    { name: 'statefulsets', namespaced: true, kind: 'StatefulSet' },
  ],
};
const coreV1 = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'namespaces', namespaced: false, kind: 'Namespace' },
    { name: 'configmaps', namespaced: true, kind: 'ConfigMap' },
  ],
};

test('parseResourceList: kinds to resources, subresources skipped, core group empty', () => {
  const apps = parseResourceList('apps/v1', appsV1);
  assert.deepEqual([...apps.keys()], ['Deployment', 'StatefulSet']);
  assert.deepEqual(apps.get('Deployment'), {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    namespaced: true,
  });
  const core = parseResourceList('v1', coreV1);
  assert.deepEqual(core.get('Namespace'), {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    resource: 'namespaces',
    namespaced: false,
  });
  assert.equal(parseResourceList('v1', undefined).size, 0);
});

/** A discovery source whose answers change over time, counting fetches. */
function source(answers: Record<string, unknown[]>) {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (apiVersion: string) => {
      calls.push(apiVersion);
      const list = answers[apiVersion] ?? [];
      return list.length > 1 ? list.shift() : list[0];
    },
  };
}

test('Discovery: caches per apiVersion; concurrent misses share one fetch', async () => {
  const s = source({ 'apps/v1': [appsV1], v1: [coreV1] });
  const d = new Discovery(s.fetch);
  const [a, b] = await Promise.all([d.resourceFor('apps/v1', 'Deployment'), d.resourceFor('apps/v1', 'StatefulSet')]);
  assert.equal(a.resource, 'deployments');
  assert.equal(b.resource, 'statefulsets');
  await d.resourceFor('apps/v1', 'Deployment');
  await d.resourceFor('v1', 'ConfigMap');
  assert.deepEqual(s.calls, ['apps/v1', 'v1']);
});

test('Discovery: a miss fetches again once (a CRD created meanwhile)', async () => {
  const before = { resources: [] };
  const after = { resources: [{ name: 'widgets', namespaced: true, kind: 'Widget' }] };
  const s = source({ 'example.com/v1': [undefined, before, after] });
  const d = new Discovery(s.fetch);
  await assert.rejects(d.resourceFor('example.com/v1', 'Widget'), /does not serve apiVersion "example.com\/v1"/);
  await assert.rejects(d.resourceFor('example.com/v1', 'Widget'), /has no kind "Widget"/);
  const w = await d.resourceFor('example.com/v1', 'Widget');
  assert.equal(w.resource, 'widgets');
  assert.deepEqual(s.calls, ['example.com/v1', 'example.com/v1', 'example.com/v1']);
  await d.resourceFor('example.com/v1', 'Widget');
  assert.equal(s.calls.length, 3, 'then served from cache');
});

test('Discovery: a misspelt kind gets a hint', async () => {
  const d = new Discovery(source({ 'apps/v1': [appsV1] }).fetch);
  await assert.rejects(
    d.resourceFor('apps/v1', 'Deplyoment'),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_KUBE' && e.expected === 'did you mean "Deployment"?',
  );
});
