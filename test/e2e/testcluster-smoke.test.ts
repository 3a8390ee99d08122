/**
 * Smoke test of the local control plane itself (tools/testcluster, docs/testcluster.md):
 * the real API server, controller-manager and scheduler with kwok's fake nodes do what
 * convoy's e2e tests rely on, including the failure-simulation stages.
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApiException, VersionApi, type V1Job, type V1Pod, type V1Deployment } from '@kubernetes/client-node';
import {
  freshNamespace,
  getCluster,
  serverSideApply,
  waitFor,
  watchUntil,
  type TestCluster,
} from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
const KUBE_VERSION = 'v1.35.8'; // tools/testcluster/versions.env

let cluster: TestCluster;
before(async () => {
  if (skip) return;
  cluster = await getCluster();
});

interface Widget {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { size: number };
}

const condition = (conds: { type: string; status: string }[] | undefined, type: string) =>
  conds?.find((c) => c.type === type)?.status;
const podReady = (p: V1Pod) => condition(p.status?.conditions, 'Ready') === 'True';

function jobManifest(ns: string, name: string, annotations: Record<string, string> = {}): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: ns },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}

function podManifest(ns: string, name: string, image: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { containers: [{ name: 'main', image }] },
  };
}

describe('testcluster control plane', { skip }, () => {
  test('reports the pinned Kubernetes version and has 3 Ready kwok nodes', async () => {
    const version = await waitFor('/version', async () => {
      const res = await fetchVersion(cluster);
      return res.gitVersion ? res : undefined;
    });
    assert.equal(version.gitVersion, KUBE_VERSION);
    const nodes = await cluster.core.listNode({ labelSelector: 'type=kwok' });
    assert.equal(nodes.items.length, 3);
    for (const n of nodes.items) assert.equal(condition(n.status?.conditions, 'Ready'), 'True', n.metadata?.name);
  });

  test('a server-side-applied Deployment gets 2 Running, Ready pods on kwok nodes and becomes Available', async (t) => {
    const ns = await freshNamespace('smoke-deploy', t);
    await serverSideApply<V1Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
    });
    const dep = await watchUntil<V1Deployment>(
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      (d) =>
        d.metadata?.name === 'web' &&
        condition(d.status?.conditions, 'Available') === 'True' &&
        d.status?.readyReplicas === 2,
    );
    assert.equal(dep.status?.availableReplicas, 2);
    const pods = (await cluster.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items;
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.match(p.spec?.nodeName ?? '', /^convoy-node-[123]$/);
      assert.equal(p.status?.phase, 'Running');
      assert.ok(podReady(p), `${p.metadata?.name} is Ready`);
      assert.ok(p.status?.podIP, 'has a pod IP');
    }
  });

  test('a Job completes', async (t) => {
    const ns = await freshNamespace('smoke-job', t);
    await serverSideApply(jobManifest(ns, 'ok'));
    const job = await watchUntil<V1Job>(`/apis/batch/v1/namespaces/${ns}/jobs`, (j) =>
      Boolean(j.metadata?.name === 'ok' && condition(j.status?.conditions, 'Complete') === 'True'),
    );
    assert.equal(job.status?.succeeded, 1);
  });

  test('a CRD becomes Established and a custom resource of it is accepted', async (t) => {
    const ns = await freshNamespace('smoke-crd', t);
    const group = `${ns}.e2e.convoy.dev`; // unique per run, so parallel runs never share the CRD
    const crdName = `widgets.${group}`;
    t.after(async () => {
      await cluster.objects
        .delete({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: crdName },
        })
        .catch(() => undefined);
    });
    await serverSideApply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: crdName },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
              },
            },
          },
        ],
      },
    });
    await waitFor('CRD Established', async () => {
      const crd = await cluster.objects.read<{
        apiVersion: string;
        kind: string;
        metadata: { name: string };
        status?: { conditions?: { type: string; status: string }[] };
      }>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: crdName } });
      return condition(crd.status?.conditions, 'Established') === 'True';
    });
    // Discovery can trail Established by a moment: retry the first write briefly.
    const widget: Widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w1', namespace: ns },
      spec: { size: 3 },
    };
    const cr = await waitFor('custom resource accepted', () => serverSideApply(widget));
    assert.equal(cr.spec.size, 3);
  });

  test('deleting a namespace with workloads completes', async () => {
    // Not via freshNamespace's cleanup: this test is the deletion.
    const ns = await freshNamespace('smoke-nsdel');
    await serverSideApply(jobManifest(ns, 'done'));
    await serverSideApply(podManifest(ns, 'running', 'nginx:1.27'));
    await watchUntil<V1Pod>(`/api/v1/namespaces/${ns}/pods`, (p) => p.metadata?.name === 'running' && podReady(p));
    await cluster.core.deleteNamespace({ name: ns });
    await waitFor(
      `namespace ${ns} gone`,
      async () => {
        try {
          await cluster.core.readNamespace({ name: ns });
          return false;
        } catch (err) {
          if (err instanceof ApiException && err.code === 404) return true;
          throw err;
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  test('Pod Security admission: a restricted namespace rejects a privileged Pod', async (t) => {
    const ns = await freshNamespace('smoke-psa', t, { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const privileged: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'priv', namespace: ns },
      spec: { containers: [{ name: 'main', image: 'busybox:1.36', securityContext: { privileged: true } }] },
    };
    await assert.rejects(
      () => cluster.core.createNamespacedPod({ namespace: ns, body: privileged }),
      (err: unknown) => {
        assert.ok(err instanceof ApiException, String(err));
        assert.equal(err.code, 403);
        const status = (typeof err.body === 'string' ? JSON.parse(err.body) : err.body) as {
          reason?: string;
          message?: string;
        };
        assert.equal(status.reason, 'Forbidden');
        assert.match(status.message ?? '', /violates PodSecurity "restricted:latest": privileged/);
        return true;
      },
    );
  });

  test('a static PersistentVolume binds to a matching claim', async (t) => {
    const ns = await freshNamespace('smoke-pv', t);
    const pvName = `${ns}-pv`;
    t.after(async () => {
      await cluster.core.deletePersistentVolume({ name: pvName }).catch(() => undefined);
    });
    await cluster.core.createPersistentVolume({
      body: {
        metadata: { name: pvName },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'convoy-static',
          persistentVolumeReclaimPolicy: 'Retain',
          hostPath: { path: `/tmp/${pvName}` },
          claimRef: { namespace: ns, name: 'data' },
        },
      },
    });
    await cluster.core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'convoy-static',
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
    const pvc = await waitFor(
      'PVC Bound',
      async () => {
        const c = await cluster.core.readNamespacedPersistentVolumeClaim({ namespace: ns, name: 'data' });
        return c.status?.phase === 'Bound' ? c : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    assert.equal(pvc.spec?.volumeName, pvName);
  });

  describe('failure stages', () => {
    test('image containing convoy-test/unpullable: ImagePullBackOff, never Ready', async (t) => {
      const ns = await freshNamespace('smoke-pull', t);
      await serverSideApply(podManifest(ns, 'p', 'registry.invalid/convoy-test/unpullable:1'));
      const pod = await watchUntil<V1Pod>(
        `/api/v1/namespaces/${ns}/pods`,
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff',
      );
      assert.equal(pod.status?.phase, 'Pending');
      assert.equal(podReady(pod), false);
      // It stays that way: the normal stages never pick it up.
      await new Promise((r) => setTimeout(r, 1500));
      const later = await cluster.core.readNamespacedPod({ namespace: ns, name: 'p' });
      assert.equal(later.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ImagePullBackOff');
      assert.equal(podReady(later), false);
    });

    test('image containing convoy-test/crashloop: CrashLoopBackOff, never Ready', async (t) => {
      const ns = await freshNamespace('smoke-crash', t);
      await serverSideApply(podManifest(ns, 'p', 'convoy-test/crashloop:1'));
      const pod = await watchUntil<V1Pod>(
        `/api/v1/namespaces/${ns}/pods`,
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      );
      const status = pod.status?.containerStatuses?.[0];
      assert.equal(pod.status?.phase, 'Running');
      assert.equal(podReady(pod), false);
      assert.ok((status?.restartCount ?? 0) > 0);
      assert.equal(status?.lastState?.terminated?.exitCode, 1);
    });

    test('annotation convoy.dev/test-exit-code "1": pod Failed with exit code 1, Job BackoffLimitExceeded', async (t) => {
      const ns = await freshNamespace('smoke-exit', t);
      await serverSideApply(jobManifest(ns, 'bad', { 'convoy.dev/test-exit-code': '1' }));
      const job = await watchUntil<V1Job>(`/apis/batch/v1/namespaces/${ns}/jobs`, (j) =>
        Boolean(j.metadata?.name === 'bad' && condition(j.status?.conditions, 'Failed') === 'True'),
      );
      assert.equal(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason, 'BackoffLimitExceeded');
      const pods = (await cluster.core.listNamespacedPod({ namespace: ns, labelSelector: 'job-name=bad' })).items;
      assert.equal(pods.length, 1);
      assert.equal(pods[0]?.status?.phase, 'Failed');
      assert.equal(pods[0]?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 1);
    });
  });
});

function fetchVersion(c: TestCluster): Promise<{ gitVersion?: string }> {
  return c.kubeConfig.makeApiClient(VersionApi).getCode();
}
