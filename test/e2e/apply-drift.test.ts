/**
 * Drift: an unchanged re-apply skips the dry run (src/plan/applied-hash.ts) only while
 * nobody else has written the object; a change by another field manager is seen by plan and
 * undone by apply, on the real control plane.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apply } from '../../src/apply/index.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { diffStack } from '../../src/plan/diff.ts';
import { configMap, recorder, stack } from './apply-stack.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

test(
  'a change by another field manager is drift: plan shows it, apply undoes it',
  { skip, timeout: 60_000 },
  async (t) => {
    const ns = await freshNamespace('apply-drift', t);
    const s = stack(ns, ns, [{ name: 'app', objects: [configMap(ns, 'settings', { level: 'info' })] }]);
    const options = { client, inventoryNamespace: ns };
    assert.equal((await apply(s.rendered, s.resolved, options, recorder().emit)).ok, true);

    const same = await apply(s.rendered, s.resolved, options, recorder().emit);
    assert.equal(same.objectWrites, 0, 'unchanged re-apply writes nothing');

    // Someone else changes a field convoy manages (as `kubectl apply --server-side --force-conflicts` would).
    await new Promise((r) => setTimeout(r, 1100)); // managedFields times have one-second resolution
    await client.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, data: { level: 'debug' } },
      { fieldManager: 'someone-else', force: true },
    );
    // The other manager now owns the field: plan reports the conflict instead of "unchanged".
    const plan = await diffStack(s.rendered, { client, inventoryNamespace: ns });
    const entry = plan.components[0]?.objects.find((o) => o.ref.name === 'settings');
    assert.equal(entry?.action, 'conflict', JSON.stringify(entry));
    assert.match(entry?.detail ?? '', /someone-else/);
    const forced = await diffStack(s.rendered, { client, inventoryNamespace: ns, forceConflicts: true });
    const forcedEntry = forced.components[0]?.objects.find((o) => o.ref.name === 'settings');
    assert.equal(forcedEntry?.action, 'update', JSON.stringify(forcedEntry));
    assert.ok(
      forcedEntry?.changes.some((c) => c.path.startsWith('data')),
      JSON.stringify(forcedEntry?.changes),
    );

    const fixed = await apply(s.rendered, s.resolved, { ...options, forceConflicts: true }, recorder().emit);
    assert.equal(fixed.objects.configured, 1);
    const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' });
    assert.equal((live?.['data'] as Record<string, string>)['level'], 'info');
  },
);
