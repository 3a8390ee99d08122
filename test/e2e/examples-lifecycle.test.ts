/**
 * The whole life of every example stack through the real CLI (`convoy … -o json`, in-process)
 * on the local control plane (issue 4, "Done when"):
 *
 * 1. `convoy apply` exits 0 and every component becomes ready, each one starting only after
 *    all of its needs were ready (from the events' order and timestamps);
 * 2. a second apply changes nothing: `convoy plan --detailed-exitcode` exits 0 and the apply's
 *    summary counts 0 object writes (`objectWrites`; the lock's create and delete and nothing
 *    else are in `writes`);
 * 3. one changed value (a replica count, a Secret value) configures exactly that one object;
 * 4. a component removed from the stack file is pruned (its objects are gone);
 * 5. `convoy destroy` leaves nothing it owned except PVCs and keep-marked objects.
 *
 * After every step the inventory matches the cluster exactly: each listed object exists, and
 * each object carrying the deployment's `convoy.dev/inventory` annotation is listed.
 *
 * Each example runs from a private copy with test-unique namespaces (test/e2e/support/stacks.ts)
 * and its own inventory namespace, so runs never meet the demo or each other; the copy is
 * destroyed with --purge and its namespaces deleted afterwards.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { deploymentName } from '../../src/resolve/deployment-name.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';
import {
  convoy,
  copyExample,
  exampleNames,
  inventoryEntries,
  inventoryVsCluster,
  objectKey,
  ownedObjects,
  parseEvents,
  summaryOf,
  type ExampleCopy,
} from './support/stacks.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

/** How each example is changed in step 3 and which leaf component step 4 removes. */
interface Case {
  /** Change one value in the copy; returns the kind and a pattern of the name of the one object that must change. */
  change(ex: ExampleCopy): { kind: string; name: RegExp };
  /** A component no other component needs; undefined for single-component stacks. */
  remove?: string;
}

type Json = Record<string, unknown>;
const at = (o: unknown, ...path: string[]): Json => {
  let cur = o as Json;
  for (const k of path) {
    cur[k] ??= {};
    cur = cur[k] as Json;
  }
  return cur;
};

const CASES: Record<string, Case> = {
  hello: {
    change: (ex) => {
      ex.edit((d) => {
        at(d.spec.components, 'web', 'native', 'workloads', 'web')['replicas'] = 3;
      });
      return { kind: 'Deployment', name: /^web$/ };
    },
    remove: 'web',
  },
  panda: {
    change: (ex) => {
      ex.edit((d) => {
        at(d.spec.components, 'harvester', 'values', 'harvester')['replicas'] = 2;
      });
      return { kind: 'StatefulSet', name: /-harvester-harvester$/ };
    },
    remove: 'bigmon',
  },
  'panda-secrets': {
    change: (ex) => {
      ex.edit((d) => {
        at(d.spec.components, 'panda-secrets', 'values', 'msgsvc')['ACTIVEMQ_ADMIN_PASSWORD'] = 'FAKE-changed-by-e2e';
      });
      return { kind: 'Secret', name: /msgsvc-envs$/ };
    },
  },
  'daml-enterprise': {
    change: (ex) => {
      ex.edit((d) => {
        at(d.spec.components, 'http-json', 'native', 'workloads', 'http-json')['replicas'] = 3;
      });
      return { kind: 'Deployment', name: /http-json$/ };
    },
    remove: 'http-json',
  },
  'halo-duchy': {
    change: (ex) => {
      // The herald daemon's Deployment (its own Kustomize component) gets a second replica.
      const file = join(ex.dir, 'kustomize', 'herald-daemon', 'deployment.yaml');
      const text = readFileSync(file, 'utf8');
      const name = /^kind: Deployment\nmetadata:\n(?: .*\n)*? {2}name: (\S+)/m.exec(text)?.[1];
      assert.ok(name, 'a Deployment in kustomize/herald-daemon/deployment.yaml');
      writeFileSync(file, text.replace(/^ {2}replicas: 1$/m, '  replicas: 2'));
      return { kind: 'Deployment', name: new RegExp(`^${name}$`) };
    },
  },
  orchestrate: {
    change: (ex) => {
      ex.edit((d) => {
        at(d.spec.components, 'api', 'values')['replicaCount'] = 2;
      });
      return { kind: 'Deployment', name: /api/ };
    },
    remove: 'tx-listener',
  },
};

