/** Database bootstrap (`spec.databases`): PostgreSQL and MariaDB roles, databases and grants. */
export { bootstrapDatabase, bootstrapRequest, dropDatabase, type DatabaseInputs } from './bootstrap.ts';
export { databaseError, isAuthFailure, isUnreachable } from './errors.ts';
export { grantPattern } from './mariadb.ts';
export { checkGrants, MARIADB_DATABASE_PRIVILEGES, PG_DATABASE_PRIVILEGES } from './privileges.ts';
export { DEFAULT_PORTS, type BootstrapRequest, type BootstrapResult, type DbCredentials } from './types.ts';
