/**
 * Redaction (issue 5): every byte printed by apply (text and JSON), plan, diff (text and
 * JSON), render, `secrets rotate`, a run whose rollout fails and a run stopped by an
 * unreachable database is captured, and no secret value of the stack appears in it — not
 * as text, not base64-encoded, not as one line of a PEM block.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const ENV_TOKEN = 'env-token-Zq8wX1vB7nM3kL9p';
const FILE_SECRET = 'file-secret-Hc4Rt6Yu2Io0Pa5S';
const REGISTRY_PASSWORD = 'registry-pw-Qe3Wr5Ty7Ui9Op1A';

function stack(ns: string, image: string, database: boolean): string {
  return `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: ${ns}}
spec:
  namespace: ${ns}
  pki:
    red-ca: {commonName: Redaction CA}
  secrets:
    app-db: {generate: {password: {length: 32}}}
    api: {env: {token: {var: REDACTION_TOKEN}}}
    conf: {files: {list: [conf/app.secret]}, hashSuffix: true}
    pull: {dockerconfigjson: {registry: ghcr.io, username: robot, password: {env: REGISTRY_PASSWORD}}}
    tls: {certificate: {issuer: red-ca, component: web}}
${
  database
    ? `  databases:
    appdb:
      engine: postgresql
      host: 127.0.0.1
      port: 9
      admin: {env: {user: PGADMIN_USER, password: PGADMIN_PASSWORD}}
      owner: app
      passwordSecret: {name: app-db}
`
    : ''
}  components:
    web:
      timeout: 20s
      native:
        workloads:
          web:
            image: ${image}
            ports: [8443]
            env:
              DB_PASSWORD: {secret: {name: app-db, key: password}}
              API_TOKEN: {secret: {name: api, key: token}}
            volumes:
              - {name: conf, secret: conf, mountPath: /conf}
              - {name: tls, secret: tls, mountPath: /tls}
`;
}

test(
  'no secret value in any output: apply, plan, diff, render, rotate, failing runs',
  { skip, timeout: 240_000 },
  async (t) => {
    const ns = await freshNamespace('redaction', t);
    const dir = mkdtempSync(join(tmpdir(), 'convoy-redaction-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'app.secret'), FILE_SECRET);
    const env = {
      ...process.env,
      REDACTION_TOKEN: ENV_TOKEN,
      REGISTRY_PASSWORD,
      PGADMIN_USER: 'postgres',
      PGADMIN_PASSWORD: 'pg-admin-Lk2Jh4Gf6Ds8Aq0W',
    };
    const flags = ['--kubeconfig', kubeconfig, '--inventory-namespace', ns];
    const outputs: string[] = [];
    const run = async (args: string[], expect?: number) => {
      const r = await runCli([...args, ...flags], env);
      outputs.push(`$ ${args.join(' ')} (exit ${r.code})\n${r.stdout}${r.stderr}`);
      if (expect !== undefined) assert.equal(r.code, expect, `${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
      return r;
    };

    writeFileSync(join(dir, 'convoy.yaml'), stack(ns, 'nginx:1.27', false));
    await run(['plan', dir], 0);
    await run(['apply', dir, '-v'], 0);
    await run(['apply', dir, '-o', 'json'], 0);
    writeFileSync(join(dir, 'conf', 'app.secret'), `${FILE_SECRET}-v2`);
    await run(['diff', dir], 0);
    await run(['plan', dir, '-o', 'json', '--show-unchanged'], 0);
    await run(['secrets', 'rotate', 'app-db', dir], 0);
    await run(['diff', dir, '--show-unchanged'], 0);
    const rendered = await runCli(['render', dir], env);
    outputs.push(rendered.stdout + rendered.stderr);
    assert.match(rendered.stdout, /<redacted>/);
    // A failing rollout (kwok: unpullable image) and a run stopped by an unreachable database.
    writeFileSync(join(dir, 'convoy.yaml'), stack(ns, 'convoy-test/unpullable:1', false));
    await run(['apply', dir, '-v'], 1);
    await run(['apply', dir, '-o', 'json'], 1);
    writeFileSync(join(dir, 'convoy.yaml'), stack(ns, 'nginx:1.27', true));
    await run(['apply', dir], 1);
    await run(['apply', dir, '--debug'], 1);

    // Every value of every secret in the cluster, and the inputs.
    const list = JSON.parse(
      execFileSync('kubectl', ['--kubeconfig', kubeconfig, '-n', ns, 'get', 'secrets', '-o', 'json'], {
        encoding: 'utf8',
      }),
    ) as { items: { data?: Record<string, string> }[] };
    const values = new Set<string>([ENV_TOKEN, FILE_SECRET, REGISTRY_PASSWORD, env.PGADMIN_PASSWORD]);
    for (const s of list.items) {
      for (const b64 of Object.values(s.data ?? {})) {
        const text = Buffer.from(b64, 'base64').toString('utf8');
        values.add(b64);
        values.add(text);
        for (const line of text.split('\n'))
          if (line.length >= 16 && !line.startsWith('-----')) values.add(line.trim());
      }
    }
    const all = outputs.join('\n');
    assert.ok(all.length > 2000, 'captured the output');
    for (const v of values) {
      if (v.length < 8) continue;
      assert.ok(!all.includes(v), `a secret value leaked into the output: ${v.slice(0, 6)}… (${v.length} chars)`);
    }
  },
);
