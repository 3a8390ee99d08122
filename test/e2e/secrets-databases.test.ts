/**
 * Database bootstrap through real `convoy apply` runs (issue 5), against the PostgreSQL and
 * MariaDB servers of tools/databases/start.sh: the first apply creates role and database
 * before the component that uses the password secret, a second apply changes nothing, and
 * the credentials in the component's Secret log in. `destroy --purge --drop-databases`
 * refuses without --yes when there is no terminal, and drops with it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mariadb from 'mariadb';
import pg from 'pg';
import { runCli } from '../support/cli.ts';
import { databaseServers } from '../fixtures/secrets/databases.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const servers = databaseServers();
const skip = 'skip' in servers ? servers.skip : false;

test(
  'apply bootstraps PostgreSQL and MariaDB idempotently; the secret logs in; drop needs --yes',
  { skip, timeout: 240_000 },
  async (t) => {
    if ('skip' in servers) return;
    const { kubeconfigPath } = await getCluster();
    const ns = await freshNamespace('secrets-db', t);
    const suffix = randomBytes(3).toString('hex');
    const dir = mkdtempSync(join(tmpdir(), 'convoy-db-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const pgs = servers.postgresql;
    const my = servers.mariadb;
    writeFileSync(
      join(dir, 'convoy.yaml'),
      `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: ${ns}}
spec:
  namespace: ${ns}
  secrets:
    pg-admin: {env: {username: {var: PG_ADMIN_USER}, password: {var: PG_ADMIN_PASSWORD}}}
    ledger-db: {generate: {password: {length: 28}}}
    mill-db: {generate: {password: {length: 28}}}
  databases:
    ledger:
      engine: postgresql
      host: ${pgs.host}
      port: ${pgs.port}
      admin: {secret: pg-admin}
      owner: ledger_${suffix}
      passwordSecret: {name: ledger-db}
    mill:
      engine: mariadb
      host: ${my.host}
      port: ${my.port}
      admin: {env: {user: MY_ADMIN_USER, password: MY_ADMIN_PASSWORD}}
      owner: mill_${suffix}
      passwordSecret: {name: mill-db}
  components:
    base:
      native: {workloads: {base: {image: nginx:1.27}}}
    participant:
      needs: [base]
      native:
        workloads:
          participant:
            image: nginx:1.27
            env:
              DB_PASSWORD: {secret: {name: ledger-db, key: password}}
    mill:
      needs: [base]
      native:
        workloads:
          mill:
            image: nginx:1.27
            env:
              DB_PASSWORD: {secret: {name: mill-db, key: password}}
`,
    );
    const env = {
      ...process.env,
      PG_ADMIN_USER: pgs.user,
      PG_ADMIN_PASSWORD: pgs.password,
      MY_ADMIN_USER: my.user,
      MY_ADMIN_PASSWORD: my.password,
    };
    const flags = ['--kubeconfig', kubeconfigPath, '--inventory-namespace', ns];
    const cli = (...args: string[]) => runCli([...args, ...flags], env);

    const first = await cli('apply', dir, '-o', 'json');
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const events = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const done = (name: string) => events.find((e) => e['type'] === 'database-done' && e['name'] === name);
    assert.deepEqual(
      [done('ledger')?.['role'], done('ledger')?.['database'], done('ledger')?.['component']],
      ['created', 'created', 'participant'],
    );
    assert.deepEqual(
      [done('mill')?.['role'], done('mill')?.['database'], done('mill')?.['component']],
      ['created', 'created', 'mill'],
    );
    // The bootstrap ran before the component's objects were applied.
    const at = (pred: (e: Record<string, unknown>) => boolean) => events.findIndex(pred);
    assert.ok(
      at((e) => e['type'] === 'database-done' && e['name'] === 'ledger') <
        at((e) => e['type'] === 'object-apply' && e['component'] === 'participant'),
    );
    assert.ok(!first.stdout.includes(pgs.password) && !first.stdout.includes(my.password), 'admin passwords redacted');

    const second = await cli('apply', dir, '-o', 'json');
    assert.equal(second.code, 0, second.stderr);
    const again = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e['type'] === 'database-done');
    assert.equal(again.length, 2);
    for (const e of again) assert.deepEqual([e['role'], e['database'], e['granted']], ['unchanged', 'unchanged', []]);

    // Log in with the credentials from the component's Secret.
    const password = (name: string) =>
      Buffer.from(
        execFileSync(
          'kubectl',
          ['--kubeconfig', kubeconfigPath, '-n', ns, 'get', 'secret', name, '-o', 'jsonpath={.data.password}'],
          {
            encoding: 'utf8',
          },
        ),
        'base64',
      ).toString('utf8');
    const pc = new pg.Client({
      host: pgs.host,
      port: pgs.port,
      user: `ledger_${suffix}`,
      password: password('ledger-db'),
      database: `ledger_${suffix}`,
    });
    await pc.connect();
    assert.equal((await pc.query('SELECT current_user AS u')).rows[0].u, `ledger_${suffix}`);
    await pc.end();
    const mc = await mariadb.createConnection({
      host: my.host,
      port: my.port,
      user: `mill_${suffix}`,
      password: password('mill-db'),
      database: `mill_${suffix}`,
    });
    const rows = (await mc.query('SELECT DATABASE() AS d')) as { d: string }[];
    assert.equal(rows[0]?.d, `mill_${suffix}`);
    await mc.end();

    // Dropping: refused without --yes (no terminal), without --purge; done with both.
    const refused = await cli('destroy', dir, '--purge', '--drop-databases');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to drop .*without confirmation; nothing was deleted/);
    assert.match(refused.stderr, /--yes/);
    const noPurge = await cli('destroy', dir, '--drop-databases', '--yes');
    assert.equal(noPurge.code, 2);
    assert.match(noPurge.stderr, /--drop-databases needs --purge/);
    const still = new pg.Client({ ...pgs, database: `ledger_${suffix}` });
    await still.connect();
    await still.end();
    const dropped = await cli('destroy', dir, '--purge', '--drop-databases', '--yes');
    assert.equal(dropped.code, 0, dropped.stderr);
    assert.match(dropped.stderr, /database ledger: dropped/);
    const gone = new pg.Client({ ...pgs, database: `ledger_${suffix}` });
    await assert.rejects(gone.connect(), /does not exist/);
    await gone.end().catch(() => undefined);
  },
);
