/**
 * Parsing of declared connections: `component[:port[/protocol]]` (the string form of a
 * component's `connects` entries).
 */
import { CONNECTION_PATTERN } from '../stack/schema-network.ts';

/** Transport protocols of NetworkPolicy ports (networking/v1 NetworkPolicyPort.protocol). */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** One parsed connection. */
export interface Connection {
  /** The target component's stack key. */
  component: string;
  /** The target's Service port (native workloads) or container port; undefined: every port. */
  port?: number;
  /** Default TCP. */
  protocol: Protocol;
}

/**
 * Parses `db`, `db:5432`, `dns:53/UDP`. Returns undefined for text that is not a
 * connection (the schema rejects those first) or a port outside 1–65535.
 */
export function parseConnection(text: string): Connection | undefined {
  const m = CONNECTION_PATTERN.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const port = m[4] === undefined ? undefined : Number(m[4]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { component: m[1], ...(port !== undefined ? { port } : {}), protocol: (m[6] as Protocol) ?? 'TCP' };
}

/** `db:5432/TCP`, `db` (every port). */
export function formatConnection(c: Connection): string {
  return c.port === undefined ? c.component : `${c.component}:${c.port}/${c.protocol}`;
}
