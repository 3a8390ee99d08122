/**
 * The example stacks in examples/ are valid against the stack schema, and every local chart and
 * Kustomize directory in them renders with the real tools.
 *
 * For each `examples/<name>/convoy.yaml`:
 * - the first line points editors at the JSON Schema, and `Stack.safeParse` accepts the document;
 * - `needs`, `disable` and `enable` name components (and declared sub-components) of the stack;
 * - native Deployments and StatefulSets carry a readiness probe, and every native workload carries
 *   resource requests and limits;
 * - every local Helm chart renders with `helm template`, once per environment (and once with none),
 *   with the component's values files (`${environment}` expanded, a trailing `?` marking an optional
 *   file), its inline values and the environment's values; and once per sub-component with
 *   `<sub>.enabled=false`, which must remove objects;
 * - every Kustomize directory renders with `kubectl kustomize`;
 * - every rendered image has an explicit tag other than `latest`, and every rendered Deployment and
 *   StatefulSet container has a readiness probe and resource requests and limits.
 *
 * helm and kubectl come from `.tools/bin` (tools/setup.sh); the test puts that folder on PATH itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse, stringify } from 'yaml';
import { Stack } from '../../src/stack/schema.ts';
import type { StackSpec, ComponentSpec } from '../../src/stack/schema.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLES = join(ROOT, 'examples');
const SCHEMA_COMMENT = '# yaml-language-server: $schema=../../schema/convoy.schema.json';
const TOOL_ENV = { ...process.env, PATH: `${join(ROOT, '.tools/bin')}:${process.env['PATH'] ?? ''}` };

/**
 * Workloads without a readiness probe on purpose: daemons whose images (distroless Java) serve no
 * health endpoint and hold no shell to run a check; they are ready when their Deployment is Available.
 */
const NO_READINESS_PROBE = new Set([
  'halo-duchy/Deployment/worker2-herald-daemon-deployment',
  'halo-duchy/Deployment/worker2-mill-job-scheduler-deployment',
]);

type K8sObject = { kind?: string; metadata?: { name?: string; annotations?: Record<string, string> }; spec?: unknown };
type Container = {
  name?: string;
  image?: string;
  readinessProbe?: unknown;
  resources?: { requests?: unknown; limits?: unknown };
};

