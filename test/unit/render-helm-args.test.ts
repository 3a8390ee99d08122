import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helmTemplateArgs, isPinned } from '../../src/render/helm-args.ts';
import { helmOrigin } from '../../src/render/helm.ts';
import { component, helmSource } from '../fixtures/render/helpers.ts';

const remote = (chart: string, version?: string) => ({
  ...helmSource('/s', 'x'),
  chart,
  chartPath: undefined,
  repo: 'https://charts.example.com',
  ...(version ? { version } : {}),
});

test('helmTemplateArgs: local chart, defaults', () => {
  const c = component('panda', helmSource('/stack', 'panda'), { instanceName: 'test-panda', namespace: 'panda' });
  assert.deepEqual(helmTemplateArgs(c, helmSource('/stack', 'panda')), [
    'template',
    'test-panda',
    '/stack/charts/panda',
    '--namespace',
    'panda',
    '--include-crds',
  ]);
});

test('helmTemplateArgs: every option in order; inline values on stdin as -f -', () => {
  const src = {
    ...remote('activemq', '5.18.0'),
    releaseName: 'mq',
    includeCrds: false,
    valuesFiles: ['/s/values.yaml', '/s/values-prod.yaml'],
    inlineValues: { a: 1 },
    set: { 'image.tag': 'v2', replicas: 2, debug: true },
    kubeVersion: '1.34.0',
    apiVersions: ['monitoring.coreos.com/v1', 'cert-manager.io/v1'],
  };
  assert.deepEqual(helmTemplateArgs(component('msgsvc', src), src), [
    'template',
    'mq',
    'activemq',
    '--namespace',
    'apps',
    '--repo',
    'https://charts.example.com',
    '--version',
    '5.18.0',
    '-f',
    '/s/values.yaml',
    '-f',
    '/s/values-prod.yaml',
    '-f',
    '-',
    '--set-json',
    'image.tag="v2"',
    '--set-json',
    'replicas=2',
    '--set-json',
    'debug=true',
    '--kube-version',
    '1.34.0',
    '--api-versions',
    'monitoring.coreos.com/v1',
    '--api-versions',
    'cert-manager.io/v1',
  ]);
});

test('isPinned: exact versions and OCI digests only', () => {
  const cases: [string, string | undefined, boolean][] = [
    ['activemq', '5.18.0', true],
    ['activemq', 'v1.2.3-rc.1+build.5', true],
    ['activemq', '^5.18.0', false],
    ['activemq', '5.x', false],
    ['activemq', '>=1.0.0 <2.0.0', false],
    ['activemq', undefined, false],
    [`oci://reg.example/charts/mq@sha256:${'a'.repeat(64)}`, undefined, true],
  ];
  for (const [chart, version, pinned] of cases)
    assert.equal(isPinned(remote(chart, version)), pinned, `${chart} ${version}`);
});

test('helmOrigin: local paths relative to the stack dir, remote chart@version:path', () => {
  const rel = (p: string) => p.replace(/^\/stack\/?/, '');
  const local = helmSource('/stack', 'panda');
  assert.equal(helmOrigin(local, 'panda/templates/deployment.yaml', rel), 'charts/panda/templates/deployment.yaml');
  assert.equal(
    helmOrigin(local, 'panda/charts/sub/templates/cm.yaml', rel),
    'charts/panda/charts/sub/templates/cm.yaml',
  );
  assert.equal(helmOrigin(local, undefined, rel), 'charts/panda');
  const atRoot = { ...local, chartPath: '/stack' };
  assert.equal(helmOrigin(atRoot, 'panda/templates/x.yaml', rel), 'templates/x.yaml');
  assert.equal(
    helmOrigin(remote('activemq', '5.18.0'), 'activemq/templates/sts.yaml', rel),
    'activemq@5.18.0:templates/sts.yaml',
  );
  assert.equal(helmOrigin(remote('activemq'), 'activemq/templates/sts.yaml', rel), 'activemq:templates/sts.yaml');
});
