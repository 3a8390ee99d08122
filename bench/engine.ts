/**
 * The deployment engine benchmark (issue 4), on the local control plane (tools/testcluster;
 * skipped with a message when its API does not answer):
 *
 * 1. **apply**: a generated stack of 50 components × 20 objects (2 Deployments, 2 Services,
 *    2 Secrets, 14 ConfigMaps each) in a DAG of depth 5 (10 components per level; each one
 *    needs two of the level before) applied through the library `apply()` with default client
 *    settings: wall time, API requests (client.stats()), and convoy's overhead over the
 *    readiness critical path. The critical path is the longest chain of per-component
 *    (component-ready − component-start) durations through the DAG, from the events;
 *    overhead = wall / critical path − 1 (target ≤ 20 %). Everything that is not a component
 *    being applied and waited for counts as overhead: lock, inventory reads and writes, the
 *    ownership check, scheduling gaps.
 * 2. **kubectl**: the same 1000 manifests (in a second namespace) through one
 *    `kubectl apply --server-side -f -`, measured in the same run. kubectl does not wait for
 *    readiness and knows no order, so it is a floor for the write work, not a like-for-like.
 * 3. **no-op**: the stack applied again unchanged: wall time (target ≤ 3 s) and object writes
 *    (target 0).
 *
 * `node bench/engine.ts [--output table|json] [--kubeconfig FILE] [--qps N --burst N --concurrency N]`
 * (defaults: the client's and apply's own); `npm run bench` runs it
 * after the render benchmark (bench/run.ts). Exit 0 when every target passes (or skipped), 1
 * otherwise.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism, homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { apply, type ApplyEvent } from '../src/apply/index.ts';
import { createClient } from '../src/kube/client.ts';
import type { KubeClient } from '../src/kube/types.ts';
import type { KubeObject } from '../src/objects/types.ts';
import type { RenderedStack } from '../src/render/types.ts';
import type { ResolvedComponent, ResolvedStack } from '../src/resolve/types.ts';

/** Targets of the engine benchmark. */
export const ENGINE_TARGETS = { overhead: 0.2, noopMs: 3000, noopWrites: 0 } as const;

export interface EngineBenchOptions {
  kubeconfig?: string;
  /** Components per DAG level. Default 10. */
  width?: number;
  /** DAG levels. Default 5. */
  depth?: number;
  /** Objects per component (≥ 6). Default 20. */
  objectsPerComponent?: number;
  /** Client QPS and burst; default the client's (200 / 400). */
  qps?: number;
  burst?: number;
  /** Components deployed at once; default apply's (4). */
  concurrency?: number;
}

export interface EngineBenchResult {
  skipped: false;
  /** Client and scheduler settings used ('default' where not set). */
  settings: { qps: number | 'default'; burst: number | 'default'; concurrency: number | 'default' };
  components: number;
  objects: number;
  depth: number;
  cpus: number;
  loadAverage: { before: number; after: number };
  apply: {
    wallMs: number;
    requests: number;
    writes: number;
    criticalPathMs: number;
    /** The components of the critical path, first to last. */
    criticalPath: string[];
    overhead: number;
    /** Time before the first component started (lock, inventory, ownership check). */
    startupMs: number;
    /** Time after the last component was ready (inventory write, unlock). */
    finishMs: number;
    ok: boolean;
  };
  kubectl: { wallMs: number; objects: number };
  noop: { wallMs: number; requests: number; writes: number; objectWrites: number; ok: boolean };
  pass: { overhead: boolean; noopTime: boolean; noopWrites: boolean };
}

export type EngineBenchOutcome = EngineBenchResult | { skipped: true; reason: string };

interface Node {
  name: string;
  needs: string[];
  objects: KubeObject[];
}

