/**
 * The Helm render benchmark: N Helm releases of generated local charts, rendered (a) by N
 * serial `helm template` runs, (b) by convoy `render()` with an empty cache and (c) by
 * `render()` again with nothing changed.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { render } from '../src/render/index.ts';
import { helmTemplateArgs } from '../src/render/helm-args.ts';
import type { ResolvedComponent, ResolvedStack } from '../src/resolve/types.ts';

const run = promisify(execFile);

/** Options of {@link runHelmRenderBench}. */
export interface HelmBenchOptions {
  /** Helm releases (components). Default 100. */
  components?: number;
  /** Distinct generated charts the components share round-robin. Default 1. */
  charts?: number;
  /** Measurement rounds; each case reports its median. Default 5. */
  rounds?: number;
  /** convoy render concurrency. Default `os.availableParallelism()`. */
  concurrency?: number;
  /** helm binary. Default `$CONVOY_HELM` or `helm` on PATH. */
  helm?: string;
}

/** Wall milliseconds of each round and their median, plus median CPU time. */
export interface CaseResult {
  roundsMs: number[];
  medianMs: number;
  /** Median CPU milliseconds of this process (render work: hashing, parsing, spawning). */
  nodeCpuMs: number;
  /** Median CPU milliseconds of child processes (helm), from /proc/self/stat; null where unavailable. */
  toolCpuMs: number | null;
}

/** What the benchmark measured. */
export interface HelmBenchResult {
  components: number;
  charts: number;
  templatesPerChart: number;
  rounds: number;
  cpus: number;
  concurrency: number;
  helmVersion: string;
  objectsPerRender: number;
  /** 1-minute load average before and after the run: other work on the machine skews the ratios. */
  loadAverage: { before: number; after: number };
  serial: CaseResult;
  cold: CaseResult;
  warm: CaseResult;
}