/** Every component ready; each started after all its needs were ready. */
function assertNeedsOrder(events: ApplyEvent[], label: string): void {
  const init = events.find((e) => e.type === 'init');
  assert.ok(init?.type === 'init', `${label}: no init event`);
  const index = (type: string, component: string) =>
    events.findIndex((e) => e.type === type && 'component' in e && e.component === component);
  for (const c of init.components) {
    const start = index('component-start', c.name);
    const ready = index('component-ready', c.name);
    assert.ok(start >= 0, `${label}: ${c.name} never started`);
    assert.ok(ready > start, `${label}: ${c.name} never became ready`);
    for (const need of c.needs) {
      const needReady = index('component-ready', need);
      assert.ok(needReady >= 0, `${label}: need ${need} of ${c.name} never became ready`);
      assert.ok(needReady < start, `${label}: ${c.name} started before its need ${need} was ready`);
      assert.ok(
        events[needReady]!.time <= events[start]!.time,
        `${label}: ${c.name} started at ${events[start]!.time}, its need ${need} was ready at ${events[needReady]!.time}`,
      );
    }
  }
}

async function assertInventoryMatches(deployment: string, invNs: string, label: string): Promise<string[]> {
  const cmp = await inventoryVsCluster(client, deployment, invNs);
  assert.deepEqual(cmp.missing, [], `${label}: listed in the inventory but not in the cluster`);
  assert.deepEqual(cmp.orphans, [], `${label}: owned in the cluster but not in the inventory`);
  return cmp.listed;
}

const failText = (r: { code: number; stdout: string; stderr: string }) =>
  `exit ${r.code}\nstderr: ${r.stderr.slice(-3000)}\nstdout tail: ${r.stdout.slice(-3000)}`;

