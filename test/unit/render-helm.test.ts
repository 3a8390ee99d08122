/**
 * Helm components through the real `helm template` (.tools/bin/helm; `bash tools/setup.sh`).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, utimes, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConvoyError } from '../../src/errors.ts';
import { render } from '../../src/render/index.ts';
import type { RenderEvent } from '../../src/render/types.ts';
import { toYaml } from '../../src/objects/yaml.ts';
import type { KubeObject } from '../../src/objects/types.ts';
import {
  cleanup,
  component,
  copyStack,
  FIXTURES,
  HELM,
  helmSource,
  stack,
  STACK_DIR,
  tempDir,
} from '../fixtures/render/helpers.ts';

const temps: string[] = [];
after(() => Promise.all(temps.map(cleanup)));
async function temp(): Promise<string> {
  const d = await tempDir();
  temps.push(d);
  return d;
}

const find = (objs: KubeObject[], kind: string, name: string) =>
  objs.find((o) => o.kind === kind && o.metadata.name === name);
const kinds = (objs: KubeObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);

async function renderApp(extra: Parameters<typeof helmSource>[2] = {}, opts: { instanceName?: string } = {}) {
  const s = stack(STACK_DIR, [component('app', helmSource(STACK_DIR, 'app', extra), opts)]);
  const r = await render(s, { cacheDir: null, helmBinary: HELM });
  return r.components[0]?.objects ?? [];
}

test('helm: templates, subchart, CRDs and hooks, all annotated with component and origin', async () => {
  const objs = await renderApp({}, { instanceName: 'test-app' });
  assert.deepEqual(kinds(objs), [
    'Namespace/apps', // generated: the component's namespace (src/render/generators/namespaces.ts)
    'CustomResourceDefinition/gadgets.example.com',
    'CustomResourceDefinition/widgets.example.com',
    'ClusterRole/test-app-app-reader',
    'ConfigMap/test-app-sub',
    'Service/test-app-app',
    'Deployment/test-app-app',
    'Job/test-app-app-migrate',
    'Job/test-app-app-seed',
    'Gadget/test-app-app',
    'Widget/test-app-app',
  ]);
  for (const o of objs) assert.equal(o.metadata.annotations?.['convoy.dev/component'], 'app');
  const origin = (kind: string, name: string) => find(objs, kind, name)?.metadata.annotations?.['convoy.dev/origin'];
  assert.equal(origin('Deployment', 'test-app-app'), 'charts/app/templates/deployment.yaml');
  assert.equal(origin('ConfigMap', 'test-app-sub'), 'charts/app/charts/sub/templates/configmap.yaml');
  assert.equal(origin('CustomResourceDefinition', 'gadgets.example.com'), 'charts/app/crds/widgets.yaml');
  assert.equal(origin('CustomResourceDefinition', 'widgets.example.com'), 'charts/app/crds/widgets.yaml');
  assert.equal(origin('Gadget', 'test-app-app'), 'charts/app/templates/widget.yaml');
  assert.equal(origin('Namespace', 'apps'), 'generated:namespace');
});

test('helm: hooks are kept with their annotations and weights', async () => {
  const objs = await renderApp();
  const hooks = objs.filter((o) => o.metadata.annotations?.['helm.sh/hook'] !== undefined);
  assert.deepEqual(
    hooks.map((h) => [
      h.metadata.name,
      h.metadata.annotations?.['helm.sh/hook'],
      h.metadata.annotations?.['helm.sh/hook-weight'],
    ]),
    [
      ['app-app-migrate', 'pre-install,pre-upgrade', '-5'],
      ['app-app-seed', 'post-install', '5'],
    ],
  );
  assert.equal(hooks[0]?.metadata.annotations?.['helm.sh/hook-delete-policy'], 'before-hook-creation');
});

test('helm: namespaced objects get the component namespace, cluster-scoped ones (incl. CRD scope Cluster) none', async () => {
  const objs = await renderApp();
  for (const [kind, ns] of [
    ['Deployment', 'apps'],
    ['Service', 'apps'],
    ['Job', 'apps'],
    ['Widget', 'apps'],
    ['ClusterRole', undefined],
    ['Gadget', undefined],
    ['CustomResourceDefinition', undefined],
  ] as const) {
    for (const o of objs.filter((x) => x.kind === kind))
      assert.equal(o.metadata.namespace, ns, `${kind} ${o.metadata.name}`);
  }
});

test('helm: values files, inline values (stdin) and --set-json apply in that order; optional template appears', async () => {
  const base = await renderApp();
  assert.equal(find(base, 'ConfigMap', 'app-app-extra'), undefined);
  const objs = await renderApp({
    valuesFiles: [join(STACK_DIR, 'values/prod.yaml')],
    inlineValues: { port: 9090, extra: { greeting: 'inline' } },
    set: { 'extra.greeting': 'set wins', image: 'registry.example/app:2.0' },
  });
  const extra = find(objs, 'ConfigMap', 'app-app-extra');
  assert.deepEqual(extra?.data, { greeting: 'set wins', port: '9090' });
  const dep = find(objs, 'Deployment', 'app-app') as {
    spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  } & KubeObject;
  assert.equal(dep.spec.replicas, 3);
  assert.equal(dep.spec.template.spec.containers[0]?.image, 'registry.example/app:2.0');
});

test('helm: releaseName overrides the instance name; includeCrds false drops crds/; sub.enabled=false drops the subchart', async () => {
  const objs = await renderApp({ releaseName: 'rel', includeCrds: false, inlineValues: { sub: { enabled: false } } });
  assert.ok(find(objs, 'Deployment', 'rel-app'));
  assert.equal(objs.filter((o) => o.kind === 'CustomResourceDefinition').length, 0);
  assert.equal(find(objs, 'ConfigMap', 'rel-sub'), undefined);
});

test('helm: rendering twice gives byte-identical YAML', async () => {
  const extra = { valuesFiles: [join(STACK_DIR, 'values/prod.yaml')] };
  assert.equal(toYaml(await renderApp(extra)), toYaml(await renderApp(extra)));
});

test('helm: cache hit on the second render; content edits miss, mtime-only touches hit', async () => {
  const dir = await copyStack();
  temps.push(dir);
  const cacheDir = await temp();
  const values = join(dir, 'values/prod.yaml');
  const s = stack(dir, [component('app', helmSource(dir, 'app', { valuesFiles: [values] }))]);
  const events: RenderEvent[] = [];
  const run = () => render(s, { cacheDir, helmBinary: HELM }, (e) => events.push(e));

  const first = await run();
  assert.equal(first.components[0]?.cached, false);
  assert.equal((await readdir(cacheDir)).filter((f) => f.endsWith('.json')).length, 1);
  const second = await run();
  assert.equal(second.components[0]?.cached, true);
  assert.equal(second.components[0]?.inputHash, first.components[0]?.inputHash);
  assert.equal(toYaml(second.components[0]?.objects ?? []), toYaml(first.components[0]?.objects ?? []));
  assert.deepEqual(second.components[0]?.objects, first.components[0]?.objects);

  await utimes(values, new Date(), new Date(Date.now() + 5000));
  assert.equal((await run()).components[0]?.cached, true, 'mtime alone does not invalidate');

  await appendFile(values, 'replicas: 5\n');
  const third = await run();
  assert.equal(third.components[0]?.cached, false, 'a values edit misses');
  assert.notEqual(third.components[0]?.inputHash, first.components[0]?.inputHash);
  const dep = find(third.components[0]?.objects ?? [], 'Deployment', 'app-app') as KubeObject & {
    spec: { replicas: number };
  };
  assert.equal(dep.spec.replicas, 5);

  await writeFile(join(dir, 'charts/app/charts/sub/values.yaml'), 'message: changed\n');
  assert.equal((await run()).components[0]?.cached, false, 'a subchart edit misses');
  assert.equal((await run()).components[0]?.cached, true);

  const done = events.filter((e) => e.type === 'render-done');
  assert.deepEqual(
    done.map((e) => e.cached),
    [false, true, true, false, false, true],
  );
  assert.ok(
    done.every((e) => e.objects === 11 || e.objects === 10),
    JSON.stringify(done),
  );
  assert.equal(events.filter((e) => e.type === 'render-start').length, 6);
});

test('helm: template failure → E_RENDER with helm stderr first line, fix and cause', async () => {
  const dir = join(FIXTURES, 'bad');
  const s = stack(dir, [component('bad', helmSource(dir, 'failing'))]);
  const err = await render(s, { cacheDir: null, helmBinary: HELM }).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError);
  assert.equal(err.code, 'E_RENDER');
  assert.match(err.message, /^helm template failed for component "bad": .*name is required/);
  assert.ok(!err.message.includes('\n'));
  assert.match(err.fix ?? '', /helm template bad charts\/failing --namespace apps/);
  assert.match(String((err.cause as Error).message), /name is required/);
  assert.deepEqual(err.position, { file: 'convoy.yaml', line: 1, column: 1 });
});

test('helm: a missing binary → E_TOOL with the setup fix', async () => {
  const s = stack(STACK_DIR, [component('app', helmSource(STACK_DIR, 'app'))]);
  const err = await render(s, { cacheDir: null, helmBinary: '/nonexistent/helm' }).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError);
  assert.equal(err.code, 'E_TOOL');
  assert.equal(err.fix, 'run bash tools/setup.sh or set CONVOY_HELM');
});
