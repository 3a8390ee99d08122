/**
 * e2e support: the local convoy test cluster (tools/testcluster, docs/testcluster.md).
 *
 * One cluster serves a whole test run: `getCluster()` reuses the running cluster
 * when its API answers, and otherwise starts it with `bash tools/testcluster/up.sh`
 * (which waits for the API, the 3 kwok nodes and the default ServiceAccount).
 * node:test runs each test file in its own process; up.sh takes a file lock, so
 * files that start at the same time share one start-up.
 *
 * Namespaces: `freshNamespace(prefix, t)` creates a uniquely named namespace labelled
 * `convoy.dev/e2e=true` and deletes it after the test, whether it passed or failed.
 * Namespaces that a crashed or killed run left behind are deleted when the next
 * run first calls `getCluster()` (any `convoy.dev/e2e=true` namespace created
 * before this run started).
 *
 * Usage:
 *   import { test } from 'node:test';
 *   import { getCluster, freshNamespace, serverSideApply } from './support/cluster.ts';
 *   test('x', async (t) => {
 *     const ns = await freshNamespace('x', t);
 *     const { kubeConfig, core } = await getCluster();
 *     ...
 *   });
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  type KubernetesObject,
} from '@kubernetes/client-node';

/** Repository root (this file is test/e2e/support/cluster.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Label put on every namespace made by `freshNamespace`; stale ones are deleted on start. */
export const E2E_LABEL = 'convoy.dev/e2e';
/** Label holding the run id (diagnostics only). */
export const E2E_RUN_LABEL = 'convoy.dev/e2e-run';
/** Field manager used by `serverSideApply`. */
export const E2E_FIELD_MANAGER = 'convoy-e2e';

/**
 * Path of the kubeconfig that tools/testcluster/up.sh writes:
 * `${CONVOY_CACHE:-$HOME/.cache/convoy}/testcluster/kubeconfig`.
 */
export const KUBECONFIG_PATH = join(
  process.env.CONVOY_CACHE || join(homedir(), '.cache', 'convoy'),
  'testcluster',
  'kubeconfig',
);

/** Everything a test needs to talk to the test cluster. */
export interface TestCluster {
  /** Absolute path of the kubeconfig file (also usable by kubectl/helm and convoy's CLI). */
  kubeconfigPath: string;
  /** A KubeConfig loaded from `kubeconfigPath`. */
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  /** Generic client for any kind (server-side apply, read, delete). */
  objects: KubernetesObjectApi;
  /** When this test run started (ms since the epoch); older e2e namespaces are stale. */
  runStartedAt: number;
  /** Id of this run, stored in the `convoy.dev/e2e-run` label of its namespaces. */
  runId: string;
}

/** The part of node:test's TestContext that `freshNamespace` uses. */
export interface CleanupContext {
  after(fn: () => unknown): void;
}

let clusterPromise: Promise<TestCluster> | undefined;
const leftovers = new Set<string>();

// Namespaces made without a test context are deleted when this file's tests end.
after(async () => {
  if (leftovers.size === 0 || !clusterPromise) return;
  const { core } = await clusterPromise;
  await Promise.all([...leftovers].map((name) => deleteNamespaceQuietly(core, name)));
  leftovers.clear();
});

/**
 * Returns the test cluster, starting it (tools/testcluster/up.sh) if its API does not answer.
 * Memoized per process. The first call also deletes stale e2e namespaces.
 * Throws when up.sh fails (its output is included in the error).
 */
export function getCluster(): Promise<TestCluster> {
  clusterPromise ??= connect();
  return clusterPromise;
}

async function connect(): Promise<TestCluster> {
  if (!(await apiReady())) {
    await runUpScript();
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(KUBECONFIG_PATH);
  const cluster: TestCluster = {
    kubeconfigPath: KUBECONFIG_PATH,
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    batch: kubeConfig.makeApiClient(BatchV1Api),
    objects: KubernetesObjectApi.makeApiClient(kubeConfig),
    runStartedAt: runStartedAt(),
    runId: runId(),
  };
  await deleteStaleNamespaces(cluster);
  return cluster;
}

async function apiReady(): Promise<boolean> {
  if (!existsSync(KUBECONFIG_PATH)) return false;
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(KUBECONFIG_PATH);
    const core = kc.makeApiClient(CoreV1Api);
    const sa = await withTimeout(core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' }), 5000);
    return sa.metadata?.name === 'default';
  } catch {
    return false;
  }
}

function runUpScript(): Promise<void> {
  const script = join(REPO_ROOT, 'tools', 'testcluster', 'up.sh');
  return new Promise((resolvePromise, reject) => {
    // A cold machine builds the binaries first (see docs/testcluster.md), hence the long limit.
    execFile('bash', [script], { timeout: 80 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`tools/testcluster/up.sh failed: ${err.message}\n${stdout}\n${stderr}`));
      } else {
        resolvePromise();
      }
    });
  });
}

/**
 * Start of this test run in ms since the epoch: CONVOY_E2E_RUN_STARTED_AT when set; under
 * `node --test` the start of the runner (the parent process); otherwise this process's start.
 */
function runStartedAt(): number {
  const fromEnv = Number(process.env.CONVOY_E2E_RUN_STARTED_AT);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  const own = Date.now() - process.uptime() * 1000;
  if (process.env.NODE_TEST_CONTEXT) {
    const parent = processStartMs(process.ppid);
    if (parent !== undefined && parent <= own) return parent;
  }
  return own;
}