const stackDirs = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES, d.name, 'convoy.yaml')))
  .map((d) => d.name)
  .sort();

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { env: TOOL_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: 'pipe' });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stderr ?? e.message}`, { cause: err });
  }
}

function loadStack(name: string): StackSpec {
  const text = readFileSync(join(EXAMPLES, name, 'convoy.yaml'), 'utf8');
  const result = Stack.safeParse(parse(text));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    assert.fail(`examples/${name}/convoy.yaml does not match the stack schema:\n${issues}`);
  }
  return result.data;
}

function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

/** The pod templates of a workload object (Deployment, StatefulSet, DaemonSet, Job, CronJob, PodTemplate). */
function containersOf(obj: K8sObject): Container[] {
  const spec = obj.spec as Record<string, unknown> | undefined;
  const template = (obj as { template?: unknown }).template;
  const podSpecs: unknown[] = [];
  if (obj.kind === 'CronJob') {
    const jobSpec = (spec?.['jobTemplate'] as { spec?: { template?: { spec?: unknown } } } | undefined)?.spec;
    podSpecs.push(jobSpec?.template?.spec);
  } else if (obj.kind === 'PodTemplate') {
    podSpecs.push((template as { spec?: unknown } | undefined)?.spec);
  } else {
    podSpecs.push((spec?.['template'] as { spec?: unknown } | undefined)?.spec);
  }
  return podSpecs.flatMap((p) => {
    const pod = p as { containers?: Container[]; initContainers?: Container[] } | undefined;
    return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])];
  });
}

/** Assert rendered objects follow the examples' rules: pinned images, probes and resources. */
function checkRendered(stack: string, where: string, objects: K8sObject[]): void {
  for (const obj of objects) {
    const id = `${where}: ${obj.kind}/${obj.metadata?.name}`;
    const exempt = NO_READINESS_PROBE.has(`${stack}/${obj.kind}/${obj.metadata?.name}`);
    for (const c of containersOf(obj)) {
      assert.ok(c.image, `${id} container ${c.name} has no image`);
      const tag = /:([^/:@]+)$/.exec(c.image)?.[1];
      assert.ok(tag !== undefined || c.image.includes('@sha256:'), `${id} image ${c.image} has no tag`);
      assert.notEqual(tag, 'latest', `${id} image ${c.image} uses the latest tag`);
      assert.ok(c.resources?.requests && c.resources.limits, `${id} container ${c.name} lacks requests/limits`);
    }
    if ((obj.kind === 'Deployment' || obj.kind === 'StatefulSet') && !exempt) {
      const spec = obj.spec as { template?: { spec?: { containers?: Container[] } } };
      for (const c of spec.template?.spec?.containers ?? []) {
        assert.ok(c.readinessProbe, `${id} container ${c.name} has no readiness probe`);
      }
    }
  }
}

/** The values files of a Helm component for one environment, as the resolver reads them. */
function valuesFiles(stackDir: string, component: ComponentSpec, env: string | undefined): string[] {
  const files: string[] = [];
  for (const entry of component.helm?.values ?? []) {
    const optional = entry.endsWith('?');
    const rel = (optional ? entry.slice(0, -1) : entry).replaceAll('${environment}', env ?? '');
    const file = join(stackDir, rel);
    if (existsSync(file)) files.push(file);
    else assert.ok(optional, `${file} (values of a required file) does not exist`);
  }
  return files;
}

for (const name of stackDirs) {
  const stackDir = join(EXAMPLES, name);

  test(`examples/${name}: convoy.yaml matches the stack schema`, () => {
    const text = readFileSync(join(stackDir, 'convoy.yaml'), 'utf8');
    assert.equal(text.split('\n')[0], SCHEMA_COMMENT, 'first line must point at the JSON Schema');
    assert.ok(existsSync(join(stackDir, 'README.md')), 'every example has a README.md');
    loadStack(name);
  });

  test(`examples/${name}: needs, enable and disable name known components`, () => {
    const stack = loadStack(name);
    const components = stack.spec.components;
    const known = (ref: string): boolean => {
      const [comp, sub] = ref.split('.');
      const c = comp === undefined ? undefined : components[comp];
      if (!c) return false;
      if (sub === undefined) return true;
      const subs = c.helm?.subcomponents ?? Object.keys(c.native?.workloads ?? {});
      return subs.includes(sub);
    };
    for (const [cname, c] of Object.entries(components)) {
      for (const need of c.needs) assert.ok(components[need], `${cname} needs unknown component ${need}`);
      const sources = [c.helm, c.kustomize, c.manifests, c.native].filter((s) => s !== undefined);
      assert.equal(sources.length, 1, `${cname} must have exactly one source`);
    }
    for (const [ename, e] of Object.entries(stack.spec.environments ?? {})) {
      for (const ref of [...(e.enable ?? []), ...(e.disable ?? [])]) {
        assert.ok(known(ref), `environment ${ename} names unknown component ${ref}`);
      }
      for (const comp of [...Object.keys(e.values ?? {}), ...Object.keys(e.components ?? {})]) {
        assert.ok(components[comp], `environment ${ename} configures unknown component ${comp}`);
      }
    }
  });

  test(`examples/${name}: native workloads have probes and resources`, () => {
    const stack = loadStack(name);
    for (const [cname, c] of Object.entries(stack.spec.components)) {
      for (const [wname, w] of Object.entries(c.native?.workloads ?? {})) {
        const id = `${cname}.${wname}`;
        assert.ok(w.resources?.requests && w.resources.limits, `${id} lacks resource requests/limits`);
        assert.ok(!/:latest$/.test(w.image) && /:[^/:]+$/.test(w.image), `${id} image ${w.image} is not pinned`);
        if (w.kind === 'Deployment' || w.kind === 'StatefulSet') assert.ok(w.probes?.ready, `${id} has no ready probe`);
      }
    }
  });

  test(`examples/${name}: local charts, Kustomize directories and manifests render`, () => {
    const stack = loadStack(name);
    const envs: (string | undefined)[] = [undefined, ...Object.keys(stack.spec.environments ?? {})];
    const tmp = mkdtempSync(join(tmpdir(), 'convoy-examples-'));
    try {
      for (const [cname, c] of Object.entries(stack.spec.components)) {
        if (c.helm && c.helm.chart.startsWith('./')) {
          const chart = join(stackDir, c.helm.chart);
          assert.ok(existsSync(join(chart, 'Chart.yaml')), `${cname}: ${chart} is not a chart`);
          for (const env of envs) {
            const args = ['template', c.helm.releaseName ?? cname, chart, '--namespace', 'convoy-test'];
            for (const f of valuesFiles(stackDir, c, env)) args.push('-f', f);
            const inline = [c.values, env === undefined ? undefined : stack.spec.environments?.[env]?.values?.[cname]];
            inline.forEach((v, i) => {
              if (v === undefined) return;
              const file = join(tmp, `${cname}-${env ?? 'none'}-${i}.yaml`);
              writeFileSync(file, stringify(v));
              args.push('-f', file);
            });
            const where = `${cname} (environment ${env ?? 'none'})`;
            const objects = parseObjects(run('helm', args));
            assert.ok(objects.length > 0, `${where} renders no objects`);
            checkRendered(name, where, objects);
            for (const sub of c.helm.subcomponents ?? []) {
              const without = parseObjects(run('helm', [...args, '--set', `${sub}.enabled=false`]));
              assert.ok(without.length < objects.length, `${where}: ${sub}.enabled=false removes nothing`);
            }
          }
        }
        if (c.kustomize) {
          const objects = parseObjects(run('kubectl', ['kustomize', join(stackDir, c.kustomize.path)]));
          assert.ok(objects.length > 0, `${cname}: kustomization renders no objects`);
          checkRendered(name, cname, objects);
        }
        if (c.manifests) {
          for (const pattern of c.manifests.files) {
            const dir = join(stackDir, dirname(pattern));
            const re = new RegExp(`^${pattern.split('/').pop()!.replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
            const files = readdirSync(dir).filter((f) => re.test(f));
            assert.ok(files.length > 0, `${cname}: ${pattern} matches no file`);
            for (const f of files) checkRendered(name, cname, parseObjects(readFileSync(join(dir, f), 'utf8')));
          }
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

