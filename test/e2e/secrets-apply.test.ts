/**
 * Secrets through real `convoy apply` runs on the local control plane (issue 5): generated
 * values and certificates are identical across three applies; `secrets rotate` changes
 * exactly one secret and rolls exactly its users; the issued certificates pass
 * `openssl verify` against their chain with the SANs, usages and validity asked for, and
 * the DER outputs parse; `secrets apply` applies the secrets alone.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runCli } from '../support/cli.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let kubeconfig = '';

before(async () => {
  if (skip) return;
  kubeconfig = (await getCluster()).kubeconfigPath;
});

function stackFile(ns: string): string {
  return `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: ${ns}}
spec:
  namespace: ${ns}
  pki:
    test-ca:
      commonName: Test Root CA
      intermediate: {commonName: Test Intermediate CA}
  secrets:
    app-db: {generate: {password: {length: 24}, token: {kind: token, length: 16}}}
    api-key: {generate: {key: {kind: uuid}}}
    app-tls:
      certificate:
        issuer: test-ca
        component: web
        dnsNames: [web.example.test]
        ipAddresses: [10.1.2.3]
        usages: [serverAuth, clientAuth]
        validity: 2160h
        formats: [pem, der]
  components:
    web:
      native:
        workloads:
          web:
            image: nginx:1.27
            ports: [8443]
            env:
              DB_PASSWORD: {secret: {name: app-db, key: password}}
            volumes:
              - {name: tls, secret: app-tls, mountPath: /tls}
    worker:
      needs: [web]
      native:
        workloads:
          worker:
            image: nginx:1.27
            envFrom: [{secret: api-key}]
          report:
            kind: CronJob
            schedule: "0 3 * * *"
            image: busybox:1.36
            env:
              DB_TOKEN: {secret: {name: app-db, key: token}}
    idle:
      native:
        workloads:
          idle: {image: nginx:1.27}
`;
}

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8' });
}

function secretData(ns: string, name: string): Record<string, string> {
  return JSON.parse(kubectl('-n', ns, 'get', 'secret', name, '-o', 'json')).data as Record<string, string>;
}

/** Pod template of a workload as JSON text (Deployment or CronJob). */
function template(ns: string, kind: string, name: string): Record<string, unknown> {
  const obj = JSON.parse(kubectl('-n', ns, 'get', kind, name, '-o', 'json'));
  return kind === 'cronjob' ? obj.spec.jobTemplate.spec.template : obj.spec.template;
}

