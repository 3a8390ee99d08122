/**
 * The deployment engine's phases on the real local control plane: Helm hooks by weight
 * (install vs upgrade, delete policies), a CRD and its custom resource in one component
 * (wait for Established, discovery refresh), a Namespace made by the stack, and a
 * server-side dry run that writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apply, destroy } from '../../src/apply/index.ts';
import type { ApplyEvent, ApplyOptions } from '../../src/apply/index.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import type { KubeObject } from '../../src/objects/types.ts';
import { diffStack } from '../../src/plan/diff.ts';
import { configMap, deployment, job, recorder, stack } from './apply-stack.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

const hooked = (obj: KubeObject, hook: string, weight: number, policy?: string): KubeObject => ({
  ...obj,
  metadata: {
    ...obj.metadata,
    annotations: {
      ...obj.metadata.annotations,
      'helm.sh/hook': hook,
      'helm.sh/hook-weight': String(weight),
      ...(policy ? { 'helm.sh/hook-delete-policy': policy } : {}),
    },
  },
});

const hookLog = (events: ApplyEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'hook' ? [`${e.hook} ${e.weight} ${e.ref.kind}/${e.ref.name} ${e.action}`] : []));

test(
  'Helm hooks run by weight around the main phases; install and upgrade pick their hooks',
  { skip, timeout: 120_000 },
  async (t) => {
    const ns = await freshNamespace('apply-hooks', t);
    const options: ApplyOptions = { client, inventoryNamespace: ns };
    const objects = [
      deployment(ns, 'app'),
      hooked(configMap(ns, 'pre-config', { a: '1' }), 'pre-install,pre-upgrade', -5),
      hooked(job(ns, 'pre-migrate'), 'pre-install', -1, 'hook-succeeded'),
      hooked(job(ns, 'upgrade-migrate'), 'pre-upgrade', 0, 'before-hook-creation,hook-succeeded'),
      hooked(job(ns, 'post-check'), 'post-install,post-upgrade', 0),
      hooked(job(ns, 'test-only'), 'test', 0),
    ];
    const s = stack(ns, ns, [{ name: 'app', objects }]);

    const rec = recorder();
    const r1 = await apply(s.rendered, s.resolved, options, rec.emit);
    assert.equal(r1.ok, true, JSON.stringify(r1.failed));
    assert.deepEqual(hookLog(rec.events), [
      'pre-install -5 ConfigMap/pre-config applied',
      'pre-install -5 ConfigMap/pre-config succeeded',
      'pre-install -1 Job/pre-migrate applied',
      'pre-install -1 Job/pre-migrate succeeded',
      'pre-install -1 Job/pre-migrate deleted-after',
      'post-install 0 Job/post-check applied',
      'post-install 0 Job/post-check succeeded',
    ]);
    const phases = rec.events.flatMap((e) =>
      e.type === 'phase-start' ? [`${e.phase}${e.weight === undefined ? '' : ` ${e.weight}`}`] : [],
    );
    assert.deepEqual(phases, ['pre-hooks -5', 'pre-hooks -1', 'workloads', 'post-hooks 0']);
    const jobRef = (name: string) => ({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name });
    assert.equal(await client.get(jobRef('pre-migrate')), undefined, 'hook-succeeded deleted it');
    assert.ok(await client.get(jobRef('post-check')), 'no policy for success: it stays');
    assert.equal(await client.get(jobRef('test-only')), undefined, 'test hooks are not applied');
    assert.equal(await client.get(jobRef('upgrade-migrate')), undefined, 'pre-upgrade hooks do not run on install');

    // Re-applying the unchanged component writes nothing and runs no hooks.
    const recSame = recorder();
    const same = await apply(s.rendered, s.resolved, options, recSame.emit);
    assert.equal(same.ok, true, JSON.stringify(same.failed));
    assert.deepEqual(hookLog(recSame.events), [], 'an unchanged upgrade runs no hooks');
    assert.equal(same.objectWrites, 0);

    // A changed component is an upgrade: before-hook-creation (the default) re-creates the hooks.
    const changed = stack(ns, ns, [{ name: 'app', objects: [configMap(ns, 'app-settings', { v: '2' }), ...objects] }]);
    const rec2 = recorder();
    const r2 = await apply(changed.rendered, changed.resolved, options, rec2.emit);
    assert.equal(r2.ok, true, JSON.stringify(r2.failed));
    assert.deepEqual(hookLog(rec2.events), [
      'pre-upgrade -5 ConfigMap/pre-config deleted-before',
      'pre-upgrade -5 ConfigMap/pre-config applied',
      'pre-upgrade -5 ConfigMap/pre-config succeeded',
      'pre-upgrade 0 Job/upgrade-migrate applied',
      'pre-upgrade 0 Job/upgrade-migrate succeeded',
      'pre-upgrade 0 Job/upgrade-migrate deleted-after',
      'post-upgrade 0 Job/post-check deleted-before',
      'post-upgrade 0 Job/post-check applied',
      'post-upgrade 0 Job/post-check succeeded',
    ]);
  },
);

test(
  'a CRD and its resources in one component, a Namespace made by the stack; dry run writes nothing',
  { skip, timeout: 180_000 },
  async (t) => {
    const base = await freshNamespace('apply-crd', t);
    const suffix = base.slice(-8);
    const group = `e2e-${suffix}.example.com`;
    const appNs = `apply-crd-app-${suffix}`;
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    };
    const widget: KubeObject = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w1', namespace: appNs },
      spec: { size: 3 },
    };
    const s = stack(base, base, [
      { name: 'platform', objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: appNs } }, crd] },
      { name: 'app', needs: ['platform'], objects: [widget, configMap(appNs, 'settings', { a: '1' })] },
    ]);
    const options: ApplyOptions = { client, inventoryNamespace: base };
    const { core } = await getCluster();
    t.after(async () => {
      await core.deleteNamespace({ name: appNs }).catch(() => undefined);
      await client.delete({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        name: `widgets.${group}`,
      });
    });

    // The plan and the dry run cope with the kind and namespace that do not exist yet.
    const plan = await diffStack(s.rendered, { client, inventoryNamespace: base });
    assert.equal(plan.counts.create, 4, JSON.stringify(plan, null, 2));
    const writes0 = client.stats().writes;
    const dry = recorder();
    const rd = await apply(s.rendered, s.resolved, { ...options, dryRun: true }, dry.emit);
    assert.equal(rd.ok, true, JSON.stringify(rd.failed));
    assert.equal(client.stats().writes, writes0, 'a dry run writes nothing (no lock, no inventory)');
    assert.ok(
      dry.events
        .filter((e) => e.type === 'object-apply')
        .every((e) => e.type === 'object-apply' && e.dryRun && e.action === 'created'),
    );
    assert.equal(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: appNs }), undefined);

    // The real apply: the CRD is Established before the Widget is applied.
    const rec = recorder();
    const r = await apply(s.rendered, s.resolved, options, rec.emit);
    assert.equal(r.ok, true, JSON.stringify(r.failed));
    const established = rec.events.findIndex(
      (e) => e.type === 'object-status' && e.ref.kind === 'CustomResourceDefinition' && e.status === 'Current',
    );
    const widgetApplied = rec.events.findIndex((e) => e.type === 'object-apply' && e.ref.kind === 'Widget');
    assert.ok(established >= 0 && established < widgetApplied);
    assert.ok(await client.get({ apiVersion: `${group}/v1`, kind: 'Widget', namespace: appNs, name: 'w1' }));

    // Destroy in reverse: app (the Widget) before platform (CRD and Namespace), all gone.
    const d = await destroy(s.resolved, options, () => undefined);
    assert.equal(d.ok, true, JSON.stringify(d.failed));
    assert.deepEqual(
      d.deleted.map((x) => x.kind),
      ['Widget', 'ConfigMap', 'CustomResourceDefinition', 'Namespace'],
    );
    assert.equal(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: appNs }), undefined);
  },
);
