/**
 * Two concurrent `convoy apply` of one stack through the CLI (issue 4): the second is refused
 * with exit code 3 and a message naming the holder and since when (`stack "x" is locked by
 * user@host pid N #k since <time> (lease …, expires in … s)`), and writes nothing. The first
 * is kept busy by a Deployment that cannot schedule (its component times out after 6 s); its
 * lock is released when it ends.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lockName } from '../../src/inventory/lock.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { freshNamespace, getCluster, waitFor } from './support/cluster.ts';
import { convoy, deleteNamespaces } from './support/stacks.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

test(
  'a second concurrent convoy apply of one stack exits 3: locked by … since …',
  { skip, timeout: 60_000 },
  async (t) => {
    const invNs = await freshNamespace('inv-lock', t);
    const ns = `${invNs}-app`;
    const dir = mkdtempSync(join(tmpdir(), 'convoy-e2e-lock-'));
    mkdirSync(join(dir, 'manifests'));
    t.after(async () => {
      await deleteNamespaces([ns]);
      rmSync(dir, { recursive: true, force: true });
    });
    writeFileSync(
      join(dir, 'convoy.yaml'),
      `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: locktest}
spec:
  namespace: ${ns}
  podSecurity: {level: baseline}
  components:
    slow:
      timeout: 6s
      manifests: {files: [manifests/slow.yaml]}
`,
    );
    writeFileSync(
      join(dir, 'manifests', 'slow.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: slow}
spec:
  replicas: 1
  selector: {matchLabels: {app: slow}}
  template:
    metadata: {labels: {app: slow}}
    spec:
      nodeSelector: {convoy.dev/no-such-node: "true"}
      containers: [{name: app, image: registry.example/slow:1}]
`,
    );
    const args = ['apply', dir, '--inventory-namespace', invNs, '-o', 'json'];
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: invNs, name: lockName('locktest') };

    const first = convoy(args);
    await waitFor('the first apply holds the lock', () => client.get(lease), { timeoutMs: 20_000, intervalMs: 50 });
    const second = await convoy(args);
    assert.equal(second.code, 3, `second apply: exit ${second.code}\n${second.stderr}`);
    assert.match(
      second.stderr,
      /stack "locktest" is locked by \S+@\S+ pid \d+ #\d+ since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(lease [^)]*convoy-lock-locktest, expires in \d+ s\)/,
    );
    assert.equal(second.stdout.includes('"type":"component-start"'), false, 'the second apply started nothing');

    const r1 = await first;
    assert.equal(r1.code, 1, 'the first apply times out on the unschedulable Deployment');
    assert.equal(await client.get(lease), undefined, 'the first apply released its lock');
    await convoy(['destroy', dir, '--inventory-namespace', invNs, '--purge', '-o', 'json']);
  },
);
