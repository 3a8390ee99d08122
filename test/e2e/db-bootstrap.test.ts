/**
 * Database bootstrap against real PostgreSQL and MariaDB servers (tools/databases/start.sh).
 * Runs with CONVOY_E2E=1; skipped otherwise.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import mariadb from 'mariadb';
import pg from 'pg';
import { ConvoyError } from '../../src/errors.ts';
import { bootstrapDatabase, bootstrapRequest, dropDatabase } from '../../src/db/index.ts';
import { buildSecrets, decodeSecretData } from '../../src/secrets/index.ts';
import { DatabasesSection, SecretsSection } from '../../src/stack/schema-secrets.ts';
import { databaseServers } from '../fixtures/secrets/databases.ts';

const servers = databaseServers();
const skip = 'skip' in servers ? servers.skip : false;

for (const engine of ['postgresql', 'mariadb'] as const) {
  describe(`database bootstrap on ${engine}`, { skip }, () => {
    if ('skip' in servers) return;
    const admin = servers[engine];
    const suffix = randomBytes(3).toString('hex');
    // names with characters that need quoting: a '-' (and '_' is a GRANT wildcard in MariaDB)
    const owner = `convoy-app_${suffix}`;
    const database = `convoy-db_${suffix}`;

    it('creates role and database; a second run changes nothing; the generated credentials log in', async () => {
      const secrets = await buildSecrets(
        SecretsSection.parse({
          'db-admin': { env: { username: { var: 'ADMIN_USER' }, password: { var: 'ADMIN_PASSWORD' } } },
          'app-db': { generate: { password: { length: 32 } } },
        }),
        { baseDir: '.', namespace: 'ns', env: { ADMIN_USER: admin.user, ADMIN_PASSWORD: admin.password } },
      );
      const data = new Map(secrets.map((s) => [s.name, decodeSecretData(s.object)]));
      const spec = DatabasesSection.parse({
        app: {
          engine,
          host: admin.host,
          port: admin.port,
          admin: { secret: 'db-admin' },
          owner,
          passwordSecret: { name: 'app-db' },
          database,
          grants: engine === 'postgresql' ? ['CONNECT', 'TEMPORARY'] : ['SELECT', 'INSERT'],
        },
      }).app!;
      const req = bootstrapRequest('app', spec, { secrets: data, env: {} });
      try {
        const first = await bootstrapDatabase(req);
        assert.equal(first.role, 'created');
        assert.equal(first.database, 'created');
        const second = await bootstrapDatabase(req);
        assert.deepEqual(second, { entry: 'app', role: 'unchanged', database: 'unchanged', granted: [] });

        // log in with the password from the component's secret, and use the database
        const password = data.get('app-db')!['password']!.toString();
        if (engine === 'postgresql') {
          const c = new pg.Client({ host: admin.host, port: admin.port, user: owner, password, database });
          await c.connect();
          await c.query('CREATE TABLE t (id int)');
          const r = await c.query<{ db: string; me: string }>('SELECT current_database() AS db, current_user AS me');
          assert.deepEqual(r.rows[0], { db: database, me: owner });
          await c.end();
        } else {
          const c = await mariadb.createConnection({
            host: admin.host,
            port: admin.port,
            user: owner,
            password,
            database,
          });
          await c.query('CREATE TABLE t (id int)');
          const rows = (await c.query('SELECT DATABASE() AS db')) as { db: string }[];
          assert.equal(rows[0]?.db, database);
          await c.end();
        }

        // a changed secret value updates the password, nothing else
        const rotated = { ...req, ownerPassword: `${password}x` };
        const third = await bootstrapDatabase(rotated);
        assert.deepEqual(third, { entry: 'app', role: 'updated password', database: 'unchanged', granted: [] });
        assert.equal((await bootstrapDatabase(rotated)).role, 'unchanged');
      } finally {
        assert.ok((await dropDatabase(req, { dropOwner: true })).length >= 1);
      }
    });

    it('an unreachable server is an error naming the entry, host:port and the fix', async () => {
      const spec = DatabasesSection.parse({
        orders: {
          engine,
          host: '127.0.0.1',
          port: 1,
          admin: { env: { user: 'U', password: 'P' } },
          owner: 'o',
          passwordSecret: { name: 's' },
        },
      }).orders!;
      const req = bootstrapRequest('orders', spec, {
        secrets: new Map([['s', { password: Buffer.from('pw-never-shown') }]]),
        env: { U: 'admin', P: 'admin-pw-never-shown' },
        connectTimeoutMs: 3000,
      });
      await assert.rejects(bootstrapDatabase(req), (e: unknown) => {
        assert.ok(e instanceof ConvoyError);
        const text = e.format();
        assert.match(
          text,
          new RegExp(`^database orders: cannot reach ${engine} at 127\\.0\\.0\\.1:1 \\(ECONNREFUSED\\)`),
        );
        assert.match(text, /fix: Start the server, or correct databases\.orders\.host\/port/);
        assert.doesNotMatch(text, /never-shown/);
        return true;
      });
    });

    it('rejected admin credentials say so, without the password', async () => {
      const req = {
        entry: 'orders',
        engine,
        admin: { ...admin, password: 'wrong-password-never-shown' },
        owner: 'o',
        ownerPassword: 'x',
        database: 'o',
        grants: [],
      } as const;
      await assert.rejects(bootstrapDatabase(req), (e: unknown) => {
        assert.ok(e instanceof ConvoyError);
        assert.match(e.format(), /rejected the admin credentials/);
        assert.doesNotMatch(e.format(), /never-shown/);
        return true;
      });
    });
  });
}