/** The generated stack: `depth` levels of `width` components; level L needs two of level L−1. */
function generate(ns: string, width: number, depth: number, perComponent: number): Node[] {
  const nodes: Node[] = [];
  for (let level = 0; level < depth; level++) {
    for (let i = 0; i < width; i++) {
      const name = `l${level}-c${String(i).padStart(2, '0')}`;
      const needs =
        level === 0
          ? []
          : [
              `l${level - 1}-c${String(i).padStart(2, '0')}`,
              `l${level - 1}-c${String((i + 1) % width).padStart(2, '0')}`,
            ];
      nodes.push({ name, needs, objects: componentObjects(ns, name, perComponent) });
    }
  }
  return nodes;
}

function componentObjects(ns: string, c: string, n: number): KubeObject[] {
  const objs: KubeObject[] = [];
  for (let k = 0; k < 2; k++) {
    const app = `${c}-app${k}`;
    objs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: {
            containers: [{ name: 'app', image: `registry.example/bench/${app}:1`, ports: [{ containerPort: 8080 }] }],
          },
        },
      },
    });
    objs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: ns },
      spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    objs.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${c}-secret${k}`, namespace: ns },
      type: 'Opaque',
      stringData: { token: `bench-${c}-${k}` },
    });
  }
  for (let k = objs.length; k < n; k++) {
    objs.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${c}-config${k}`, namespace: ns },
      data: { 'settings.yaml': `component: ${c}\nindex: ${k}\n` },
    });
  }
  return objs;
}

function stacks(name: string, ns: string, nodes: Node[]): { rendered: RenderedStack; resolved: ResolvedStack } {
  const rendered: RenderedStack = {
    name,
    environment: undefined,
    components: nodes.map((n) => ({
      name: n.name,
      instanceName: n.name,
      namespace: ns,
      objects: n.objects.map((o) => ({
        ...o,
        metadata: { ...o.metadata, annotations: { 'convoy.dev/component': n.name } },
      })),
      inputHash: 'bench',
      cached: false,
    })),
  };
  const resolved = {
    name,
    environment: undefined,
    namespace: ns,
    affix: undefined,
    dir: '/tmp',
    file: '/tmp/convoy.yaml',
    components: nodes.map(
      (n) =>
        ({
          name: n.name,
          instanceName: n.name,
          namespace: ns,
          needs: [...n.needs].sort(),
          skippedNeeds: [],
          disabledSubcomponents: [],
          sourceKind: 'manifests',
          source: { kind: 'manifests', files: [], absFiles: [] },
          timeoutSeconds: 120,
          position: { file: '/tmp/convoy.yaml' },
        }) as unknown as ResolvedComponent,
    ),
  } as ResolvedStack;
  return { rendered, resolved };
}

/** Longest chain of (ready − start) durations through the DAG. */
export function criticalPath(
  nodes: { name: string; needs: string[] }[],
  events: ApplyEvent[],
): { ms: number; path: string[] } {
  const dur = new Map<string, number>();
  const start = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'component-start') start.set(e.component, e.time);
    if (e.type === 'component-ready') dur.set(e.component, e.time - (start.get(e.component) ?? e.time));
  }
  const memo = new Map<string, { ms: number; path: string[] }>();
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const longest = (name: string): { ms: number; path: string[] } => {
    const hit = memo.get(name);
    if (hit) return hit;
    let best = { ms: 0, path: [] as string[] };
    for (const need of byName.get(name)?.needs ?? []) {
      const l = longest(need);
      if (l.ms > best.ms) best = l;
    }
    const r = { ms: best.ms + (dur.get(name) ?? 0), path: [...best.path, name] };
    memo.set(name, r);
    return r;
  };
  let top = { ms: 0, path: [] as string[] };
  for (const n of nodes) {
    const l = longest(n.name);
    if (l.ms > top.ms) top = l;
  }
  return top;
}

function kubectlApply(kubeconfig: string, yaml: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(
      process.env['CONVOY_KUBECTL'] ?? 'kubectl',
      ['--kubeconfig', kubeconfig, 'apply', '--server-side', '--field-manager', 'bench-kubectl', '-f', '-'],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0
        ? resolve(performance.now() - t0)
        : reject(new Error(`kubectl apply failed (${code}): ${err.slice(-2000)}`)),
    );
    p.stdin.end(yaml);
  });
}

