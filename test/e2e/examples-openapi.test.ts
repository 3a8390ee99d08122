/**
 * Every rendered object of every example, in every environment, is valid for the API server:
 * each component's objects go through
 * `kubectl apply --server-side --dry-run=server --validate=strict -f -` into fresh test
 * namespaces (the stack's namespaces rewritten; a dry run needs its namespace to exist).
 *
 * Why the API server is the validator: it checks every object against the OpenAPI v3 schema
 * it serves (built-in kinds and CRDs alike), with `--validate=strict` it rejects unknown and
 * duplicate fields (fieldValidation=Strict) instead of dropping them, and `--dry-run=server`
 * runs the whole write path — defaulting, validation of each type's rules beyond the schema
 * (e.g. selector vs template labels, port ranges, DNS names), admission — without persisting
 * anything. A client-side schema copy would drift from the cluster's version and miss those
 * semantic checks. CRDs of a stack (none of the examples has one today) would be created for
 * real first, so their custom resources validate against their schemas.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import pLimit from 'p-limit';
import { stringify } from 'yaml';
import type { KubeObject } from '../../src/objects/types.ts';
import { render } from '../../src/render/index.ts';
import { resolve } from '../../src/resolve/index.ts';
import { loadStack } from '../../src/stack/load.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';
import { EXAMPLES_DIR, exampleNames } from './support/stacks.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';

interface Batch {
  label: string;
  namespace: string;
  objects: KubeObject[];
}

async function kubectlDryRun(kubeconfig: string, b: Batch): Promise<{ ok: boolean; out: string }> {
  const args = ['--kubeconfig', kubeconfig, '-n', b.namespace, 'apply', '--server-side', '--dry-run=server'];
  args.push('--validate=strict', '--field-manager', 'convoy-e2e-openapi', '-f', '-');
  return new Promise((res) => {
    const child = execFile('kubectl', args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      res({ ok: err === null, out: `${stdout}${stderr}` });
    });
    child.stdin?.end(b.objects.map((o) => stringify(o)).join('---\n'));
  });
}

for (const name of exampleNames()) {
  test(
    `example ${name}: every environment's objects pass the API server's strict validation`,
    { skip, timeout: 180_000 },
    async (t) => {
      const { kubeconfigPath } = await getCluster();
      const stack = await loadStack(join(EXAMPLES_DIR, name));
      const envs = [undefined, ...Object.keys(stack.spec.spec.environments ?? {})];
      const batches: Batch[] = [];
      const crds: KubeObject[] = [];
      for (const environment of envs) {
        const resolved = resolve(stack, { environment, env: {} });
        const rendered = await render(resolved, { cacheDir: null });
        const rename = new Map<string, string>();
        const testNs = async (ns: string) => {
          let to = rename.get(ns);
          if (!to) {
            to = await freshNamespace(`oa-${name}`.slice(0, 40), t);
            rename.set(ns, to);
          }
          return to;
        };
        for (const c of rendered.components) {
          const objects: KubeObject[] = [];
          for (const o of c.objects) {
            const copy = structuredClone(o);
            if (copy.kind === 'Namespace' && copy.apiVersion === 'v1') {
              copy.metadata.name = await testNs(copy.metadata.name ?? '');
            } else if (copy.metadata.namespace) {
              copy.metadata.namespace = await testNs(copy.metadata.namespace);
            }
            if (copy.kind === 'CustomResourceDefinition') crds.push(copy);
            else objects.push(copy);
          }
          batches.push({
            label: `${name}${environment ? ` -e ${environment}` : ''} / ${c.name}`,
            namespace: await testNs(c.namespace),
            objects,
          });
        }
      }
      // CRDs are created for real (their custom resources need the served schema); none today.
      assert.equal(crds.length, 0, 'create these CRDs first (and clean them up) when an example gains one');

      const limit = pLimit(4);
      const results = await Promise.all(
        batches.map((b) => limit(async () => ({ b, r: await kubectlDryRun(kubeconfigPath, b) }))),
      );
      const failed = results.filter((x) => !x.r.ok);
      const warnings = results.filter((x) => /warning/i.test(x.r.out));
      for (const w of warnings)
        t.diagnostic(
          `${w.b.label}: ${w.r.out
            .split('\n')
            .filter((l) => /warning/i.test(l))
            .join('; ')}`,
        );
      assert.deepEqual(
        failed.map((x) => `${x.b.label}:\n${x.r.out}`),
        [],
        'objects the API server rejects',
      );
      const count = batches.reduce((n, b) => n + b.objects.length, 0);
      t.diagnostic(
        `${name}: ${count} objects in ${batches.length} component renders (${envs.length} environments) validated`,
      );
      // Every object was seen by the server: kubectl prints one line per object on success.
      for (const { b, r } of results) {
        const lines = r.out
          .split('\n')
          .filter((l) => /(serverside-applied|created|configured|unchanged) \(server dry run\)/.test(l));
        assert.equal(lines.length, b.objects.length, `${b.label}: ${r.out}`);
      }
    },
  );
}

test('control: an object with an undeclared field is rejected by the same command', { skip }, async (t) => {
  const { kubeconfigPath } = await getCluster();
  const namespace = await freshNamespace('oa-control', t);
  const bad = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'bad', namespace },
    spec: {
      selector: { matchLabels: { app: 'bad' } },
      template: {
        metadata: { labels: { app: 'bad' } },
        spec: { containers: [{ name: 'app', image: 'x:1', imagePullPolicy: 'Always', replicas: 2 }] },
      },
    },
  } as unknown as KubeObject;
  const r = await kubectlDryRun(kubeconfigPath, { label: 'control', namespace, objects: [bad] });
  assert.equal(r.ok, false);
  assert.match(r.out, /replicas: field not declared in schema/);
});
