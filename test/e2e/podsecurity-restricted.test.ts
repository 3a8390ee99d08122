/**
 * e2e: every native workload of every example is admitted by a namespace enforcing Pod
 * Security "restricted" (the API server's PodSecurity admission is the judge). A dry run
 * of a Deployment does not create pods, so each rendered pod template is created as a Pod
 * with dryRun=All in a namespace labelled `pod-security.kubernetes.io/enforce: restricted`.
 * A privileged pod is the control: it must be rejected.
 *
 * Run with CONVOY_E2E=1 (the local control plane from tools/testcluster).
 */
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiException, type V1Pod } from '@kubernetes/client-node';
import { podTemplateOf } from '../../src/netpol/pods.ts';
import { podSecurityLevel } from '../../src/render/generators/namespaces.ts';
import { render } from '../../src/render/index.ts';
import { resolve } from '../../src/resolve/index.ts';
import { loadStack } from '../../src/stack/load.ts';
import { freshNamespace, getCluster, REPO_ROOT } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
const EXAMPLES = join(REPO_ROOT, 'examples');
const RESTRICTED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
};

interface NativePod {
  label: string;
  pod: V1Pod;
  /** The level convoy enforces on the pod's namespace. */
  level: string;
  native: boolean;
}

/** The pod templates of every example, every environment (deduplicated by pod spec). */
async function examplePods(): Promise<NativePod[]> {
  const out = new Map<string, NativePod>();
  for (const dir of readdirSync(EXAMPLES).sort()) {
    if (!existsSync(join(EXAMPLES, dir, 'convoy.yaml'))) continue;
    const stack = await loadStack(join(EXAMPLES, dir));
    const envs = [undefined, ...Object.keys(stack.spec.spec.environments ?? {})];
    for (const environment of envs) {
      const resolved = resolve(stack, { environment, env: {} });
      const native = resolved.components.filter((c) => c.sourceKind === 'native').map((c) => c.name);
      const rendered = await render(resolved, { cacheDir: null });
      for (const c of rendered.components) {
        for (const o of c.objects) {
          const t = podTemplateOf(o);
          if (!t?.spec) continue;
          const spec = structuredClone(t.spec) as Record<string, unknown>;
          // volumeClaimTemplates become pod volumes only through the StatefulSet controller.
          const claims = ((o.spec as Record<string, unknown> | undefined)?.volumeClaimTemplates ?? []) as {
            metadata: { name: string };
          }[];
          spec.volumes = [
            ...((spec.volumes as unknown[] | undefined) ?? []),
            ...claims.map((cl) => ({
              name: cl.metadata.name,
              persistentVolumeClaim: { claimName: `${cl.metadata.name}-0` },
            })),
          ];
          delete spec.serviceAccountName;
          const label = `${dir}${environment ? ` -e ${environment}` : ''}: ${o.kind} ${o.metadata.name}`;
          const key = JSON.stringify(spec);
          if (!out.has(key)) {
            out.set(key, {
              label,
              level: podSecurityLevel(resolved.podSecurity, o.metadata.namespace ?? c.namespace),
              native: native.includes(c.name),
              pod: {
                apiVersion: 'v1',
                kind: 'Pod',
                metadata: {
                  name: `${o.metadata.name}`.slice(0, 50),
                  labels: t.metadata?.labels as Record<string, string>,
                },
                spec: { ...(spec as unknown as V1Pod['spec']), automountServiceAccountToken: false } as V1Pod['spec'],
              },
            });
          }
        }
      }
    }
  }
  return [...out.values()];
}

async function ensureDefaultServiceAccount(ns: string): Promise<void> {
  const { core } = await getCluster();
  try {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'default' } } });
  } catch (err) {
    if (!(err instanceof ApiException && err.code === 409)) throw err;
  }
}

async function dryRunPod(ns: string, pod: V1Pod): Promise<string | undefined> {
  const { core } = await getCluster();
  try {
    await core.createNamespacedPod({ namespace: ns, body: pod, dryRun: 'All' });
    return undefined;
  } catch (err) {
    if (err instanceof ApiException) return `${err.code}: ${String(err.body).slice(0, 400)}`;
    throw err;
  }
}

test('podsecurity: a restricted namespace admits every native workload of every example', { skip }, async (t) => {
  const pods = (await examplePods()).filter((p) => p.native);
  assert.ok(
    pods.length >= 8,
    `expected the native workloads of daml-enterprise, hello and orchestrate, got ${pods.length}`,
  );
  const ns = await freshNamespace('psa-restricted', t, RESTRICTED);
  await ensureDefaultServiceAccount(ns);
  const rejected: string[] = [];
  for (const { label, pod } of pods) {
    const err = await dryRunPod(ns, pod);
    if (err) rejected.push(`${label}\n    ${err}`);
  }
  assert.deepEqual(rejected, [], `rejected by Pod Security admission:\n${rejected.join('\n')}`);
});

test(
  'podsecurity: every pod of every example is admitted at the level convoy enforces on its namespace',
  { skip },
  async (t) => {
    const pods = await examplePods();
    const rejected: string[] = [];
    for (const level of [...new Set(pods.map((p) => p.level))].sort()) {
      const ns = await freshNamespace(`psa-${level}`, t, {
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/enforce-version': 'latest',
      });
      await ensureDefaultServiceAccount(ns);
      for (const { label, pod } of pods.filter((p) => p.level === level)) {
        const err = await dryRunPod(ns, pod);
        if (err) rejected.push(`${label} (${level})\n    ${err}`);
      }
    }
    assert.deepEqual(rejected, [], `rejected by Pod Security admission:\n${rejected.join('\n')}`);
  },
);

test('podsecurity: the control — a privileged pod is rejected in the same kind of namespace', { skip }, async (t) => {
  const ns = await freshNamespace('psa-control', t, RESTRICTED);
  await ensureDefaultServiceAccount(ns);
  const err = await dryRunPod(ns, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'privileged' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', securityContext: { privileged: true } }] },
  });
  assert.match(err ?? '', /violates PodSecurity/);
});
