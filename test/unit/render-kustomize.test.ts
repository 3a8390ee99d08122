/**
 * Kustomize components through the real kustomize in kubectl (.tools/bin/kubectl).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConvoyError } from '../../src/errors.ts';
import { render } from '../../src/render/index.ts';
import { createContext } from '../../src/render/context.ts';
import { kustomizeInputs } from '../../src/render/kustomize-inputs.ts';
import { helmTool, kubectlTool } from '../../src/render/tools.ts';
import type { ResolvedSource } from '../../src/resolve/types.ts';
import { cleanup, component, copyStack, KUBECTL, stack, STACK_DIR, tempDir } from '../fixtures/render/helpers.ts';

const temps: string[] = [];
after(() => Promise.all(temps.map(cleanup)));

const kustomize = (dir: string, path: string): ResolvedSource => ({
  kind: 'kustomize',
  path,
  absPath: join(dir, path),
});

test('kustomize: overlay with a ../base, origin kustomize:<dir>, namespace defaulted', async () => {
  const s = stack(STACK_DIR, [component('web', kustomize(STACK_DIR, 'kustomize/overlay'), { namespace: 'web' })]);
  const r = await render(s, { cacheDir: null, kubectlBinary: KUBECTL });
  const objs = r.components[0]?.objects ?? [];
  assert.deepEqual(
    objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
    ['Namespace//web', 'ConfigMap/web/prod-web-config-btf6f9dc9c', 'Service/web/prod-web', 'Deployment/web/prod-web'],
  );
  for (const o of objs.slice(1)) {
    assert.equal(o.metadata.annotations?.['convoy.dev/origin'], 'kustomize:kustomize/overlay');
    assert.equal(o.metadata.annotations?.['convoy.dev/component'], 'web');
  }
  assert.equal((objs[3]?.spec as { replicas: number }).replicas, 2);
});

test('kustomize: the cache follows ../base (an edit there misses)', async () => {
  const dir = await copyStack();
  const cacheDir = await tempDir();
  temps.push(dir, cacheDir);
  const s = stack(dir, [component('web', kustomize(dir, 'kustomize/overlay'))]);
  const run = async () => (await render(s, { cacheDir, kubectlBinary: KUBECTL })).components[0];
  assert.equal((await run())?.cached, false);
  assert.equal((await run())?.cached, true);
  await writeFile(
    join(dir, 'kustomize/base/service.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 8080}]}\n',
  );
  const third = await run();
  assert.equal(third?.cached, false);
  const svc = third?.objects.find((o) => o.kind === 'Service');
  assert.deepEqual((svc?.spec as { ports: unknown[] }).ports, [{ port: 8080 }]);
});

test('kustomizeInputs: local references hashed, remote ones make it uncacheable', async () => {
  const dir = await tempDir();
  temps.push(dir);
  await mkdir(join(dir, 'app'));
  await mkdir(join(dir, 'shared'));
  await writeFile(join(dir, 'shared/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  await writeFile(join(dir, 'shared/env.txt'), 'A=1\n');
  await writeFile(
    join(dir, 'app/kustomization.yaml'),
    'resources: [../shared/cm.yaml]\nconfigMapGenerator: [{name: e, envs: [../shared/env.txt]}]\n',
  );
  const s = stack(dir, []);
  const ctx = createContext(s, {
    helm: helmTool(undefined),
    kubectl: kubectlTool(KUBECTL),
    toolVersion: async () => 'v',
    env: {},
  });
  const local = await kustomizeInputs(join(dir, 'app'), ctx);
  assert.equal(local.cacheable, true);
  assert.deepEqual(
    local.inputs.map((i) => i.path),
    ['app', 'shared/cm.yaml', 'shared/env.txt'],
  );
  await writeFile(join(dir, 'app/kustomization.yaml'), 'resources: [https://github.com/org/repo//base?ref=v1]\n');
  const ctx2 = createContext(s, {
    helm: helmTool(undefined),
    kubectl: kubectlTool(KUBECTL),
    toolVersion: async () => 'v',
    env: {},
  });
  assert.equal((await kustomizeInputs(join(dir, 'app'), ctx2)).cacheable, false);
});

test('kustomize: failure → E_RENDER with the first error line', async () => {
  const dir = await tempDir();
  temps.push(dir);
  await writeFile(join(dir, 'kustomization.yaml'), 'resources: [missing.yaml]\n');
  const s = stack(dir, [component('web', { kind: 'kustomize', path: '.', absPath: dir })]);
  const err = await render(s, { cacheDir: null, kubectlBinary: KUBECTL }).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError);
  assert.equal(err.code, 'E_RENDER');
  assert.match(err.message, /^kustomize failed for component "web": .*missing\.yaml/);
  assert.match(err.fix ?? '', /kubectl kustomize \./);
});