const TEMPLATES: Record<string, string> = {
  'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels: {app: {{ .Release.Name }}, chart: {{ .Chart.Name }}}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: {{ .Release.Name }}}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
      annotations:
        checksum/config: {{ toYaml .Values.config | sha256sum }}
    spec:
      serviceAccountName: {{ .Release.Name }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports: [{name: http, containerPort: {{ .Values.port }}}]
          env:
            {{- range $k, $v := .Values.env }}
            - {name: {{ $k }}, value: {{ $v | quote }}}
            {{- end }}
          resources: {{- toYaml .Values.resources | nindent 12 }}
`,
  'service.yaml': `apiVersion: v1
kind: Service
metadata: {name: {{ .Release.Name }}}
spec:
  selector: {app: {{ .Release.Name }}}
  ports: [{name: http, port: 80, targetPort: http}]
`,
  'configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: {{ .Release.Name }}-config}
data:
  {{- range $k, $v := .Values.config }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
`,
  'serviceaccount.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: {name: {{ .Release.Name }}}
automountServiceAccountToken: false
`,
  'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: {{ .Release.Name }}}
spec:
  minAvailable: {{ sub .Values.replicas 1 }}
  selector: {matchLabels: {app: {{ .Release.Name }}}}
`,
};

const DEFAULT_VALUES = `replicas: 1
image: {repository: registry.example/app, tag: "1.0"}
port: 8080
env: {}
config: {}
resources: {requests: {cpu: 100m, memory: 128Mi}}
`;

/** Writes the charts and per-component values files; returns the stack. */
async function generate(dir: string, components: number, charts: number): Promise<ResolvedStack> {
  for (let c = 0; c < charts; c++) {
    const chart = join(dir, 'charts', `chart${c}`);
    await mkdir(join(chart, 'templates'), { recursive: true });
    await writeFile(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: chart${c}\nversion: 1.0.${c}\n`);
    await writeFile(join(chart, 'values.yaml'), DEFAULT_VALUES);
    for (const [name, text] of Object.entries(TEMPLATES)) await writeFile(join(chart, 'templates', name), text);
  }
  await mkdir(join(dir, 'values'));
  const list: ResolvedComponent[] = [];
  for (let i = 0; i < components; i++) {
    const name = `svc${String(i).padStart(3, '0')}`;
    const values = join(dir, 'values', `${name}.yaml`);
    await writeFile(
      values,
      `replicas: ${1 + (i % 4)}\nimage: {tag: "1.${i}"}\nport: ${8000 + i}\nenv: {INDEX: "${i}", NAME: ${name}}\nconfig: {greeting: hello-${i}}\n`,
    );
    const chart = `chart${i % charts}`;
    list.push({
      name,
      instanceName: name,
      namespace: `ns${i % 5}`,
      needs: [],
      skippedNeeds: [],
      disabledSubcomponents: [],
      sourceKind: 'helm',
      source: {
        kind: 'helm',
        chart: `./charts/${chart}`,
        chartPath: join(dir, 'charts', chart),
        values: [`values/${name}.yaml`],
        valuesFiles: [values],
        inlineValues: { resources: { limits: { memory: `${128 + i}Mi` } } },
        includeCrds: true,
      },
      timeoutSeconds: 300,
      position: { file: join(dir, 'convoy.yaml') },
    });
  }
  return {
    name: 'bench',
    environment: undefined,
    namespace: 'default',
    affix: undefined,
    dir,
    file: join(dir, 'convoy.yaml'),
    components: list,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** CPU milliseconds of waited-for children (cutime + cstime, Linux), or null. */
function childCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

interface Sample {
  wall: number;
  node: number;
  tool: number | null;
}

async function timed(fn: () => Promise<unknown>): Promise<Sample> {
  const c0 = childCpuMs();
  const u0 = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const u = process.cpuUsage(u0);
  const c1 = childCpuMs();
  return { wall, node: (u.user + u.system) / 1000, tool: c0 === null || c1 === null ? null : c1 - c0 };
}

/**
 * Runs the benchmark in a temporary directory (removed afterwards). Rounds interleave the
 * three cases (serial, cold, warm) so drift in machine load hits them alike. The serial
 * baseline runs exactly the `helm template` command lines convoy runs, inline values on stdin.
 *
 * @throws Error when a render does not produce the expected objects or the warm render misses the cache.
 */
export async function runHelmRenderBench(options: HelmBenchOptions = {}): Promise<HelmBenchResult> {
  const components = options.components ?? 100;
  const charts = Math.min(options.charts ?? 1, components);
  const rounds = options.rounds ?? 5;
  const concurrency = options.concurrency ?? availableParallelism();
  const helm = options.helm ?? process.env.CONVOY_HELM ?? 'helm';
  const loadBefore = loadavg()[0] ?? 0;
  const dir = await mkdtemp(join(tmpdir(), 'convoy-bench-'));
  try {
    const stack = await generate(dir, components, charts);
    const helmVersion = (await run(helm, ['version', '--short'])).stdout.trim();
    const expected = components * Object.keys(TEMPLATES).length;
    const result = { serial: [] as Sample[], cold: [] as Sample[], warm: [] as Sample[] };
    for (let r = 0; r < rounds; r++) {
      result.serial.push(
        await timed(async () => {
          for (const c of stack.components) {
            if (c.source.kind !== 'helm') continue;
            const child = execFile(helm, helmTemplateArgs(c, c.source), { cwd: dir, maxBuffer: 1 << 28 });
            child.stdin?.end(JSON.stringify(c.source.inlineValues));
            await new Promise<void>((resolve, reject) =>
              child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`helm exited ${code}`)))),
            );
          }
        }),
      );
      const cacheDir = join(dir, `cache-${r}`);
      let objects = 0;
      result.cold.push(
        await timed(async () => {
          const out = await render(stack, { cacheDir, concurrency, helmBinary: helm });
          // count rendered objects; generated ones (the Namespaces) are not helm's output
          objects = out.components.reduce(
            (n, c) => n + c.objects.filter((o) => !o.metadata.annotations?.['convoy.dev/generated']).length,
            0,
          );
        }),
      );
      if (objects !== expected) throw new Error(`cold render produced ${objects} objects, expected ${expected}`);
      result.warm.push(
        await timed(async () => {
          const out = await render(stack, { cacheDir, concurrency, helmBinary: helm });
          if (!out.components.every((c) => c.cached)) throw new Error('warm render missed the cache');
        }),
      );
    }
    const asCase = (xs: Sample[]): CaseResult => {
      const tool = xs.map((x) => x.tool);
      return {
        roundsMs: xs.map((x) => Math.round(x.wall)),
        medianMs: Math.round(median(xs.map((x) => x.wall))),
        nodeCpuMs: Math.round(median(xs.map((x) => x.node))),
        toolCpuMs: tool.every((t) => t !== null) ? Math.round(median(tool as number[])) : null,
      };
    };
    return {
      components,
      charts,
      templatesPerChart: Object.keys(TEMPLATES).length,
      rounds,
      cpus: availableParallelism(),
      concurrency,
      helmVersion,
      objectsPerRender: expected,
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      serial: asCase(result.serial),
      cold: asCase(result.cold),
      warm: asCase(result.warm),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
