/** Database driver failures as ConvoyErrors naming the `databases` entry, the server and the fix. */
import { ConvoyError } from '../errors.ts';
import type { BootstrapRequest } from './types.ts';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/** Driver error codes for rejected credentials: PostgreSQL 28P01/28000, MariaDB ER_ACCESS_DENIED_ERROR. */
const AUTH = new Set(['28P01', '28000', 'ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR']);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown; cause?: unknown } | undefined;
  if (typeof e?.code === 'string') return e.code;
  const inner = e?.cause as { code?: unknown } | undefined;
  return typeof inner?.code === 'string' ? inner.code : undefined;
}

/** True when `err` means the server could not be reached at all (refused, unknown host, timeout). */
export function isUnreachable(err: unknown): boolean {
  const code = codeOf(err);
  if (code !== undefined && UNREACHABLE.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /timeout|timed out|ECONNREFUSED/i.test(message);
}

/** True when `err` means the user/password was rejected. */
export function isAuthFailure(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && AUTH.has(code);
}

/**
 * The ConvoyError for a failure talking to the server of `entry` (code `E_FAILED`: nothing
 * about the stack file is wrong, the server is). Unreachable servers and rejected admin
 * credentials get their own message and fix; the driver's message is kept as `cause` only
 * (drivers do not echo passwords, but SQL text never enters the message).
 */
export function databaseError(
  entry: string,
  engine: string,
  where: { host: string; port: number },
  action: string,
  err: unknown,
): ConvoyError {
  const at = `${where.host}:${where.port}`;
  if (isUnreachable(err)) {
    return new ConvoyError(
      'E_FAILED',
      `database ${entry}: cannot reach ${engine} at ${at} (${codeOf(err) ?? 'timeout'})`,
      {
        expected: `a ${engine} server listening on ${at}`,
        fix: `Start the server, or correct databases.${entry}.host/port; check that this machine can reach it (firewall, kubectl port-forward).`,
        cause: err,
      },
    );
  }
  if (isAuthFailure(err)) {
    return new ConvoyError('E_FAILED', `database ${entry}: ${engine} at ${at} rejected the admin credentials`, {
      fix: `Check the admin user and password (databases.${entry}.admin: its secret or environment variables).`,
      cause: err,
    });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new ConvoyError('E_FAILED', `database ${entry}: ${action} failed on ${engine} at ${at}: ${detail}`, {
    fix: 'Check that the admin user may create roles and databases (CREATEROLE/CREATEDB, or CREATE USER and GRANT OPTION).',
    cause: err,
  });
}

/**
 * True when the owner can log in to its database with the wanted password (`connect` is the
 * engine's connect function); false on an authentication failure.
 * @throws ConvoyError from {@link databaseError} for any other failure (unreachable server …).
 */
export async function ownerCanLogin(
  req: BootstrapRequest,
  engine: string,
  connect: (
    c: { host: string; port: number; user: string; password: string },
    database: string,
    timeoutMs?: number,
  ) => Promise<{ end(): Promise<void> }>,
): Promise<boolean> {
  try {
    const c = await connect(
      { host: req.admin.host, port: req.admin.port, user: req.owner, password: req.ownerPassword },
      req.database,
      req.connectTimeoutMs,
    );
    await c.end().catch(() => undefined);
    return true;
  } catch (err) {
    if (isAuthFailure(err)) return false;
    throw databaseError(req.entry, engine, req.admin, `log in as ${req.owner}`, err);
  }
}
