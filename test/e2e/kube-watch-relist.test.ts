/**
 * The watch's 410 Gone path on the real control plane: a watch from a compacted
 * resourceVersion gets `ERROR 410 Expired`, re-lists, and brings the consumer up to date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/objects/types.ts';
import { createClient } from '../../src/kube/client.ts';
import { resourcePath } from '../../src/kube/paths.ts';
import { loadKubeConfig, Transport } from '../../src/kube/transport.ts';
import type { WatchEvent } from '../../src/kube/types.ts';
import { runWatch } from '../../src/kube/watch.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';

test('watch: 410 Gone on a compacted resourceVersion re-lists and emits the difference', { skip }, async (t) => {
  const { kubeconfigPath } = await getCluster();
  const ns = await freshNamespace('kube-relist', t);
  const client = await createClient({ kubeconfig: kubeconfigPath });
  t.after(() => client.close());
  const transport = new Transport(loadKubeConfig({ kubeconfig: kubeconfigPath }));
  t.after(() => transport.close());
  const info = await client.resourceFor('v1', 'ConfigMap');
  const path = resourcePath(info, ns);

  // Is resourceVersion 1 compacted yet? (The API server compacts every 5 minutes.)
  const probe = (await transport.request({
    method: 'GET',
    path,
    query: { watch: '1', resourceVersion: '1', timeoutSeconds: '1' },
  })) as { type?: string; object?: { code?: number } } | undefined;
  if (probe?.object?.code !== 410) {
    t.skip('resourceVersion 1 is not compacted yet (cluster younger than 5 minutes)');
    return;
  }

  await client.apply(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: ns } },
    { fieldManager: 'convoy' },
  );
  const lists: string[] = [];
  const events: WatchEvent[] = [];
  const controller = new AbortController();
  const watching = runWatch(
    {
      context: { verb: 'watch', kind: 'ConfigMap', namespace: ns },
      maxRetries: 3,
      // First "list": a stale snapshot (nothing, at resourceVersion 1); then real lists.
      list: async (signal) => {
        if (lists.length === 0) {
          lists.push('stale');
          return { items: [], resourceVersion: '1' };
        }
        lists.push('real');
        const page = (await transport.request({ method: 'GET', path, signal })) as {
          items: KubeObject[];
          metadata: { resourceVersion: string };
        };
        return {
          items: page.items.map((i) => ({ ...i, apiVersion: 'v1', kind: 'ConfigMap' })),
          resourceVersion: page.metadata.resourceVersion,
        };
      },
      open: (query, signal) => transport.open({ method: 'GET', path, query, signal }),
    },
    (e) => {
      events.push(e);
      if (e.object.metadata.name === 'b') controller.abort();
    },
    controller.signal,
  );
  t.after(() => controller.abort());
  // After the re-list, new changes still arrive through the watch.
  const deadline = Date.now() + 20_000;
  while (!events.some((e) => e.object.metadata.name === 'a') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await client.apply(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: ns } },
    { fieldManager: 'convoy' },
  );
  await watching;
  assert.deepEqual(lists, ['stale', 'real']);
  assert.deepEqual(
    events.map((e) => `${e.type} ${e.object.metadata.name}`).filter((s) => !s.endsWith('kube-root-ca.crt')),
    ['ADDED a', 'ADDED b'],
  );
});
