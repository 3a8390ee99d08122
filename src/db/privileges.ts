/** Privilege names allowed in `databases.<name>.grants`, per engine (they are written into SQL, so they are checked). */
import { ConvoyError } from '../errors.ts';

/** PostgreSQL database privileges (GRANT … ON DATABASE; postgresql.org/docs/current/ddl-priv.html). */
export const PG_DATABASE_PRIVILEGES = ['CREATE', 'CONNECT', 'TEMPORARY', 'TEMP', 'ALL', 'ALL PRIVILEGES'] as const;

/** MariaDB database-level privileges (GRANT … ON db.*; mariadb.com/kb/en/grant/#database-privileges). */
export const MARIADB_DATABASE_PRIVILEGES = [
  'ALL',
  'ALL PRIVILEGES',
  'ALTER',
  'ALTER ROUTINE',
  'CREATE',
  'CREATE ROUTINE',
  'CREATE TEMPORARY TABLES',
  'CREATE VIEW',
  'DELETE',
  'DELETE HISTORY',
  'DROP',
  'EVENT',
  'EXECUTE',
  'INDEX',
  'INSERT',
  'LOCK TABLES',
  'REFERENCES',
  'SELECT',
  'SHOW VIEW',
  'TRIGGER',
  'UPDATE',
] as const;

/**
 * The grants upper-cased and checked against the engine's list.
 *
 * @throws ConvoyError `E_SCHEMA` naming the entry and the unknown privilege.
 */
export function checkGrants(entry: string, engine: 'postgresql' | 'mariadb', grants: readonly string[]): string[] {
  const allowed: readonly string[] = engine === 'postgresql' ? PG_DATABASE_PRIVILEGES : MARIADB_DATABASE_PRIVILEGES;
  return grants.map((g) => {
    const p = g.trim().replace(/\s+/g, ' ').toUpperCase();
    if (!allowed.includes(p)) {
      throw new ConvoyError('E_SCHEMA', `database ${entry}: "${g}" is not a ${engine} database privilege`, {
        expected: `one of ${allowed.join(', ')}`,
        fix: `Correct databases.${entry}.grants.`,
      });
    }
    return p;
  });
}