async function convoy(ns: string, ...args: string[]) {
  const r = await runCli([...args, '--kubeconfig', kubeconfig, '--inventory-namespace', ns]);
  assert.equal(r.code, 0, `convoy ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

test(
  'generated secrets and certificates are stable; rotate changes one secret and rolls its users',
  { skip, timeout: 240_000 },
  async (t) => {
    const ns = await freshNamespace('secrets-apply', t);
    const dir = mkdtempSync(join(tmpdir(), 'convoy-secrets-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'convoy.yaml'), stackFile(ns));

    const names = ['app-db', 'api-key', 'app-tls', 'test-ca-ca'];
    const snapshots: Record<string, Record<string, string>>[] = [];
    const templates: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await convoy(ns, 'apply', dir);
      if (i === 0) assert.match(r.stderr, /secret .*app-db → web: generated password, token/);
      else assert.match(r.stderr, /secret .*app-db → web: kept password, token/);
      snapshots.push(Object.fromEntries(names.map((n) => [n, secretData(ns, n)])));
      templates.push(JSON.stringify(template(ns, 'deployment', 'web')));
    }
    assert.deepEqual(snapshots[1], snapshots[0], 'second apply kept every value');
    assert.deepEqual(snapshots[2], snapshots[0], 'third apply kept every value');
    assert.equal(templates[2], templates[0]);
    assert.equal(Buffer.from(snapshots[0]!['app-db']!['password']!, 'base64').length, 24);
    assert.match(Buffer.from(snapshots[0]!['api-key']!['key']!, 'base64').toString(), /^[0-9a-f-]{36}$/);

    // Each workload carries the hash of exactly the secrets it uses.
    const ann = (kind: string, name: string) =>
      ((template(ns, kind, name)['metadata'] as { annotations?: Record<string, string> }).annotations ?? {}) as Record<
        string,
        string
      >;
    assert.deepEqual(
      Object.keys(ann('deployment', 'web'))
        .filter((k) => k.startsWith('convoy.dev/secret-hash-'))
        .sort(),
      ['convoy.dev/secret-hash-app-db', 'convoy.dev/secret-hash-app-tls'],
    );
    assert.ok(ann('deployment', 'worker')['convoy.dev/secret-hash-api-key']);
    assert.ok(ann('cronjob', 'worker-report')['convoy.dev/secret-hash-app-db']);
    assert.equal(
      Object.keys(ann('deployment', 'idle')).filter((k) => k.startsWith('convoy.dev/secret-hash-')).length,
      0,
    );

    // Certificates: verify against the chain, SANs, usages, validity, DER.
    const data = snapshots[0]!['app-tls']!;
    const file = (key: string) => {
      const p = join(dir, key);
      writeFileSync(p, Buffer.from(data[key]!, 'base64'));
      return p;
    };
    const verify = execFileSync(
      'openssl',
      ['verify', '-CAfile', file('ca.crt'), '-untrusted', file('chain.pem'), file('tls.crt')],
      {
        encoding: 'utf8',
      },
    );
    assert.match(verify, /: OK/);
    const text = execFileSync('openssl', ['x509', '-in', join(dir, 'tls.crt'), '-noout', '-text'], {
      encoding: 'utf8',
    });
    for (const san of [
      `web.${ns}.svc.cluster.local`,
      `web.${ns}.svc`,
      `web.${ns}`,
      'DNS:web,',
      'web.example.test',
      'IP Address:10.1.2.3',
    ]) {
      assert.ok(text.includes(san), `SAN ${san} in\n${text}`);
    }
    assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/);
    const dates = execFileSync('openssl', ['x509', '-in', join(dir, 'tls.crt'), '-noout', '-startdate', '-enddate'], {
      encoding: 'utf8',
    });
    const [start, end] = [...dates.matchAll(/=(.*)$/gm)].map((m) => Date.parse(m[1]!));
    assert.ok(Math.abs(end! - start! - 2160 * 3600_000) < 3600_000, `validity 2160h: ${dates}`);
    execFileSync('openssl', ['x509', '-inform', 'der', '-in', file('tls.der'), '-noout']);
    execFileSync('openssl', ['x509', '-inform', 'der', '-in', file('ca.der'), '-noout']);
    execFileSync('openssl', ['pkey', '-inform', 'der', '-in', file('tls.key.der'), '-noout']);

    // rotate app-db password: only app-db changes; web (env) and report (CronJob, uses app-db) roll.
    const before = {
      web: JSON.stringify(template(ns, 'deployment', 'web')),
      worker: JSON.stringify(template(ns, 'deployment', 'worker')),
      idle: JSON.stringify(template(ns, 'deployment', 'idle')),
      report: JSON.stringify(template(ns, 'cronjob', 'worker-report')),
    };
    await convoy(ns, 'secrets', 'rotate', 'app-db', 'password', dir);
    const after = Object.fromEntries(names.map((n) => [n, secretData(ns, n)]));
    assert.notEqual(after['app-db']!['password'], snapshots[0]!['app-db']!['password']);
    assert.equal(after['app-db']!['token'], snapshots[0]!['app-db']!['token'], 'the other key of app-db is kept');
    for (const n of ['api-key', 'app-tls', 'test-ca-ca'])
      assert.deepEqual(after[n], snapshots[0]![n], `${n} unchanged`);
    assert.notEqual(JSON.stringify(template(ns, 'deployment', 'web')), before.web, 'web rolls');
    assert.notEqual(JSON.stringify(template(ns, 'cronjob', 'worker-report')), before.report, 'report rolls');
    assert.equal(JSON.stringify(template(ns, 'deployment', 'worker')), before.worker, 'worker untouched');
    assert.equal(JSON.stringify(template(ns, 'deployment', 'idle')), before.idle, 'idle untouched');

    // secrets apply: the secrets alone, values kept.
    const sa = await convoy(ns, 'secrets', 'apply', dir);
    assert.match(sa.stderr, /kept password, token/);
    assert.deepEqual(secretData(ns, 'app-db'), after['app-db']);
  },
);

test(
  'secrets apply installs only the secrets and CA (PanDA-style), long-lived ones survive destroy',
  { skip, timeout: 180_000 },
  async (t) => {
    const ns = await freshNamespace('secrets-only', t);
    const dir = mkdtempSync(join(tmpdir(), 'convoy-secrets-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'convoy.yaml'),
      stackFile(ns).replace(
        'api-key: {generate: {key: {kind: uuid}}}',
        'api-key: {generate: {key: {kind: uuid}}, longLived: true}',
      ),
    );
    await convoy(ns, 'secrets', 'apply', dir);
    assert.ok(secretData(ns, 'app-db')['password']);
    assert.throws(() => kubectl('-n', ns, 'get', 'deployment', 'web'), /NotFound|not found/);
    const key = secretData(ns, 'api-key');
    await convoy(ns, 'apply', dir);
    assert.deepEqual(secretData(ns, 'api-key'), key);
    await convoy(ns, 'destroy', dir);
    assert.deepEqual(secretData(ns, 'api-key'), key, 'long-lived secret kept by destroy');
    assert.ok(secretData(ns, 'test-ca-ca')['tls.key'], 'CA secret kept by destroy');
    assert.throws(() => secretData(ns, 'app-db'), /NotFound|not found/);
  },
);
