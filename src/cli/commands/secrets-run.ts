/**
 * The secrets part of a cluster verb (apply, plan, `secrets apply|rotate`, destroy
 * `--drop-databases`): build the stack's secrets, CAs and certificates against the live
 * cluster, register every value with the run's redactor, place the database steps — all
 * before the first write — and print what happened (names and counts, never values).
 */
import type { Io } from '../io.ts';
import type { OutputFormat } from '../options.ts';
import type { PreparedStack } from '../cluster-args.ts';
import type { KubeClient } from '../../kube/types.ts';
import type { Rotation } from '../../secrets/types.ts';
import { prepareStackSecrets, secretUsers, type PreparedSecrets, type SecretsEvent } from '../../apply/secrets.ts';
import {
  databaseHook,
  planDatabases,
  preflightDatabases,
  type DatabaseEvent,
  type DatabaseStep,
} from '../../apply/databases.ts';

/** Secrets and database steps of one run. */
export interface GeneratedRun {
  secrets: PreparedSecrets;
  databases: DatabaseStep[];
  /** apply's `beforeComponent`: the database bootstraps (undefined when there are none). */
  beforeComponent?: (component: string) => Promise<void>;
}

/** Options of {@link prepareGenerated}. */
export interface GeneratedOptions {
  output: OutputFormat;
  rotations?: readonly Rotation[];
  /** Connect to every database server now (apply): an unreachable one stops the run before any write. */
  preflight: boolean;
  /** Leave out per-secret lines in text output. Default false. */
  quiet?: boolean;
  /** Print nothing (plan: its output is the plan alone). Default false. */
  silent?: boolean;
}

/**
 * Builds the secrets of `prepared` against the cluster of `client` and plans the database
 * steps. Reads only; every error (missing file or variable, unknown issuer, unreachable
 * database) is raised here, before anything is applied.
 */
export async function prepareGenerated(
  io: Io,
  prepared: PreparedStack,
  client: KubeClient,
  o: GeneratedOptions,
): Promise<GeneratedRun> {
  const print = o.silent ? () => undefined : printer(io, o.output, o.quiet ?? false);
  const gens = prepared.generators;
  const secrets = await prepareStackSecrets(gens, prepared.resolved, prepared.rendered, {
    client,
    env: io.env,
    ...(o.rotations ? { rotations: o.rotations } : {}),
    ...(io.redactor ? { redactor: io.redactor } : {}),
    onEvent: print,
  });
  const databases = planDatabases(
    gens.databases,
    secrets.data,
    io.env,
    { namespace: gens.namespace, order: secrets.order, users: secretUsers(secrets.rendered, secrets.order) },
    io.redactor,
  );
  if (o.preflight && databases.length > 0) await preflightDatabases(databases);
  return {
    secrets,
    databases,
    ...(databases.length > 0 ? { beforeComponent: databaseHook(databases, print) } : {}),
  };
}

/** Prints secrets and database events: ndjson on stdout with `-o json`, else lines on stderr. */
export function printer(io: Io, output: OutputFormat, quiet: boolean): (e: SecretsEvent | DatabaseEvent) => void {
  return (e) => {
    if (output === 'json') {
      io.out(`${JSON.stringify({ ...e, time: Date.now() })}\n`);
      return;
    }
    if (quiet && e.type === 'secret') return;
    io.err(`${describe(e)}\n`);
  };
}

function describe(e: SecretsEvent | DatabaseEvent): string {
  switch (e.type) {
    case 'ca':
      return `ca ${e.name}: ${e.source === 'kept' ? 'kept (from the cluster)' : e.source}`;
    case 'secret': {
      const parts: string[] = [];
      if (e.kept.length > 0) parts.push(`kept ${e.kept.join(', ')}`);
      if (e.fresh.length > 0) parts.push(`generated ${e.fresh.join(', ')}`);
      if (e.certificate) {
        parts.push(e.certificate.issued ? `certificate issued (${e.certificate.reason ?? 'new'})` : 'certificate kept');
      }
      if (e.longLived) parts.push('long-lived');
      const named = e.objectName === e.name ? '' : ` as ${e.objectName}`;
      return `secret ${e.namespace}/${e.name}${named} → ${e.component}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
    }
    case 'database-start':
      return `database ${e.name}: bootstrapping on ${e.engine} at ${e.server} (before ${e.component})`;
    case 'database-done':
      return `database ${e.name}: role ${e.role}, database ${e.database}${e.granted.length > 0 ? `, granted ${e.granted.join(', ')}` : ''} (${e.durationMs} ms)`;
    case 'database-dropped':
      return `database ${e.name}: dropped ${e.dropped.join(', ') || 'nothing (already gone)'}`;
  }
}
