/**
 * PostgreSQL bootstrap with `pg` (Daml's bootstraps/postgresql.sh, done idempotently): the
 * login role with its password, the database owned by it, and privileges on it. Identifiers
 * and the password literal are escaped with pg's `escapeIdentifier`/`escapeLiteral` (DDL
 * takes no bind parameters); lookups use bind parameters. Nothing is dropped here.
 */
import pg from 'pg';
import { databaseError, ownerCanLogin } from './errors.ts';
import { checkGrants } from './privileges.ts';
import type { BootstrapRequest, BootstrapResult, DbCredentials } from './types.ts';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Opens a connection to `database` (default `postgres`); the caller ends it. Errors are the driver's. */
export async function pgConnect(
  c: DbCredentials,
  database = 'postgres',
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<pg.Client> {
  const client = new pg.Client({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    database,
    connectionTimeoutMillis: timeoutMs,
  });
  client.on('error', () => undefined); // a dropped idle connection must not crash the process
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
}

/**
 * Creates what `req` asks for when missing: role (LOGIN, password), database (OWNER role),
 * privileges. A second run changes nothing: an existing role keeps its password when a login
 * with it works (else `updated password`), an existing database keeps its owner unless it
 * differs (`updated owner`), privileges already held are not granted again.
 *
 * @throws ConvoyError `E_FAILED` (unreachable server, rejected admin credentials, SQL failure)
 *   naming the entry and host:port; `E_SCHEMA` for an unknown privilege.
 */
export async function bootstrapPostgres(req: BootstrapRequest): Promise<BootstrapResult> {
  const grants = checkGrants(req.entry, 'postgresql', req.grants);
  const fail = (action: string, err: unknown) => databaseError(req.entry, 'postgresql', req.admin, action, err);
  let admin: pg.Client;
  try {
    admin = await pgConnect(req.admin, 'postgres', req.connectTimeoutMs);
  } catch (err) {
    throw fail('connect', err);
  }
  try {
    const role = pg.escapeIdentifier(req.owner);
    const db = pg.escapeIdentifier(req.database);
    let roleState: BootstrapResult['role'] = 'unchanged';
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [req.owner]).catch((e) => {
      throw fail('look up role', e);
    });
    if (exists.rowCount === 0) {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${pg.escapeLiteral(req.ownerPassword)}`).catch((e) => {
        throw fail(`create role ${req.owner}`, e);
      });
      roleState = 'created';
    }

    let dbState: BootstrapResult['database'] = 'unchanged';
    const found = await admin
      .query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [
        req.database,
      ])
      .catch((e) => {
        throw fail('look up database', e);
      });
    const current = found.rows[0];
    if (current === undefined) {
      await admin.query(`CREATE DATABASE ${db} OWNER ${role}`).catch((e) => {
        throw fail(`create database ${req.database}`, e);
      });
      dbState = 'created';
    } else if (current.owner !== req.owner) {
      await admin.query(`ALTER DATABASE ${db} OWNER TO ${role}`).catch((e) => {
        throw fail(`change owner of ${req.database}`, e);
      });
      dbState = 'updated owner';
    }

    if (roleState === 'unchanged' && !(await ownerCanLogin(req, 'postgresql', pgConnect))) {
      await admin.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${pg.escapeLiteral(req.ownerPassword)}`).catch((e) => {
        throw fail(`set the password of ${req.owner}`, e);
      });
      roleState = 'updated password';
    }

    const granted: string[] = [];
    for (const privilege of grants) {
      const wanted = privilege.startsWith('ALL') ? ['CREATE', 'CONNECT', 'TEMPORARY'] : [privilege];
      const held = await admin
        .query<{ ok: boolean }>(
          `SELECT bool_and(has_database_privilege($1, $2, p)) AS ok FROM unnest($3::text[]) AS p`,
          [req.owner, req.database, wanted],
        )
        .catch((e) => {
          throw fail('check privileges', e);
        });
      if (held.rows[0]?.ok === true) continue;
      await admin.query(`GRANT ${privilege} ON DATABASE ${db} TO ${role}`).catch((e) => {
        throw fail(`grant ${privilege}`, e);
      });
      granted.push(privilege);
    }
    return { entry: req.entry, role: roleState, database: dbState, granted };
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * Drops the database of `req` (and, with `dropOwner`, its role) — only for
 * `convoy destroy --purge --drop-databases`. Missing objects are fine.
 * Returns what was dropped.
 */
export async function dropPostgresDatabase(req: BootstrapRequest, dropOwner = false): Promise<string[]> {
  const fail = (action: string, err: unknown) => databaseError(req.entry, 'postgresql', req.admin, action, err);
  let admin: pg.Client;
  try {
    admin = await pgConnect(req.admin, 'postgres', req.connectTimeoutMs);
  } catch (err) {
    throw fail('connect', err);
  }
  try {
    const dropped: string[] = [];
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [req.database]);
    if ((db.rowCount ?? 0) > 0) {
      await admin.query(`DROP DATABASE ${pg.escapeIdentifier(req.database)} WITH (FORCE)`).catch((e) => {
        throw fail(`drop database ${req.database}`, e);
      });
      dropped.push(`database ${req.database}`);
    }
    if (dropOwner) {
      const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [req.owner]);
      if ((role.rowCount ?? 0) > 0) {
        await admin.query(`DROP ROLE ${pg.escapeIdentifier(req.owner)}`).catch((e) => {
          throw fail(`drop role ${req.owner}`, e);
        });
        dropped.push(`role ${req.owner}`);
      }
    }
    return dropped;
  } finally {
    await admin.end().catch(() => undefined);
  }
}
