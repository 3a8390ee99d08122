import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { ConvoyError } from '../../src/errors.ts';
import { render } from '../../src/render/index.ts';
import { createContext } from '../../src/render/context.ts';
import { helmRenderer } from '../../src/render/helm.ts';
import { helmTool, kubectlTool } from '../../src/render/tools.ts';
import { toolEnv } from '../../src/render/tool-env.ts';
import type { RenderEvent } from '../../src/render/types.ts';
import { cleanup, component, HELM, helmSource, stack, STACK_DIR, tempDir } from '../fixtures/render/helpers.ts';

const temps: string[] = [];
after(() => Promise.all(temps.map(cleanup)));

const native = (image: string) => ({ kind: 'native' as const, workloads: { web: { image } as never } });

test('render: components sorted by name, stack name and environment kept, events per component', async () => {
  const s = {
    ...stack(STACK_DIR, [component('zeta', native('z:1')), component('alpha', native('a:1'))]),
    environment: 'dev',
  };
  const events: RenderEvent[] = [];
  const r = await render(s, { cacheDir: null, concurrency: 1 }, (e) => events.push(e));
  assert.equal(r.name, 'demo');
  assert.equal(r.environment, 'dev');
  assert.deepEqual(
    r.components.map((c) => [c.name, c.instanceName, c.namespace, c.cached, c.objects.length]),
    [
      ['alpha', 'alpha', 'apps', false, 3], // + the generated Namespace apps
      ['zeta', 'zeta', 'apps', false, 2],
    ],
  );
  assert.match(r.components[0]?.inputHash ?? '', /^[0-9a-f]{64}$/);
  const seq = events.map((e) => `${e.type} ${e.component}`);
  assert.deepEqual([...seq].sort(), [
    'render-done alpha',
    'render-done zeta',
    'render-start alpha',
    'render-start zeta',
  ]);
  for (const c of ['alpha', 'zeta']) assert.ok(seq.indexOf(`render-start ${c}`) < seq.indexOf(`render-done ${c}`));
  const done = events.find((e) => e.type === 'render-done');
  assert.ok(done?.type === 'render-done' && done.objects === 2 && done.durationMs >= 0 && !done.cached);
  assert.equal(r.components[0]?.objects[0]?.kind, 'Namespace');
});

test('render: a failing component emits render-failed and rejects after the others finish', async () => {
  const bad = component('bad', { kind: 'native', workloads: { cron: { kind: 'CronJob', image: 'x' } as never } });
  const events: RenderEvent[] = [];
  const err = await render(stack(STACK_DIR, [bad, component('good', native('g:1'))]), { cacheDir: null }, (e) =>
    events.push(e),
  ).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError && err.code === 'E_RENDER');
  assert.deepEqual(
    events
      .filter((e) => e.type !== 'render-start')
      .map((e) => `${e.type} ${e.component}`)
      .sort(),
    ['render-done good', 'render-failed bad'],
  );
});

test('render: concurrency must be a positive integer (E_USAGE)', async () => {
  for (const concurrency of [0, -1, 1.5, Number.NaN]) {
    const err = await render(stack(STACK_DIR, []), { concurrency }).catch((e: unknown) => e);
    assert.ok(err instanceof ConvoyError && err.code === 'E_USAGE', String(concurrency));
  }
});

test('render: cacheDir null writes nothing; a cache dir gets one entry per component and the tool version', async () => {
  const cacheDir = await tempDir();
  temps.push(cacheDir);
  const s = stack(STACK_DIR, [component('app', helmSource(STACK_DIR, 'app')), component('web', native('w:1'))]);
  await render(s, { cacheDir: null, helmBinary: HELM });
  assert.deepEqual(await readdir(cacheDir), []);
  await render(s, { cacheDir, helmBinary: HELM });
  const entries = await readdir(cacheDir);
  assert.equal(entries.filter((f) => f.endsWith('.json')).length, 2);
  assert.deepEqual(await readdir(`${cacheDir}/tools`).then((f) => f.length), 1);
  const again = await render(s, { cacheDir, helmBinary: HELM });
  assert.deepEqual(
    again.components.map((c) => c.cached),
    [true, true],
  );
});

test('helm keyInputs: local charts and pinned remote charts are cacheable, unpinned remote ones are not', async () => {
  const ctx = createContext(stack(STACK_DIR, []), {
    helm: helmTool(HELM),
    kubectl: kubectlTool(undefined),
    toolVersion: async () => 'v4-test',
    env: {},
  });
  const remote = (version?: string) => ({
    ...helmSource(STACK_DIR, 'x'),
    chart: 'activemq',
    chartPath: undefined,
    repo: 'https://charts.example.com',
    ...(version ? { version } : {}),
  });
  const key = (src: ReturnType<typeof helmSource>) => helmRenderer.keyInputs(component('c', src), ctx);
  assert.equal((await key(helmSource(STACK_DIR, 'app'))).cacheable, true);
  assert.equal((await key(remote('5.18.0'))).cacheable, true);
  assert.equal((await key(remote('^5'))).cacheable, false);
  assert.equal((await key(remote())).cacheable, false);
  const pinned = (await key(remote('5.18.0'))).inputs as { chart: unknown; tool: string };
  assert.deepEqual(pinned.chart, { repo: 'https://charts.example.com', chart: 'activemq', version: '5.18.0' });
  assert.equal(pinned.tool, 'v4-test');
});

test('toolEnv: GOGC off with a memory limit unless the user set GOGC or GOMEMLIMIT', () => {
  assert.deepEqual(toolEnv({ PATH: '/bin' }), { PATH: '/bin', GOGC: 'off', GOMEMLIMIT: '1GiB' });
  assert.deepEqual(toolEnv({ GOGC: '100' }), { GOGC: '100' });
  assert.deepEqual(toolEnv({ GOMEMLIMIT: '2GiB' }), { GOMEMLIMIT: '2GiB' });
});
