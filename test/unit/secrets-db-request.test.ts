import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapRequest, checkGrants, grantPattern } from '../../src/db/index.ts';
import { ConvoyError } from '../../src/errors.ts';
import type { SecretData } from '../../src/secrets/index.ts';
import { DatabasesSection } from '../../src/stack/schema-secrets.ts';

const entry = (over: object = {}) =>
  DatabasesSection.parse({
    panda: {
      engine: 'postgresql',
      host: 'db',
      admin: { secret: 'pg-admin' },
      owner: 'panda',
      passwordSecret: { name: 'panda-db' },
      ...over,
    },
  }).panda!;
const secrets = new Map<string, SecretData>([
  ['pg-admin', { username: Buffer.from('postgres'), password: Buffer.from('adm') }],
  ['panda-db', { password: Buffer.from('pw') }],
]);

describe('bootstrapRequest: database credentials from convoy secrets', () => {
  it('resolves admin and owner credentials, default port and database', () => {
    assert.deepEqual(bootstrapRequest('panda', entry(), { secrets, env: {} }), {
      entry: 'panda',
      engine: 'postgresql',
      admin: { host: 'db', port: 5432, user: 'postgres', password: 'adm' },
      owner: 'panda',
      ownerPassword: 'pw',
      database: 'panda',
      grants: [],
    });
    const maria = bootstrapRequest(
      'panda',
      entry({ engine: 'mariadb', admin: { env: { user: 'U', password: 'P' } } }),
      {
        secrets,
        env: { U: 'root', P: 'x' },
      },
    );
    assert.deepEqual(maria.admin, { host: 'db', port: 3306, user: 'root', password: 'x' });
  });

  it('names the entry and what is missing', () => {
    const fails = (fn: () => unknown, pattern: RegExp) =>
      assert.throws(
        fn,
        (e: unknown) => e instanceof ConvoyError && e.code === 'E_REFERENCE' && pattern.test(e.format()),
      );
    fails(
      () => bootstrapRequest('panda', entry(), { secrets: new Map(), env: {} }),
      /database panda: admin secret pg-admin is not a stack secret/,
    );
    fails(
      () => bootstrapRequest('panda', entry({ admin: { env: { user: 'U', password: 'P' } } }), { secrets, env: {} }),
      /database panda: admin U and P not set[^]*export U=…; export P=…/,
    );
    fails(
      () =>
        bootstrapRequest('panda', entry({ passwordSecret: { name: 'panda-db', key: 'other' } }), { secrets, env: {} }),
      /password secret panda-db has no key other/,
    );
  });
});

describe('privileges and names written into SQL are checked or escaped', () => {
  it('accepts known privileges only', () => {
    assert.deepEqual(checkGrants('x', 'postgresql', ['connect', 'all  privileges']), ['CONNECT', 'ALL PRIVILEGES']);
    assert.throws(
      () => checkGrants('x', 'postgresql', ['SELECT; DROP TABLE y']),
      /is not a postgresql database privilege/,
    );
    assert.throws(() => checkGrants('x', 'mariadb', ['SUPER']), /is not a mariadb database privilege/);
  });

  it('escapes GRANT wildcards in MariaDB database names', () => {
    assert.equal(grantPattern('my_db%1\\'), 'my\\_db\\%1\\\\');
  });
});
