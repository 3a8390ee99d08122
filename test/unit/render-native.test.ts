/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk into built objects freely */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConvoyError } from '../../src/errors.ts';
import { buildNativeObjects, buildWorkloadObjects, type NativeComponent } from '../../src/render/index.ts';
import { toYaml } from '../../src/objects/yaml.ts';
import type { KubeObject } from '../../src/objects/types.ts';
import type { WorkloadSpec } from '../../src/stack/schema.ts';
import { Workload } from '../../src/stack/schema.ts';
import { FIXTURES } from '../fixtures/render/helpers.ts';

const comp: NativeComponent = { stackName: 'panda', component: 'idds', instanceName: 'test-idds', namespace: 'panda' };
/** A workload spec with the schema's defaults applied, as resolve hands it over. */
const spec = (input: Record<string, unknown>): WorkloadSpec => Workload.parse({ image: 'img:1', ...input });
const build = (input: Record<string, unknown>, name = 'idds') => buildWorkloadObjects(comp, name, spec(input));
const byKind = (objs: KubeObject[], kind: string) => objs.filter((o) => o.kind === kind);
const one = (objs: KubeObject[], kind: string): KubeObject & { spec: any } => {
  const found = byKind(objs, kind);
  assert.equal(found.length, 1, `one ${kind} in ${objs.map((o) => o.kind).join(',')}`);
  return found[0] as KubeObject & { spec: any };
};
const container = (objs: KubeObject[], kind = 'Deployment') => one(objs, kind).spec.template.spec.containers[0];
const renderError = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ConvoyError && e.code === 'E_RENDER' && re.test(e.message));

test('native: names — the workload named like the component takes the instance name', () => {
  assert.deepEqual(
    build({}).map((o) => `${o.kind}/${o.metadata.name}`),
    ['ServiceAccount/test-idds', 'Deployment/test-idds'],
  );
  assert.deepEqual(
    build({}, 'worker').map((o) => o.metadata.name),
    ['test-idds-worker', 'test-idds-worker'],
  );
});

test('native: labels, selector and annotations', () => {
  const objs = build(
    { labels: { team: 'data', 'app.kubernetes.io/name': 'ignored' }, annotations: { a: 'b' } },
    'worker',
  );
  const dep = one(objs, 'Deployment');
  assert.deepEqual(dep.metadata.labels, {
    'app.kubernetes.io/name': 'worker',
    'app.kubernetes.io/instance': 'test-idds',
    'app.kubernetes.io/component': 'worker',
    'app.kubernetes.io/part-of': 'panda',
    'app.kubernetes.io/managed-by': 'convoy',
    team: 'data',
  });
  assert.deepEqual(dep.spec.selector, {
    matchLabels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'test-idds' },
  });
  assert.deepEqual(dep.spec.template.metadata, { labels: dep.metadata.labels, annotations: { a: 'b' } });
  for (const o of objs) {
    assert.equal(o.metadata.namespace, 'panda');
    assert.equal(o.metadata.annotations?.['convoy.dev/component'], 'idds');
    assert.equal(o.metadata.annotations?.['convoy.dev/origin'], 'native:worker');
  }
});

