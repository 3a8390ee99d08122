import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { APPLY_PATCH_CONTENT_TYPE, buildApplyRequest } from '../../src/kube/apply.ts';
import { groupVersionPath, resourcePath, splitApiVersion } from '../../src/kube/paths.ts';
import { StatsCounter } from '../../src/kube/stats.ts';
import type { ResourceInfo } from '../../src/kube/types.ts';

const deployments: ResourceInfo = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
};
const namespaces: ResourceInfo = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  namespaced: false,
};

test('paths: group versions, collections, objects, encoding', () => {
  assert.deepEqual(splitApiVersion('apps/v1'), { group: 'apps', version: 'v1' });
  assert.deepEqual(splitApiVersion('v1'), { group: '', version: 'v1' });
  assert.equal(groupVersionPath('v1'), '/api/v1');
  assert.equal(groupVersionPath('coordination.k8s.io/v1'), '/apis/coordination.k8s.io/v1');
  assert.equal(resourcePath(deployments, 'demo', 'web'), '/apis/apps/v1/namespaces/demo/deployments/web');
  assert.equal(resourcePath(deployments, undefined), '/apis/apps/v1/deployments');
  assert.equal(resourcePath(namespaces, 'ignored', 'panda'), '/api/v1/namespaces/panda');
  assert.equal(resourcePath(namespaces, undefined, 'a b'), '/api/v1/namespaces/a%20b');
});

test('buildApplyRequest: PATCH apply-patch+yaml with fieldManager, force, dryRun', () => {
  const obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', resourceVersion: '12', managedFields: [{}], uid: 'u', labels: { a: 'b' } },
    spec: { replicas: 2 },
  };
  const req = buildApplyRequest(deployments, obj, { fieldManager: 'convoy', force: true, dryRun: true }, 'fallback');
  assert.equal(req.method, 'PATCH');
  assert.equal(req.path, '/apis/apps/v1/namespaces/fallback/deployments/web');
  assert.equal(req.contentType, APPLY_PATCH_CONTENT_TYPE);
  assert.deepEqual(req.query, { fieldManager: 'convoy', force: 'true', dryRun: 'All' });
  assert.deepEqual(req.body, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { a: 'b' }, namespace: 'fallback' },
    spec: { replicas: 2 },
  });
  assert.equal(obj.metadata.resourceVersion, '12', 'the input is not modified');
  const plain = buildApplyRequest(
    deployments,
    { ...obj, metadata: { name: 'web', namespace: 'demo' } },
    { fieldManager: 'me' },
    'x',
  );
  assert.deepEqual(plain.query, { fieldManager: 'me', force: undefined, dryRun: undefined });
  assert.equal(plain.path, '/apis/apps/v1/namespaces/demo/deployments/web');
});

test('buildApplyRequest: cluster-scoped objects lose a stray namespace', () => {
  const req = buildApplyRequest(
    namespaces,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'p', namespace: 'x' } },
    { fieldManager: 'convoy' },
    'default',
  );
  assert.equal(req.path, '/api/v1/namespaces/p');
  assert.deepEqual(req.body, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'p' } });
});

test('buildApplyRequest: a name and a field manager are required', () => {
  assert.throws(
    () =>
      buildApplyRequest(
        deployments,
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { generateName: 'w-' } },
        { fieldManager: 'convoy' },
        'd',
      ),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_USAGE',
  );
  assert.throws(
    () =>
      buildApplyRequest(
        deployments,
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' } },
        { fieldManager: '' },
        'd',
      ),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_USAGE',
  );
});

test('StatsCounter: counts by verb; dry runs and reads are not writes', () => {
  const s = new StatsCounter();
  s.record('get');
  s.record('apply');
  s.record('apply', true);
  s.record('delete');
  s.record('list');
  s.record('discovery');
  assert.deepEqual(s.snapshot(), {
    total: 6,
    byVerb: { apply: 2, delete: 1, discovery: 1, get: 1, list: 1 },
    writes: 2,
  });
});