async function reachable(client: KubeClient): Promise<string | undefined> {
  try {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000),
    );
    await Promise.race([client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }), timeout]);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Default kubeconfig: `$KUBECONFIG`, else the test cluster's (tools/testcluster). */
export function defaultKubeconfig(): string {
  return (
    process.env['KUBECONFIG']?.split(':')[0] ||
    join(process.env['CONVOY_CACHE'] || join(homedir(), '.cache', 'convoy'), 'testcluster', 'kubeconfig')
  );
}

/** Runs the three cases; `{skipped: true}` when the cluster does not answer. Cleans up its namespaces. */
export async function runEngineBench(o: EngineBenchOptions = {}): Promise<EngineBenchOutcome> {
  const kubeconfig = o.kubeconfig ?? defaultKubeconfig();
  if (!existsSync(kubeconfig))
    return { skipped: true, reason: `no kubeconfig at ${kubeconfig} (start the test cluster: npm run cluster:up)` };
  const client = await createClient({
    kubeconfig,
    ...(o.qps ? { qps: o.qps } : {}),
    ...(o.burst ? { burst: o.burst } : {}),
  });
  const applyOpts = o.concurrency ? { concurrency: o.concurrency } : {};
  try {
    const down = await reachable(client);
    if (down)
      return { skipped: true, reason: `the cluster of ${kubeconfig} does not answer: ${down} (npm run cluster:up)` };
    const width = o.width ?? 10;
    const depth = o.depth ?? 5;
    const per = o.objectsPerComponent ?? 20;
    const id = randomBytes(3).toString('hex');
    const ns = `convoy-bench-${id}`;
    const nsKubectl = `convoy-bench-kubectl-${id}`;
    const load0 = loadavg()[0] ?? 0;
    for (const n of [ns, nsKubectl]) {
      await client.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: n, labels: { 'convoy.dev/bench': 'true' } },
      });
    }
    try {
      const nodes = generate(ns, width, depth, per);
      const s = stacks(`bench-${id}`, ns, nodes);

      // 1. apply through the library
      const events: ApplyEvent[] = [];
      const t0 = performance.now();
      const r = await apply(s.rendered, s.resolved, { client, inventoryNamespace: ns, ...applyOpts }, (e) =>
        events.push(e),
      );
      const wallMs = performance.now() - t0;
      const cp = criticalPath(nodes, events);
      const starts = events.filter((e) => e.type === 'component-start').map((e) => e.time);
      const readies = events.filter((e) => e.type === 'component-ready').map((e) => e.time);
      const first = events[0]?.time ?? 0;
      const last = events[events.length - 1]?.time ?? 0;

      // 2. kubectl apply --server-side, one shot, same manifests in another namespace
      const docs = nodes.flatMap((n) => componentObjects(nsKubectl, n.name, per));
      const kubectlMs = await kubectlApply(kubeconfig, docs.map((d) => stringify(d)).join('---\n'));

      // 3. no-op re-apply
      const t1 = performance.now();
      const again = await apply(
        s.rendered,
        s.resolved,
        { client, inventoryNamespace: ns, ...applyOpts },
        () => undefined,
      );
      const noopMs = performance.now() - t1;

      const overhead = wallMs / cp.ms - 1;
      return {
        skipped: false,
        settings: { qps: o.qps ?? 'default', burst: o.burst ?? 'default', concurrency: o.concurrency ?? 'default' },
        components: nodes.length,
        objects: nodes.length * per,
        depth,
        cpus: availableParallelism(),
        loadAverage: { before: load0, after: loadavg()[0] ?? 0 },
        apply: {
          wallMs: Math.round(wallMs),
          requests: r.requests,
          writes: r.writes,
          criticalPathMs: cp.ms,
          criticalPath: cp.path,
          overhead,
          startupMs: Math.min(...starts) - first,
          finishMs: last - Math.max(...readies),
          ok: r.ok,
        },
        kubectl: { wallMs: Math.round(kubectlMs), objects: docs.length },
        noop: {
          wallMs: Math.round(noopMs),
          requests: again.requests,
          writes: again.writes,
          objectWrites: again.objectWrites,
          ok: again.ok,
        },
        pass: {
          overhead: r.ok && overhead <= ENGINE_TARGETS.overhead,
          noopTime: again.ok && noopMs <= ENGINE_TARGETS.noopMs,
          noopWrites: again.ok && again.objectWrites === ENGINE_TARGETS.noopWrites,
        },
      };
    } finally {
      for (const n of [ns, nsKubectl])
        await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: n }).catch(() => undefined);
    }
  } finally {
    client.close();
  }
}