test('examples: one stack per seed system, and hello', () => {
  for (const name of ['hello', 'panda', 'panda-secrets', 'daml-enterprise', 'halo-duchy', 'orchestrate']) {
    assert.ok(stackDirs.includes(name), `examples/${name}/convoy.yaml is missing`);
  }
});

test('examples/panda: the panda chart has a conditional subchart and hooks of several weights', () => {
  const chart = join(EXAMPLES, 'panda/charts/panda');
  const meta = parse(readFileSync(join(chart, 'Chart.yaml'), 'utf8')) as {
    dependencies?: { name: string; condition?: string }[];
  };
  assert.deepEqual(
    meta.dependencies?.map((d) => [d.name, d.condition]),
    [['postgres', 'postgres.enabled']],
  );
  const objects = parseObjects(run('helm', ['template', 'test-panda', chart]));
  const hooks = objects.filter((o) => o.metadata?.annotations?.['helm.sh/hook']);
  const weights = new Set(hooks.map((o) => o.metadata?.annotations?.['helm.sh/hook-weight']));
  assert.ok(hooks.length >= 2 && weights.size >= 2, 'hooks of at least two weights');
  for (const h of hooks) {
    assert.equal(h.metadata?.annotations?.['helm.sh/hook-delete-policy'], 'before-hook-creation,hook-succeeded');
  }
  assert.ok(objects.some((o) => o.kind === 'StatefulSet' && o.metadata?.name === 'test-panda-postgres'));
  const noDb = parseObjects(run('helm', ['template', 'test-panda', chart, '--set', 'postgres.enabled=false']));
  assert.ok(!noDb.some((o) => o.metadata?.name === 'test-panda-postgres'), 'postgres.enabled=false drops the subchart');
});