test('native: Deployment defaults — replicas 1, own ServiceAccount without token, no Service without ports', () => {
  const objs = build({});
  assert.deepEqual(
    objs.map((o) => o.kind),
    ['ServiceAccount', 'Deployment'],
  );
  assert.equal(one(objs, 'ServiceAccount').automountServiceAccountToken, false);
  const dep = one(objs, 'Deployment');
  assert.equal(dep.spec.replicas, 1);
  assert.equal(dep.spec.strategy, undefined);
  assert.equal(dep.spec.template.spec.serviceAccountName, 'test-idds');
  assert.deepEqual(container(objs), {
    name: 'idds',
    image: 'img:1',
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
  });
  assert.deepEqual(dep.spec.template.spec.securityContext, {
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
});

test('native: serviceAccount name / false; replicas; strategy Recreate; command and args', () => {
  let objs = build({ serviceAccount: 'shared', replicas: 3, strategy: 'Recreate', command: ['run'], args: ['--x'] });
  assert.equal(byKind(objs, 'ServiceAccount').length, 0);
  const dep = one(objs, 'Deployment');
  assert.equal(dep.spec.template.spec.serviceAccountName, 'shared');
  assert.equal(dep.spec.replicas, 3);
  assert.deepEqual(dep.spec.strategy, { type: 'Recreate' });
  assert.deepEqual(container(objs).command, ['run']);
  assert.deepEqual(container(objs).args, ['--x']);
  objs = build({ serviceAccount: false, replicas: 0 });
  assert.equal(one(objs, 'Deployment').spec.template.spec.serviceAccountName, undefined);
  assert.equal(one(objs, 'Deployment').spec.replicas, 0);
});

test('native: ports and the Service (ClusterIP default, targetPort by name)', () => {
  const objs = build({ ports: [8080, { name: 'grpc', port: 9090, targetPort: 19090 }, { port: 53, protocol: 'UDP' }] });
  assert.deepEqual(container(objs).ports, [
    { name: 'port-8080', containerPort: 8080, protocol: 'TCP' },
    { name: 'grpc', containerPort: 19090, protocol: 'TCP' },
    { name: 'port-53', containerPort: 53, protocol: 'UDP' },
  ]);
  const svc = one(objs, 'Service');
  assert.equal(svc.metadata.name, 'test-idds');
  assert.deepEqual(svc.spec, {
    type: 'ClusterIP',
    selector: { 'app.kubernetes.io/name': 'idds', 'app.kubernetes.io/instance': 'test-idds' },
    ports: [
      { name: 'port-8080', port: 8080, targetPort: 'port-8080', protocol: 'TCP' },
      { name: 'grpc', port: 9090, targetPort: 'grpc', protocol: 'TCP' },
      { name: 'port-53', port: 53, targetPort: 'port-53', protocol: 'UDP' },
    ],
  });
});

const serviceCases: { name: string; service: unknown; expect: Record<string, unknown> | undefined; meta?: object }[] = [
  { name: 'false → none', service: false, expect: undefined },
  { name: 'NodePort', service: { type: 'NodePort' }, expect: { type: 'NodePort' } },
  { name: 'LoadBalancer', service: { type: 'LoadBalancer' }, expect: { type: 'LoadBalancer' } },
  { name: 'Headless', service: { type: 'Headless' }, expect: { type: 'ClusterIP', clusterIP: 'None' } },
  {
    name: 'ClientIP affinity',
    service: { sessionAffinity: { clientIP: { timeoutSeconds: 10800 } } },
    expect: {
      type: 'ClusterIP',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    },
  },
  {
    name: 'name and annotations',
    service: { name: 'api', annotations: { 'x.io/y': 'z' } },
    expect: { type: 'ClusterIP' },
    meta: {
      name: 'api',
      annotations: { 'x.io/y': 'z', 'convoy.dev/component': 'idds', 'convoy.dev/origin': 'native:idds' },
    },
  },
];
for (const c of serviceCases) {
  test(`native: service ${c.name}`, () => {
    const svcs = byKind(build({ ports: [80], service: c.service }), 'Service');
    if (!c.expect) return assert.equal(svcs.length, 0);
    const svc = svcs[0] as KubeObject & { spec: Record<string, unknown> };
    const { selector: _s, ports: _p, ...rest } = svc.spec;
    assert.deepEqual(rest, c.expect);
    if (c.meta) assert.deepEqual({ name: svc.metadata.name, annotations: svc.metadata.annotations }, c.meta);
  });
}

test('native: env (plain, secret, configMap, field) in written order, and envFrom', () => {
  const c = container(
    build({
      env: {
        MODE: 'prod',
        COUNT: 3,
        DEBUG: false,
        DB_PASSWORD: { secret: { name: 'db', key: 'password' } },
        LEVEL: { configMap: { name: 'cfg', key: 'level', optional: true } },
        POD_IP: { field: 'status.podIP' },
      },
      envFrom: [
        { secret: 'creds', prefix: 'C_' },
        { configMap: 'settings', optional: true },
      ],
    }),
  );
  assert.deepEqual(c.env, [
    { name: 'MODE', value: 'prod' },
    { name: 'COUNT', value: '3' },
    { name: 'DEBUG', value: 'false' },
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level', optional: true } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
  ]);
  assert.deepEqual(c.envFrom, [
    { prefix: 'C_', secretRef: { name: 'creds' } },
    { configMapRef: { name: 'settings', optional: true } },
  ]);
});

test('native: probes — path string, http, tcp, grpc, exec with timings', () => {
  const c = container(
    build({
      ports: [{ name: 'http', port: 8443 }],
      probes: {
        ready: '/readyz',
        live: { http: { path: '/livez', port: 9000, scheme: 'HTTPS' }, periodSeconds: 5, failureThreshold: 3 },
        startup: { tcp: {}, initialDelaySeconds: 2 },
      },
    }),
  );
  assert.deepEqual(c.readinessProbe, { httpGet: { path: '/readyz', port: 'http' } });
  assert.deepEqual(c.livenessProbe, {
    httpGet: { path: '/livez', port: 9000, scheme: 'HTTPS' },
    periodSeconds: 5,
    failureThreshold: 3,
  });
  assert.deepEqual(c.startupProbe, { tcpSocket: { port: 'http' }, initialDelaySeconds: 2 });
  const g = container(
    build({
      ports: [{ port: 80, targetPort: 8080 }],
      probes: { ready: { grpc: { service: 'health' } }, live: { exec: { command: ['true'] } } },
    }),
  );
  assert.deepEqual(g.readinessProbe, { grpc: { port: 8080, service: 'health' } });
  assert.deepEqual(g.livenessProbe, { exec: { command: ['true'] } });
});

test('native: probe errors — no port to use, zero or two handlers', () => {
  renderError(() => build({ probes: { ready: '/readyz' } }), /ready probe needs a port/);
  renderError(
    () => build({ ports: [80], probes: { live: { tcp: {}, exec: { command: ['x'] } } } }),
    /exactly one of .*found tcp, exec/,
  );
  renderError(() => build({ ports: [80], probes: { live: { periodSeconds: 3 } } }), /found none/);
});

test('native: volumes — emptyDir, secret, configMap, claim, and a bare one is an emptyDir', () => {
  const objs = build({
    volumes: [
      { name: 'tmp', mountPath: '/tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'certs', mountPath: '/certs', secret: 'tls', readOnly: true },
      { name: 'cfg', mountPath: '/cfg/app.ini', configMap: 'app', subPath: 'app.ini' },
      { name: 'data', mountPath: '/data', claim: 'shared-data' },
      { name: 'scratch', mountPath: '/scratch' },
    ],
  });
  const pod = one(objs, 'Deployment').spec.template.spec;
  assert.deepEqual(pod.volumes, [
    { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'certs', secret: { secretName: 'tls' } },
    { name: 'cfg', configMap: { name: 'app' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'shared-data' } },
    { name: 'scratch', emptyDir: {} },
  ]);
  assert.deepEqual(pod.containers[0].volumeMounts, [
    { name: 'tmp', mountPath: '/tmp' },
    { name: 'certs', mountPath: '/certs', readOnly: true },
    { name: 'cfg', mountPath: '/cfg/app.ini', subPath: 'app.ini' },
    { name: 'data', mountPath: '/data' },
    { name: 'scratch', mountPath: '/scratch' },
  ]);
  renderError(
    () => build({ volumes: [{ name: 'x', mountPath: '/x', secret: 'a', claim: 'b' }] }),
    /sets secret and claim/,
  );
  renderError(
    () => build({ volumes: [{ name: 'x', mountPath: '/x', persistent: { size: '1Gi' } }] }),
    /persistent but the workload is a Deployment/,
  );
});

test('native: config files → ConfigMap named like the workload, mounted at /etc/<workload>, pods roll on change', () => {
  const objs = build({ config: { files: { 'app.ini': 'a=1\n' } } }, 'worker');
  const cm = one(objs, 'ConfigMap');
  assert.equal(cm.metadata.name, 'test-idds-worker');
  assert.deepEqual(cm.data, { 'app.ini': 'a=1\n' });
  const pod = one(objs, 'Deployment').spec.template;
  assert.deepEqual(pod.spec.volumes, [{ name: 'convoy-config', configMap: { name: 'test-idds-worker' } }]);
  assert.deepEqual(pod.spec.containers[0].volumeMounts, [
    { name: 'convoy-config', mountPath: '/etc/worker', readOnly: true },
  ]);
  const hash = pod.metadata.annotations['convoy.dev/config-sha256'];
  assert.match(hash, /^[0-9a-f]{64}$/);
  const other = one(build({ config: { files: { 'app.ini': 'a=2\n' }, mountPath: '/conf' } }, 'worker'), 'Deployment')
    .spec.template;
  assert.notEqual(other.metadata.annotations['convoy.dev/config-sha256'], hash);
  assert.equal(other.spec.containers[0].volumeMounts[0].mountPath, '/conf');
});

test('native: StatefulSet — headless governing Service, volumeClaimTemplates, RollingUpdate only', () => {
  const objs = build({
    kind: 'StatefulSet',
    replicas: 2,
    ports: [5432],
    volumes: [{ name: 'data', mountPath: '/var/lib/pg', persistent: { size: '10Gi', storageClassName: 'fast' } }],
  });
  assert.deepEqual(
    objs.map((o) => `${o.kind}/${o.metadata.name}`),
    ['ServiceAccount/test-idds', 'StatefulSet/test-idds', 'Service/test-idds', 'Service/test-idds-headless'],
  );
  const sts = one(objs, 'StatefulSet');
  assert.equal(sts.spec.serviceName, 'test-idds-headless');
  assert.equal(sts.spec.replicas, 2);
  assert.deepEqual(sts.spec.volumeClaimTemplates, [
    {
      metadata: {
        name: 'data',
        labels: { 'app.kubernetes.io/name': 'idds', 'app.kubernetes.io/instance': 'test-idds' },
      },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
    },
  ]);
  assert.equal(sts.spec.template.spec.volumes, undefined);
  const headless = byKind(objs, 'Service').find((s) => s.metadata.name === 'test-idds-headless') as KubeObject & {
    spec: any;
  };
  assert.equal(headless.spec.clusterIP, 'None');
  assert.equal(headless.spec.publishNotReadyAddresses, true);

  const own = build({ kind: 'StatefulSet', ports: [5432], service: { type: 'Headless' } });
  assert.equal(byKind(own, 'Service').length, 1);
  assert.equal(one(own, 'StatefulSet').spec.serviceName, 'test-idds');
  const noPorts = build({ kind: 'StatefulSet', service: false });
  assert.equal(one(noPorts, 'Service').metadata.name, 'test-idds-headless');
  assert.equal(one(noPorts, 'Service').spec.ports, undefined);
  renderError(() => build({ kind: 'StatefulSet', strategy: 'Recreate' }), /Recreate does not exist for StatefulSets/);
});

test('native: Job and CronJob', () => {
  const job = one(build({ kind: 'Job', backoffLimit: 2, completions: 3, activeDeadlineSeconds: 600 }), 'Job');
  assert.equal(job.apiVersion, 'batch/v1');
  assert.equal(job.spec.backoffLimit, 2);
  assert.equal(job.spec.completions, 3);
  assert.equal(job.spec.activeDeadlineSeconds, 600);
  assert.equal(job.spec.selector, undefined);
  assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  const cron = one(build({ kind: 'CronJob', schedule: '*/5 * * * *', backoffLimit: 1 }), 'CronJob');
  assert.equal(cron.spec.schedule, '*/5 * * * *');
  assert.equal(cron.spec.jobTemplate.spec.backoffLimit, 1);
  assert.equal(cron.spec.jobTemplate.spec.template.spec.restartPolicy, 'Never');
  renderError(() => build({ kind: 'CronJob' }), /kind CronJob needs a schedule/);
});

test('native: buildNativeObjects — workloads by name, disabled sub-components dropped, errors at the position', () => {
  const workloads = { worker: spec({}), idds: spec({ ports: [80] }), agent: spec({}) };
  const objs = buildNativeObjects({ ...comp, disabledSubcomponents: ['agent'] }, { workloads });
  assert.deepEqual(
    [...new Set(objs.map((o) => o.metadata.annotations?.['convoy.dev/origin']))],
    ['native:idds', 'native:worker'],
  );
  const position = { file: 'convoy.yaml', line: 7, column: 5 };
  const err = (() => {
    try {
      buildNativeObjects({ ...comp, position }, { workloads: { cron: spec({ kind: 'CronJob' }) } });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof ConvoyError);
  assert.deepEqual(err.position, position);
  assert.match(err.message, /^component "idds", workload "cron": /);
});

test('native: built objects are plain JSON (no undefined values) and deterministic', () => {
  const input = { ports: [80], probes: { ready: '/r' }, config: { files: { a: 'b' } }, env: { A: '1' } };
  const a = build(input);
  assert.deepEqual(a, JSON.parse(JSON.stringify(a)));
  assert.equal(toYaml(a), toYaml(build(input)));
});

/** Golden output of a PanDA-shaped native component; regenerate with CONVOY_UPDATE_GOLDEN=1. */
test('native: golden YAML', async () => {
  const workloads = {
    idds: spec({
      image: 'ghcr.io/panda/idds:2.1',
      replicas: 2,
      ports: [{ name: 'https', port: 443, targetPort: 8443 }],
      service: { sessionAffinity: { clientIP: { timeoutSeconds: 3600 } } },
      env: { IDDS_DB: { secret: { name: 'idds-db', key: 'url' } }, LOG_LEVEL: 'info' },
      probes: { ready: '/readyz', live: '/livez' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      config: { files: { 'idds.cfg': '[common]\nloglevel = INFO\n' } },
      strategy: 'RollingUpdate',
    }),
    db: spec({
      kind: 'StatefulSet',
      image: 'postgres:16',
      ports: [5432],
      volumes: [{ name: 'data', mountPath: '/var/lib/postgresql/data', persistent: { size: '5Gi' } }],
      serviceAccount: false,
    }),
    cleanup: spec({
      kind: 'CronJob',
      image: 'ghcr.io/panda/idds:2.1',
      schedule: '0 3 * * *',
      args: ['cleanup'],
      backoffLimit: 1,
    }),
  };
  const text = toYaml(buildNativeObjects(comp, { workloads }));
  const file = join(FIXTURES, 'golden', 'native-idds.yaml');
  if (process.env.CONVOY_UPDATE_GOLDEN) {
    await mkdir(join(FIXTURES, 'golden'), { recursive: true });
    await writeFile(file, text);
  }
  assert.equal(text, await readFile(file, 'utf8'));
});
