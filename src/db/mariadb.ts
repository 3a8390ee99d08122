/**
 * MariaDB/MySQL bootstrap with the `mariadb` driver: user `'<owner>'@'%'` with its password,
 * the database, and the owner's privileges on it (MariaDB has no database owner; "owned by"
 * is `GRANT ALL PRIVILEGES ON db.*`). Literals and identifiers are escaped with the driver's
 * `escape`/`escapeId`; in GRANT, `_` and `%` of the database name are escaped too, since
 * they are wildcards there (mariadb.com/kb/en/grant/#database-privileges). Nothing is
 * dropped here.
 */
import mariadb, { type Connection } from 'mariadb';
import { databaseError, ownerCanLogin } from './errors.ts';
import { checkGrants } from './privileges.ts';
import type { BootstrapRequest, BootstrapResult, DbCredentials } from './types.ts';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Privileges whose presence means "ALL PRIVILEGES on the database" was granted. */
const ALL_MARKERS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX'];

/** Opens a connection (optionally to `database`); the caller ends it. Errors are the driver's. */
export async function mariadbConnect(
  c: DbCredentials,
  database?: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Connection> {
  return mariadb.createConnection({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    connectTimeout: timeoutMs,
    ...(database === undefined ? {} : { database }),
  });
}

/** The database name as a GRANT pattern: `_` and `%` escaped with a backslash. */
export function grantPattern(database: string): string {
  return database.replace(/[\\_%]/g, (c) => `\\${c}`);
}

/**
 * Creates what `req` asks for when missing (see the module comment). A second run changes
 * nothing: an existing user keeps its password when a login with it works (else
 * `updated password`), privileges already held are not granted again (missing owner
 * privileges on an existing database → `updated owner`).
 *
 * @throws ConvoyError `E_FAILED` (unreachable server, rejected admin credentials, SQL failure)
 *   naming the entry and host:port; `E_SCHEMA` for an unknown privilege.
 */
export async function bootstrapMariadb(req: BootstrapRequest): Promise<BootstrapResult> {
  const grants = checkGrants(req.entry, 'mariadb', req.grants);
  const fail = (action: string, err: unknown) => databaseError(req.entry, 'mariadb', req.admin, action, err);
  let conn: Connection;
  try {
    conn = await mariadbConnect(req.admin, undefined, req.connectTimeoutMs);
  } catch (err) {
    throw fail('connect', err);
  }
  const run = async <T>(action: string, sql: string, values?: unknown[]): Promise<T> => {
    try {
      return (await conn.query(sql, values)) as T;
    } catch (err) {
      throw fail(action, err);
    }
  };
  try {
    const user = `${conn.escape(req.owner)}@'%'`;
    const db = conn.escapeId(req.database);
    const pattern = conn.escapeId(grantPattern(req.database));
    let roleState: BootstrapResult['role'] = 'unchanged';
    const users = await run<unknown[]>('look up user', "SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'", [
      req.owner,
    ]);
    if (users.length === 0) {
      await run('create user', `CREATE USER ${user} IDENTIFIED BY ${conn.escape(req.ownerPassword)}`);
      roleState = 'created';
    }

    let dbState: BootstrapResult['database'] = 'unchanged';
    const schemas = await run<unknown[]>(
      'look up database',
      'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [req.database],
    );
    if (schemas.length === 0) {
      await run('create database', `CREATE DATABASE ${db} CHARACTER SET utf8mb4`);
      dbState = 'created';
    }
    const held = async (): Promise<Set<string>> => {
      const rows = await run<{ p: string }[]>(
        'check privileges',
        'SELECT PRIVILEGE_TYPE AS p FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?',
        [`'${req.owner.replace(/'/g, "''")}'@'%'`, grantPattern(req.database)],
      );
      return new Set(rows.map((r) => r.p));
    };
    let privileges = await held();
    if (!ALL_MARKERS.every((p) => privileges.has(p))) {
      await run('grant the owner privileges', `GRANT ALL PRIVILEGES ON ${pattern}.* TO ${user}`);
      if (dbState === 'unchanged') dbState = 'updated owner';
      privileges = await held();
    }

    if (roleState === 'unchanged' && !(await ownerCanLogin(req, 'mariadb', mariadbConnect))) {
      await run('set the password', `ALTER USER ${user} IDENTIFIED BY ${conn.escape(req.ownerPassword)}`);
      roleState = 'updated password';
    }

    const granted: string[] = [];
    for (const privilege of grants) {
      const covered = privilege.startsWith('ALL')
        ? ALL_MARKERS.every((p) => privileges.has(p))
        : privileges.has(privilege);
      if (covered) continue;
      await run(`grant ${privilege}`, `GRANT ${privilege} ON ${pattern}.* TO ${user}`);
      granted.push(privilege);
    }
    return { entry: req.entry, role: roleState, database: dbState, granted };
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/**
 * Drops the database of `req` (and, with `dropOwner`, its user) — only for
 * `convoy destroy --purge --drop-databases`. Missing objects are fine. Returns what was dropped.
 */
export async function dropMariadbDatabase(req: BootstrapRequest, dropOwner = false): Promise<string[]> {
  const fail = (action: string, err: unknown) => databaseError(req.entry, 'mariadb', req.admin, action, err);
  let conn: Connection;
  try {
    conn = await mariadbConnect(req.admin, undefined, req.connectTimeoutMs);
  } catch (err) {
    throw fail('connect', err);
  }
  try {
    const dropped: string[] = [];
    const schemas = (await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      req.database,
    ])) as unknown[];
    if (schemas.length > 0) {
      await conn.query(`DROP DATABASE ${conn.escapeId(req.database)}`).catch((e: unknown) => {
        throw fail(`drop database ${req.database}`, e);
      });
      dropped.push(`database ${req.database}`);
    }
    if (dropOwner) {
      const users = (await conn.query("SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'", [
        req.owner,
      ])) as unknown[];
      if (users.length > 0) {
        await conn.query(`DROP USER ${conn.escape(req.owner)}@'%'`).catch((e: unknown) => {
          throw fail(`drop user ${req.owner}`, e);
        });
        dropped.push(`user ${req.owner}`);
      }
    }
    return dropped;
  } finally {
    await conn.end().catch(() => undefined);
  }
}