/** The result as a table with targets and PASS/FAIL. */
export function engineTable(r: EngineBenchOutcome): string {
  if (r.skipped) return `engine benchmark skipped: ${r.reason}`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const pf = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const rows = [
    ['case', 'wall', 'requests', 'writes', 'measure', 'target', 'result'],
    [
      `convoy apply (${r.components} components × ${r.objects / r.components} objects, depth ${r.depth})`,
      s(r.apply.wallMs),
      String(r.apply.requests),
      String(r.apply.writes),
      `overhead ${(r.apply.overhead * 100).toFixed(0)}% over critical path ${s(r.apply.criticalPathMs)}`,
      `≤ ${ENGINE_TARGETS.overhead * 100}%`,
      pf(r.pass.overhead),
    ],
    [
      `kubectl apply --server-side, one shot (${r.kubectl.objects} objects, no readiness waits)`,
      s(r.kubectl.wallMs),
      '',
      '',
      '',
      '',
      '',
    ],
    [
      `convoy apply again, nothing changed (${r.objects} objects)`,
      s(r.noop.wallMs),
      String(r.noop.requests),
      String(r.noop.writes),
      `${r.noop.objectWrites} object writes`,
      `≤ ${s(ENGINE_TARGETS.noopMs)}, 0 writes`,
      pf(r.pass.noopTime && r.pass.noopWrites),
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const lines = rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const set = r.settings;
  const head = `deployment engine on the local control plane; client qps ${set.qps}, burst ${set.burst}, component concurrency ${set.concurrency}; ${r.cpus} CPUs; load average ${r.loadAverage.before.toFixed(2)} → ${r.loadAverage.after.toFixed(2)}`;
  const note = `apply: ${s(r.apply.startupMs)} before the first component started (lock, inventory, ownership check), ${s(r.apply.finishMs)} after the last was ready; critical path ${r.apply.criticalPath.join(' → ')}`;
  return [head, ...lines, note].join('\n');
}

/** Whether every target passed (a skipped run counts as passed). */
export function enginePassed(r: EngineBenchOutcome): boolean {
  return r.skipped || (r.pass.overhead && r.pass.noopTime && r.pass.noopWrites);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      output: { type: 'string', default: 'table' },
      kubeconfig: { type: 'string' },
      qps: { type: 'string' },
      burst: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  if (values.output !== 'table' && values.output !== 'json') {
    process.stderr.write(`bench: --output must be table or json, got ${values.output}\n`);
    return 2;
  }
  const opts: EngineBenchOptions = {};
  if (values.kubeconfig) opts.kubeconfig = values.kubeconfig;
  for (const k of ['qps', 'burst', 'concurrency'] as const) {
    const n = num(values[k]);
    if (n !== undefined) {
      if (!Number.isFinite(n) || n <= 0) {
        process.stderr.write(`bench: --${k} must be a positive number, got ${values[k]}\n`);
        return 2;
      }
      opts[k] = n;
    }
  }
  const r = await runEngineBench(opts);
  process.stdout.write(
    values.output === 'json'
      ? `${JSON.stringify({ targets: ENGINE_TARGETS, ...r }, null, 2)}\n`
      : `${engineTable(r)}\n`,
  );
  return enginePassed(r) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
