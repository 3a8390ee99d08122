/**
 * Bad secret input through real `convoy apply` runs (issue 5): a missing file, a missing
 * required variable, an unknown issuer and an unreachable database each give a clear error
 * naming the secret or database and the fix, and nothing is applied — the stack's namespace
 * does not exist afterwards and no inventory was written.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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

const cases: { name: string; secrets: string; code: number; message: RegExp; fix: RegExp }[] = [
  {
    name: 'missing file',
    secrets: `  secrets:\n    app-files: {files: {list: [conf/missing.conf]}}\n`,
    code: 2,
    message: /app-files.*missing\.conf|missing\.conf.*app-files/,
    fix: /fix:/,
  },
  {
    name: 'missing required variable',
    secrets: `  secrets:\n    api: {env: {token: {var: CONVOY_E2E_UNSET_TOKEN}}}\n`,
    code: 2,
    message: /secret api: environment variable CONVOY_E2E_UNSET_TOKEN is not set/,
    fix: /export CONVOY_E2E_UNSET_TOKEN=/,
  },
  {
    name: 'unknown issuer',
    secrets: `  pki:\n    real-ca: {commonName: Real CA}\n  secrets:\n    tls: {certificate: {issuer: nope-ca, dnsNames: [a.example]}}\n`,
    code: 2,
    message: /secret tls: certificate issuer "nope-ca" is not a pki entry/,
    fix: /Add "nope-ca" under spec.pki/,
  },
  {
    name: 'unreachable database',
    secrets:
      `  secrets:\n    app-db: {generate: {password: {length: 20}}}\n` +
      `  databases:\n    appdb:\n      engine: postgresql\n      host: 127.0.0.1\n      port: 9\n` +
      `      admin: {env: {user: CONVOY_E2E_PG_USER, password: CONVOY_E2E_PG_PASSWORD}}\n` +
      `      owner: app\n      passwordSecret: {name: app-db}\n`,
    code: 1,
    message: /database appdb: cannot reach postgresql at 127\.0\.0\.1:9/,
    fix: /Start the server, or correct databases\.appdb\.host\/port/,
  },
];

for (const c of cases) {
  test(`bad input: ${c.name} — clear error, nothing applied`, { skip, timeout: 60_000 }, async (t) => {
    const inventoryNs = await freshNamespace('secrets-err', t);
    const ns = `secrets-err-${randomBytes(4).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'convoy-secrets-err-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'convoy.yaml'),
      `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: ${ns}}
spec:
  namespace: ${ns}
${c.secrets}  components:
    web:
      native:
        workloads:
          web: {image: nginx:1.27, ports: [8080]}
`,
    );
    const r = await runCli(['apply', dir, '--kubeconfig', kubeconfig, '--inventory-namespace', inventoryNs], {
      ...process.env,
      CONVOY_E2E_PG_USER: 'postgres',
      CONVOY_E2E_PG_PASSWORD: 'irrelevant-password',
    });
    assert.equal(r.code, c.code, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, c.message);
    assert.match(r.stderr, c.fix);
    const { core } = await getCluster();
    await assert.rejects(core.readNamespace({ name: ns }), /404|not found/i, 'the stack namespace was not created');
    const cms = await core.listNamespacedConfigMap({ namespace: inventoryNs });
    assert.deepEqual(
      cms.items.map((m) => m.metadata?.name).filter((n) => n !== 'kube-root-ca.crt'),
      [],
      'no inventory written',
    );
  });
}
