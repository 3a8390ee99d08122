/** Shapes of database bootstrap (`spec.databases`). */

/** How to reach a server and as whom. The password is never logged or put in messages. */
export interface DbCredentials {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** What one `databases.<name>` entry asks for, with the values resolved. */
export interface BootstrapRequest {
  /** The entry name (for messages). */
  entry: string;
  engine: 'postgresql' | 'mariadb';
  /** Administrator connection (creates roles and databases). */
  admin: DbCredentials;
  /** The role/user to create; it owns the database. */
  owner: string;
  /** The owner's password (from a convoy secret). */
  ownerPassword: string;
  /** Database name. */
  database: string;
  /** Extra privileges on the database for the owner (validated per engine). */
  grants: readonly string[];
  /** Connect timeout in milliseconds. Default 10000. */
  connectTimeoutMs?: number;
}

/** What a bootstrap did; a second run with the same inputs reports `unchanged` everywhere. */
export interface BootstrapResult {
  entry: string;
  role: 'created' | 'unchanged' | 'updated password';
  database: 'created' | 'unchanged' | 'updated owner';
  /** Privileges granted this run (empty when all were there). */
  granted: string[];
}

/** Default ports by engine. */
export const DEFAULT_PORTS = { postgresql: 5432, mariadb: 3306 } as const;