for (const name of exampleNames()) {
  test(
    `example ${name}: apply in needs order, no-op re-apply, one change, prune, destroy`,
    { skip, timeout: 300_000 },
    async (t) => {
      const spec = CASES[name];
      assert.ok(spec, `examples/${name} has no case in this test: add one`);
      const ex = await copyExample(name, t);
      const invNs = await freshNamespace(`inv-${name}`, t);
      // The deployment (inventory) name: the stack name with the stack's affix, no environment.
      const dep = deploymentName({
        name: ex.stack,
        affix: ex.read().spec['affix'] as string | undefined,
        environment: undefined,
      });
      const cli = (verb: string, ...more: string[]) =>
        convoy([
          verb,
          ex.dir,
          '--inventory-namespace',
          invNs,
          // The test cluster has no load balancer controller: halo-duchy's LoadBalancer Services never get an address.
          ...(verb === 'apply' ? ['--no-wait-for-load-balancer'] : []),
          ...more,
        ]);
      t.after(async () => {
        await cli('destroy', '--purge', '-o', 'json');
      });
      const timings: string[] = [];
      const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
        const t0 = Date.now();
        const v = await fn();
        timings.push(`${what} ${Date.now() - t0} ms`);
        return v;
      };

      // 1. First apply.
      const first = await timed('apply', () => cli('apply', '-o', 'json'));
      assert.equal(first.code, 0, failText(first));
      const ev1 = parseEvents(first.stdout);
      assertNeedsOrder(ev1, `${name} first apply`);
      const s1 = summaryOf(ev1);
      assert.equal(s1.components.failed + s1.components.skipped, 0);
      assert.ok(s1.objects.created > 0);
      const listed = await assertInventoryMatches(dep, invNs, `${name} after apply`);
      // Hooks deleted after they ran (hook-delete-policy: hook-succeeded) do not outlive the apply.
      const goneHooks = new Set(
        ev1.flatMap((e) => (e.type === 'hook' && e.action === 'deleted-after' ? [objectKey(e.ref)] : [])),
      );
      const applied = new Set(
        ev1.flatMap((e) => (e.type === 'object-apply' && !goneHooks.has(objectKey(e.ref)) ? [objectKey(e.ref)] : [])),
      );
      assert.deepEqual(listed, [...applied].sort(), 'the inventory lists exactly the applied objects that remain');

      // 2. Nothing changed: the plan is empty and the apply writes no object.
      const plan = await timed('plan', () => cli('plan', '--detailed-exitcode'));
      assert.equal(plan.code, 0, `plan after apply: ${failText(plan)}`);
      const again = await timed('re-apply', () => cli('apply', '-o', 'json'));
      assert.equal(again.code, 0, failText(again));
      const s2 = summaryOf(parseEvents(again.stdout));
      assert.equal(s2.objectWrites, 0, `re-apply wrote objects: ${JSON.stringify(s2)}`);
      assert.deepEqual(
        { created: s2.objects.created, configured: s2.objects.configured, pruned: s2.objects.pruned },
        { created: 0, configured: 0, pruned: 0 },
      );
      // Only the lock's Lease (create, delete) is written on a no-op apply.
      assert.ok(s2.writes <= 2, `re-apply: ${s2.writes} writes, expected only the lock's`);

      // 3. One value changed: exactly that object is configured.
      const target = spec.change(ex);
      const changed = await timed('change', () => cli('apply', '-o', 'json'));
      assert.equal(changed.code, 0, failText(changed));
      const ev3 = parseEvents(changed.stdout);
      const writes3 = ev3.filter((e) => e.type === 'object-apply' && e.action !== 'unchanged');
      assert.equal(
        writes3.length,
        1,
        `exactly one object changes: ${writes3.map((e) => (e.type === 'object-apply' ? `${e.ref.kind}/${e.ref.name} ${e.action}` : '')).join(', ')}`,
      );
      const w = writes3[0]!;
      assert.ok(w.type === 'object-apply');
      assert.equal(w.action, 'configured');
      assert.equal(w.ref.kind, target.kind);
      assert.match(w.ref.name, target.name);
      const s3 = summaryOf(ev3);
      assert.equal(s3.objects.configured, 1);
      assert.equal(s3.objectWrites, 1);
      assertNeedsOrder(ev3, `${name} changed apply`);

      // 4. A component removed from the stack is pruned.
      if (spec.remove) {
        const removed = spec.remove;
        const before = (await inventoryEntries(client, dep, invNs)).filter((e) => e.component === removed);
        assert.ok(before.length > 0, `${removed} has objects in the inventory`);
        ex.edit((d) => {
          delete d.spec.components[removed];
          for (const env of Object.values(d.spec.environments ?? {})) {
            const envDoc = env as { components?: Record<string, unknown>; values?: Record<string, unknown> };
            delete envDoc.components?.[removed];
            delete envDoc.values?.[removed];
          }
        });
        const pruned = await timed('prune', () => cli('apply', '-o', 'json'));
        assert.equal(pruned.code, 0, failText(pruned));
        const ev4 = parseEvents(pruned.stdout);
        const pruneEvents = ev4.filter((e) => e.type === 'prune');
        assert.ok(pruneEvents.length > 0, 'prune events');
        assert.ok(pruneEvents.every((e) => e.type === 'prune' && e.component === removed));
        // Everything of the component is gone (or kept, when it is long-lived).
        const kept = pruneEvents.filter((e) => e.type === 'prune' && e.action === 'kept').length;
        assert.equal(summaryOf(ev4).objects.pruned + kept, before.length);
        for (const e of before) {
          if (pruneEvents.some((p) => p.type === 'prune' && p.ref.name === e.name && p.action === 'kept')) continue;
          const live = await client.get({
            apiVersion: e.apiVersion,
            kind: e.kind,
            name: e.name,
            ...(e.namespace ? { namespace: e.namespace } : {}),
          });
          assert.equal(live, undefined, `${e.kind} ${e.name} of ${removed} is gone`);
        }
        await assertInventoryMatches(dep, invNs, `${name} after prune`);
      } else {
        t.diagnostic(`${name} has a single component: nothing to remove (destroy covers deleting it)`);
      }

      // 5. Destroy: only PVCs and keep-marked objects (and Namespaces holding them) stay.
      const destroyed = await timed('destroy', () => cli('destroy', '-o', 'json'));
      assert.equal(destroyed.code, 0, failText(destroyed));
      const kept = summaryOf(parseEvents(destroyed.stdout)).objects.kept;
      const left = await ownedObjects(`${invNs}/${dep}`);
      const keptKinds = new Set(['PersistentVolumeClaim', 'Secret', 'Namespace']);
      assert.deepEqual(
        left.filter((o) => !keptKinds.has(o.kind)),
        [],
        'destroy leaves only PVCs, long-lived Secrets and the Namespaces holding them',
      );
      assert.equal(left.length, kept, `left: ${JSON.stringify(left)}`);
      t.diagnostic(
        `${name}: ${timings.join(', ')}; kept after destroy: ${left.map((o) => `${o.kind}/${o.name}`).join(' ') || 'nothing'}`,
      );
    },
  );
}
