import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareInPhase, excludedHooks, hookWeight, phaseOf, planPhases } from '../../src/plan/phases.ts';
import type { PhaseName } from '../../src/plan/types.ts';
import { obj, pandaObjects } from './support/objects.ts';

const phases: [string, string, PhaseName | undefined, { hook?: string }?][] = [
  ['v1', 'Namespace', 'namespaces'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'crds'],
  ['v1', 'ServiceAccount', 'rbac'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'rbac'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'rbac'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'rbac'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'rbac'],
  ['v1', 'ConfigMap', 'config'],
  ['v1', 'Secret', 'config'],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'config'],
  ['v1', 'LimitRange', 'config'],
  ['v1', 'PersistentVolume', 'storage'],
  ['v1', 'PersistentVolumeClaim', 'storage'],
  ['storage.k8s.io/v1', 'StorageClass', 'storage'],
  ['v1', 'Service', 'services'],
  ['apps/v1', 'Deployment', 'workloads'],
  ['apps/v1', 'StatefulSet', 'workloads'],
  ['apps/v1', 'DaemonSet', 'workloads'],
  ['apps/v1', 'ReplicaSet', 'workloads'],
  ['v1', 'Pod', 'workloads'],
  ['v1', 'PodTemplate', 'workloads'],
  ['batch/v1', 'CronJob', 'workloads'],
  ['batch/v1', 'Job', 'jobs'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'other'],
  ['networking.k8s.io/v1', 'Ingress', 'other'],
  ['policy/v1', 'PodDisruptionBudget', 'other'],
  ['cert-manager.io/v1', 'Certificate', 'other'],
  ['serving.knative.dev/v1', 'Service', 'other'],
  ['example.org/v1', 'Role', 'other'],
  ['batch/v1', 'Job', 'pre-hooks', { hook: 'pre-install' }],
  ['batch/v1', 'Job', 'pre-hooks', { hook: 'pre-upgrade' }],
  ['v1', 'Secret', 'pre-hooks', { hook: 'pre-install, post-install' }],
  ['batch/v1', 'Job', 'post-hooks', { hook: 'post-install' }],
  ['batch/v1', 'Job', 'post-hooks', { hook: 'post-upgrade' }],
  ['v1', 'Pod', undefined, { hook: 'test' }],
  ['v1', 'Pod', undefined, { hook: 'test-success' }],
  ['batch/v1', 'Job', undefined, { hook: 'pre-delete' }],
  ['batch/v1', 'Job', undefined, { hook: 'post-delete' }],
  ['batch/v1', 'Job', undefined, { hook: 'pre-rollback,post-rollback' }],
];

for (const [apiVersion, kind, want, opts] of phases) {
  test(`phaseOf: ${apiVersion} ${kind}${opts?.hook ? ` hook ${opts.hook}` : ''} → ${String(want)}`, () => {
    assert.equal(phaseOf(obj(apiVersion, kind, 'x', opts)), want);
  });
}

const weights: [string | undefined, number][] = [
  [undefined, 0],
  ['5', 5],
  ['-5', -5],
  [' 3 ', 3],
  ['+2', 2],
  ['x', 0],
  ['1.5', 0],
];
for (const [w, want] of weights) {
  test(`hookWeight: ${String(w)} → ${want}`, () =>
    assert.equal(hookWeight(obj('batch/v1', 'Job', 'j', { hook: 'pre-install', weight: w })), want));
}

test('planPhases: PanDA-like chart', () => {
  const got = planPhases(pandaObjects('panda')).map((p) => [
    p.weight === undefined ? p.name : `${p.name}(${p.weight})`,
    p.objects.map((o) => `${o.kind}/${o.metadata.name}`),
  ]);
  assert.deepEqual(got, [
    ['pre-hooks(-5)', ['Job/test-panda-wait-db']],
    ['crds', ['CustomResourceDefinition/tasks.panda.example.org']],
    ['rbac', ['ServiceAccount/test-panda', 'Role/test-panda']],
    ['config', ['Secret/test-panda-db', 'ConfigMap/test-panda-jedi', 'ConfigMap/test-panda-server']],
    ['services', ['Service/test-panda-db', 'Service/test-panda-server']],
    ['workloads', ['Deployment/test-panda-jedi', 'Deployment/test-panda-server', 'StatefulSet/test-panda-db']],
    ['post-hooks(5)', ['Job/test-panda-schema']],
  ]);
});

test('planPhases: hooks split by weight, ascending; same weight sorted by kind then name', () => {
  const objects = [
    obj('batch/v1', 'Job', 'b', { hook: 'pre-install', weight: '1' }),
    obj('batch/v1', 'Job', 'a', { hook: 'pre-install', weight: '1' }),
    obj('v1', 'ServiceAccount', 'z', { hook: 'pre-install', weight: '1' }),
    obj('batch/v1', 'Job', 'c', { hook: 'pre-install', weight: '-10' }),
    obj('batch/v1', 'Job', 'd', { hook: 'pre-install' }),
    obj('batch/v1', 'Job', 'e', { hook: 'post-upgrade', weight: '2' }),
    obj('batch/v1', 'Job', 'f', { hook: 'post-install', weight: '-1' }),
  ];
  assert.deepEqual(
    planPhases(objects).map((p) => [p.name, p.weight, p.objects.map((o) => o.metadata.name).join(',')]),
    [
      ['pre-hooks', -10, 'c'],
      ['pre-hooks', 0, 'd'],
      ['pre-hooks', 1, 'z,a,b'],
      ['post-hooks', -1, 'f'],
      ['post-hooks', 2, 'e'],
    ],
  );
});

test('planPhases: empty input, input not modified', () => {
  assert.deepEqual(planPhases([]), []);
  const objects = pandaObjects('p');
  const before = objects.map((o) => o.metadata.name);
  planPhases(objects);
  assert.deepEqual(
    objects.map((o) => o.metadata.name),
    before,
  );
});

test('compareInPhase: Helm kind order, unknown kinds last alphabetically, then namespace, then name', () => {
  const objects = [
    obj('x.io/v1', 'Zebra', 'a'),
    obj('x.io/v1', 'Apple', 'a'),
    obj('networking.k8s.io/v1', 'Ingress', 'a'),
    obj('v1', 'Service', 'b', { namespace: 'n2' }),
    obj('v1', 'Service', 'a', { namespace: 'n2' }),
    obj('v1', 'Service', 'z', { namespace: 'n1' }),
    obj('networking.k8s.io/v1', 'NetworkPolicy', 'a'),
    obj('v1', 'Namespace', 'n1'),
  ];
  assert.deepEqual(
    [...objects].sort(compareInPhase).map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
    [
      'Namespace//n1',
      'NetworkPolicy//a',
      'Service/n1/z',
      'Service/n2/a',
      'Service/n2/b',
      'Ingress//a',
      'Apple//a',
      'Zebra//a',
    ],
  );
});

test('excludedHooks: test, delete and rollback hooks', () => {
  assert.deepEqual(
    excludedHooks(pandaObjects('p')).map((o) => o.metadata.name),
    ['test-panda-test'],
  );
});