/** Linux: start time of a process from /proc (field 22 of stat, in clock ticks after boot). */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return undefined;
    return Number(btime) * 1000 + (ticks / 100) * 1000; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function runId(): string {
  if (process.env.CONVOY_E2E_RUN_ID) return process.env.CONVOY_E2E_RUN_ID;
  const pid = process.env.NODE_TEST_CONTEXT ? process.ppid : process.pid;
  return `${pid}-${Math.floor(runStartedAt() / 1000)}`;
}

/** Age after which an e2e namespace left by an earlier run is deleted: 15 minutes. */
const STALE_AFTER_MS = 15 * 60 * 1000;

async function deleteStaleNamespaces(cluster: TestCluster): Promise<void> {
  const list = await cluster.core.listNamespace({ labelSelector: `${E2E_LABEL}=true` });
  // creationTimestamp has whole seconds: leave a 2 s margin so this run's namespaces are never hit.
  // Only namespaces older than STALE_AFTER_MS count as stale, so another test run going on at
  // the same time on the same cluster (a developer's, next to CI's) keeps its namespaces.
  const cutoff = Math.min(cluster.runStartedAt - 2000, Date.now() - STALE_AFTER_MS);
  const stale = list.items.filter((ns) => {
    const created = ns.metadata?.creationTimestamp ? new Date(ns.metadata.creationTimestamp).getTime() : Infinity;
    return created < cutoff && ns.status?.phase !== 'Terminating';
  });
  await Promise.all(stale.map((ns) => deleteNamespaceQuietly(cluster.core, ns.metadata?.name ?? '')));
}

async function deleteNamespaceQuietly(core: CoreV1Api, name: string): Promise<void> {
  if (!name) return;
  try {
    await core.deleteNamespace({ name });
  } catch (err) {
    if (!(err instanceof ApiException && err.code === 404)) throw err;
  }
}

/**
 * Creates a namespace named `<prefix>-<8 hex chars>` (prefix cut to keep the name ≤ 63 chars),
 * labelled `convoy.dev/e2e=true`, plus `labels` when given. With `t` (a node:test context),
 * the namespace is deleted after that test, passed or failed; without it, after the file's tests.
 * Returns the namespace name.
 */
export async function freshNamespace(
  prefix: string,
  t?: CleanupContext,
  labels: Record<string, string> = {},
): Promise<string> {
  const { core, runId: id } = await getCluster();
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'e2e';
  const name = `${clean}-${randomBytes(4).toString('hex')}`;
  await core.createNamespace({
    body: {
      metadata: {
        name,
        labels: { ...labels, [E2E_LABEL]: 'true', [E2E_RUN_LABEL]: id.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 63) },
      },
    },
  });
  if (t) {
    t.after(() => deleteNamespaceQuietly(core, name));
  } else {
    leftovers.add(name);
  }
  return name;
}

/** Server-side applies `obj` (field manager `convoy-e2e`, force) and returns the live object. */
export async function serverSideApply<T extends KubernetesObject>(obj: T): Promise<T> {
  const { objects } = await getCluster();
  return objects.patch(obj, undefined, undefined, E2E_FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
}

/**
 * Polls `check` every `intervalMs` until it returns a value other than undefined/false, and
 * returns it. Errors thrown by `check` count as "not yet". Throws after `timeoutMs` with
 * `what` and the last error or value seen.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Watches `path` (a list URL such as `/api/v1/namespaces/ns/pods`) until `done` returns true
 * for the object of an event (ADDED/MODIFIED/DELETED), and returns that object. The watch
 * starts from the current state (initial ADDED events), so nothing is missed between a
 * check and the watch. Throws after `timeoutMs`.
 */
export async function watchUntil<T extends KubernetesObject>(
  path: string,
  done: (obj: T, phase: string) => boolean,
  {
    timeoutMs = 30_000,
    labelSelector,
    fieldSelector,
  }: { timeoutMs?: number; labelSelector?: string; fieldSelector?: string } = {},
): Promise<T> {
  const { kubeConfig } = await getCluster();
  const watch = new Watch(kubeConfig);
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last: T | undefined;
  try {
    return await new Promise<T>((resolvePromise, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
      };
      timer = setTimeout(() => {
        finish(() =>
          reject(
            new Error(
              `timed out after ${timeoutMs} ms watching ${path}; last object: ${last ? JSON.stringify(last).slice(0, 2000) : 'none'}`,
            ),
          ),
        );
      }, timeoutMs);
      const start = () =>
        watch
          .watch(
            path,
            { labelSelector, fieldSelector, allowWatchBookmarks: false },
            (phase, obj: T) => {
              last = obj;
              try {
                if (done(obj, phase)) finish(() => resolvePromise(obj));
              } catch (err) {
                finish(() => reject(err));
              }
            },
            (err) => {
              // The server closes watches now and then: start again unless finished.
              if (settled) return;
              if (err && !(err instanceof Error && err.name === 'AbortError')) {
                finish(() => reject(err));
              } else {
                void start();
              }
            },
          )
          .then(
            (c) => {
              controller = c;
              if (settled) c.abort();
            },
            (err) => finish(() => reject(err)),
          );
      void start();
    });
  } finally {
    if (timer) clearTimeout(timer);
    controller?.abort();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolvePromise(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
