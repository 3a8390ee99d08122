/**
 * e2e helpers for the real example stacks (examples/*): private copies with test-unique
 * namespaces, the convoy CLI in-process with the test cluster's kubeconfig, its ndjson event
 * stream, and the cluster-side truth (objects carrying a deployment's ownership annotation,
 * its inventory) to compare.
 *
 * A copy keeps every file of the example; only `spec.namespace` and each environment's
 * `namespace` in convoy.yaml are rewritten to `<namespace>-<8 hex>`, so tests never meet the
 * demo's objects (which live in the examples' own namespaces) or each other's. Rendered
 * objects take their namespace from the stack (helm `--namespace`, kustomize and native
 * components alike), so nothing else needs rewriting.
 *
 *   const ex = await copyExample('hello', t);          // removed, namespaces deleted, in t.after
 *   const inv = await freshNamespace('inv', t);
 *   const r = await convoy(['apply', ex.dir, '--inventory-namespace', inv, '-o', 'json']);
 *   const events = parseEvents(r.stdout);
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import type { ApplyEvent } from '../../../src/apply/events.ts';
import { readInventory } from '../../../src/inventory/inventory.ts';
import { entryKey, type InventoryEntry } from '../../../src/inventory/entries.ts';
import { INVENTORY_ANNOTATION } from '../../../src/inventory/ownership.ts';
import type { KubeClient } from '../../../src/kube/types.ts';
import { runCli, type CliResult } from '../../support/cli.ts';
import { getCluster, REPO_ROOT, type CleanupContext } from './cluster.ts';

const run = promisify(execFile);

/** examples/ of the repository. */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** The example stacks: the directories of examples/ holding a convoy.yaml, sorted. */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((d) => existsSync(join(EXAMPLES_DIR, d, 'convoy.yaml')))
    .sort();
}

/** The stack file as plain data (comments dropped), for tests to change and write back. */
export type StackDoc = {
  metadata: { name: string };
  spec: {
    namespace?: string;
    environments?: Record<string, { namespace?: string } & Record<string, unknown>>;
    components: Record<string, Record<string, unknown>>;
  } & Record<string, unknown>;
};

/** A private copy of an example. */
export interface ExampleCopy {
  /** Directory of the copy (pass it as the stack argument). */
  dir: string;
  /** The stack's metadata.name. */
  stack: string;
  /** Original namespace → test namespace, for spec.namespace and every environment's namespace. */
  namespaces: Map<string, string>;
  /** Reads convoy.yaml of the copy. */
  read(): StackDoc;
  /** Writes convoy.yaml of the copy. */
  write(doc: StackDoc): void;
  /** Changes convoy.yaml of the copy in place. */
  edit(fn: (doc: StackDoc) => void): void;
}

/**
 * Copies examples/<name> to a temporary directory and rewrites its namespaces to unique test
 * ones. With `t`, the directory is removed and the namespaces deleted (not waited for) after
 * the test, passed or failed.
 */
export async function copyExample(name: string, t?: CleanupContext): Promise<ExampleCopy> {
  const dir = join(mkdtempSync(join(tmpdir(), `convoy-e2e-${name}-`)), name);
  cpSync(join(EXAMPLES_DIR, name), dir, { recursive: true });
  const file = join(dir, 'convoy.yaml');
  const read = () => parse(readFileSync(file, 'utf8')) as StackDoc;
  const write = (doc: StackDoc) => writeFileSync(file, stringify(doc, { lineWidth: 0 }));
  const doc = read();
  const suffix = randomBytes(4).toString('hex');
  const namespaces = new Map<string, string>();
  const rename = (ns: string) => {
    const to = namespaces.get(ns) ?? `${ns.slice(0, 40)}-${suffix}`;
    namespaces.set(ns, to);
    return to;
  };
  doc.spec.namespace = rename(doc.spec.namespace ?? 'default');
  for (const env of Object.values(doc.spec.environments ?? {})) {
    if (env.namespace) env.namespace = rename(env.namespace);
  }
  write(doc);
  if (t) {
    t.after(async () => {
      await deleteNamespaces([...namespaces.values()]);
      rmSync(join(dir, '..'), { recursive: true, force: true });
    });
  }
  return {
    dir,
    stack: doc.metadata.name,
    namespaces,
    read,
    write,
    edit: (fn) => {
      const d = read();
      fn(d);
      write(d);
    },
  };
}

