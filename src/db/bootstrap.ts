/**
 * Database bootstrap for `spec.databases`: resolves the admin credentials and the owner
 * password, then creates role/user, database and grants idempotently (./postgres.ts,
 * ./mariadb.ts). The apply engine runs it as a step before the components that need the
 * database; `dropDatabase` is only for `convoy destroy --purge --drop-databases`.
 */
import { ConvoyError } from '../errors.ts';
import type { Environment } from '../secrets/env.ts';
import type { SecretData } from '../secrets/types.ts';
import type { DatabaseConfig } from '../stack/schema-secrets.ts';
import { bootstrapMariadb, dropMariadbDatabase } from './mariadb.ts';
import { bootstrapPostgres, dropPostgresDatabase } from './postgres.ts';
import { DEFAULT_PORTS, type BootstrapRequest, type BootstrapResult } from './types.ts';

/** Where the bootstrap finds its secret inputs. */
export interface DatabaseInputs {
  /** Built secret data by stack secret name (admin secret and owner password secret). */
  secrets: ReadonlyMap<string, SecretData>;
  /** Environment for `admin.env` (e.g. process.env). */
  env: Environment;
  /** Connect timeout in milliseconds. Default 10000. */
  connectTimeoutMs?: number;
}

/**
 * The request for entry `name`: admin user/password from `admin.secret` (keys `username`,
 * or `user`, and `password`) or `admin.env`; the owner password from
 * `passwordSecret.name`/`key`; database default = owner; port default by engine.
 *
 * @throws ConvoyError `E_REFERENCE` naming the entry and the missing secret, key or variable.
 */
export function bootstrapRequest(name: string, spec: DatabaseConfig, inputs: DatabaseInputs): BootstrapRequest {
  const missing = (what: string, fix: string): ConvoyError =>
    new ConvoyError('E_REFERENCE', `database ${name}: ${what}`, { fix });
  let user: string | undefined;
  let password: string | undefined;
  if (spec.admin.secret !== undefined) {
    const data = inputs.secrets.get(spec.admin.secret);
    if (data === undefined) {
      throw missing(
        `admin secret ${spec.admin.secret} is not a stack secret`,
        `Add ${spec.admin.secret} to spec.secrets.`,
      );
    }
    user = (data['username'] ?? data['user'])?.toString('utf8');
    password = data['password']?.toString('utf8');
    if (user === undefined || password === undefined) {
      throw missing(
        `admin secret ${spec.admin.secret} needs keys username and password`,
        `Give secrets.${spec.admin.secret} the keys username and password (e.g. from env).`,
      );
    }
  } else if (spec.admin.env !== undefined) {
    const unset = [spec.admin.env.user, spec.admin.env.password].filter((v) => inputs.env[v] === undefined);
    if (unset.length > 0) {
      throw missing(`admin ${unset.join(' and ')} not set`, unset.map((v) => `export ${v}=…`).join('; '));
    }
    user = inputs.env[spec.admin.env.user];
    password = inputs.env[spec.admin.env.password];
  } else {
    throw new ConvoyError('E_SCHEMA', `database ${name}: admin needs a secret or env`, {
      fix: `Set databases.${name}.admin.secret or databases.${name}.admin.env.`,
    });
  }
  const owner = inputs.secrets.get(spec.passwordSecret.name)?.[spec.passwordSecret.key];
  if (owner === undefined) {
    throw missing(
      `password secret ${spec.passwordSecret.name} has no key ${spec.passwordSecret.key}`,
      `Add secrets.${spec.passwordSecret.name} with generate: {${spec.passwordSecret.key}: {length: 32}}.`,
    );
  }
  return {
    entry: name,
    engine: spec.engine,
    admin: { host: spec.host, port: spec.port ?? DEFAULT_PORTS[spec.engine], user: user!, password: password! },
    owner: spec.owner,
    ownerPassword: owner.toString('utf8'),
    database: spec.database ?? spec.owner,
    grants: spec.grants ?? [],
    ...(inputs.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: inputs.connectTimeoutMs }),
  };
}

/** Creates role/user, database and grants of `req` (idempotent); see the engine modules. */
export async function bootstrapDatabase(req: BootstrapRequest): Promise<BootstrapResult> {
  return req.engine === 'postgresql' ? bootstrapPostgres(req) : bootstrapMariadb(req);
}

/**
 * Drops the database of `req` (and its owner with `dropOwner`). The only destructive call of
 * this module, for `convoy destroy --purge --drop-databases` after confirmation.
 */
export async function dropDatabase(req: BootstrapRequest, options: { dropOwner?: boolean } = {}): Promise<string[]> {
  return req.engine === 'postgresql'
    ? dropPostgresDatabase(req, options.dropOwner ?? false)
    : dropMariadbDatabase(req, options.dropOwner ?? false);
}