/** Deletes namespaces without waiting; missing ones are fine. */
export async function deleteNamespaces(names: string[]): Promise<void> {
  const { core } = await getCluster();
  await Promise.all(names.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
}

/** Runs the convoy CLI in-process against the test cluster (`--kubeconfig` appended). */
export async function convoy(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CliResult> {
  const { kubeconfigPath } = await getCluster();
  return runCli([...args, '--kubeconfig', kubeconfigPath], env);
}

/** Parses `-o json` output: one event per line. Lines that are not JSON objects are an error. */
export function parseEvents(stdout: string): ApplyEvent[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ApplyEvent);
}

/** The `summary` event of a run (throws when there is none). */
export function summaryOf(events: ApplyEvent[]): Extract<ApplyEvent, { type: 'summary' }> {
  const s = events.find((e) => e.type === 'summary');
  if (s?.type !== 'summary') throw new Error(`no summary event in ${events.map((e) => e.type).join(', ')}`);
  return s;
}

/** A live object, reduced to what identifies it. */
export interface OwnedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

let listableTypes: Promise<string> | undefined;

/** `kubectl api-resources --verbs=list -o name` (events left out), comma-joined, once per process. */
function listable(kubeconfig: string): Promise<string> {
  listableTypes ??= run('kubectl', ['--kubeconfig', kubeconfig, 'api-resources', '--verbs=list', '-o', 'name'], {
    maxBuffer: 16 * 1024 * 1024,
  }).then(({ stdout }) =>
    stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== 'events' && l !== 'events.events.k8s.io')
      .join(','),
  );
  return listableTypes;
}

/**
 * Every object in the cluster (all namespaces, cluster-scoped too, every listable type) whose
 * `convoy.dev/inventory` annotation is `id` (`<inventory namespace>/<deployment>`): what the
 * deployment owns according to the cluster. Objects with a controller ownerReference are left
 * out: controllers copy annotations onto what they make (ReplicaSets of a Deployment,
 * ControllerRevisions of a StatefulSet), and garbage collection deletes those with their owner. Custom resource types installed after the first
 * call are not seen (call `resetListableTypes()`).
 */
export async function ownedObjects(id: string): Promise<OwnedObject[]> {
  const { kubeconfigPath } = await getCluster();
  const types = await listable(kubeconfigPath);
  const { stdout } = await run('kubectl', ['--kubeconfig', kubeconfigPath, 'get', types, '-A', '-o', 'json'], {
    maxBuffer: 512 * 1024 * 1024,
  });
  const list = JSON.parse(stdout) as {
    items: {
      apiVersion: string;
      kind: string;
      metadata: {
        name: string;
        namespace?: string;
        annotations?: Record<string, string>;
        ownerReferences?: { controller?: boolean }[];
      };
    }[];
  };
  const out = new Map<string, OwnedObject>();
  for (const o of list.items) {
    if (o.metadata.annotations?.[INVENTORY_ANNOTATION] !== id) continue;
    // Controllers copy their object's annotations onto what they make (a Deployment's
    // ReplicaSets, a StatefulSet's ControllerRevisions); those belong to their controller.
    if (o.metadata.ownerReferences?.some((r) => r.controller === true)) continue;
    const ref: OwnedObject = {
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name,
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    };
    // One object can be listed under two groups (e.g. an aggregated alias): keep it once.
    out.set(objectKey(ref), ref);
  }
  return [...out.values()].sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
}

/** Forget the cached type list (after CRDs were added). */
export function resetListableTypes(): void {
  listableTypes = undefined;
}

/** `group/Kind namespace/name`: an object's identity without its version. */
export function objectKey(o: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  return entryKey({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.name,
    ...(o.namespace ? { namespace: o.namespace } : {}),
  });
}

/** The entries of a deployment's inventory (empty when it has none). */
export async function inventoryEntries(
  client: KubeClient,
  deployment: string,
  inventoryNamespace: string,
): Promise<InventoryEntry[]> {
  const inv = await readInventory(client, deployment, { namespace: inventoryNamespace });
  return inv?.objects ?? [];
}

/**
 * Compares a deployment's inventory with the cluster: `missing` are listed objects that do
 * not exist, `orphans` are objects carrying the deployment's annotation that are not listed.
 */
export async function inventoryVsCluster(
  client: KubeClient,
  deployment: string,
  inventoryNamespace: string,
): Promise<{ listed: string[]; owned: string[]; missing: string[]; orphans: string[] }> {
  const entries = await inventoryEntries(client, deployment, inventoryNamespace);
  const owned = (await ownedObjects(`${inventoryNamespace}/${deployment}`)).map(objectKey);
  const listed = entries.map((e) => objectKey(e));
  const ownedSet = new Set(owned);
  const listedSet = new Set(listed);
  return {
    listed: [...listedSet].sort(),
    owned: [...ownedSet].sort(),
    missing: listed.filter((k) => !ownedSet.has(k)).sort(),
    orphans: owned.filter((k) => !listedSet.has(k)).sort(),
  };
}
