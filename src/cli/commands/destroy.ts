import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import type { OutputFormat } from '../options.ts';
import { clientOptions, prepareStack, type ClusterFlags } from '../cluster-args.ts';
import { createClient } from '../../kube/client.ts';
import { destroy } from '../../apply/index.ts';
import { progressFor } from './apply.ts';
import { confirmDropDatabases } from './secrets-destroy.ts';
import { dropDatabases } from '../../apply/databases.ts';
import { prepareGenerated, printer } from './secrets-run.ts';

export interface DestroyCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  cluster: ClusterFlags;
  output: OutputFormat;
  purge: boolean;
  dryRun: boolean;
  verbose: boolean;
  /** Also drop the databases of spec.databases (needs purge and a confirmation). */
  dropDatabases?: boolean;
  /** Confirms --drop-databases without asking. */
  yes?: boolean;
}

/**
 * `convoy destroy`: delete everything the deployment's inventory owns, in reverse
 * dependency order, waiting until it is gone; PVCs and objects marked keep stay unless
 * --purge. Exit 0 when everything deletable is gone.
 */
export async function runDestroy(io: Io, o: DestroyCommandOptions): Promise<number> {
  const drop = o.dropDatabases === true;
  const prepared = await prepareStack(o.stack, o.resolve, io.env, drop);
  const client = await createClient(clientOptions(o.cluster, io.env));
  // Credentials are read (and the servers reached) before anything is deleted.
  const steps = drop
    ? (await prepareGenerated(io, prepared, client, { output: o.output, preflight: !o.dryRun, quiet: true })).databases
    : [];
  if (drop) await confirmDropDatabases(io, { purge: o.purge, yes: o.yes === true, stack: prepared.deployment, steps });
  const progress = progressFor(io, o.output, true);
  try {
    const result = await destroy(
      { name: prepared.deployment, components: prepared.resolved.components },
      { client, inventoryNamespace: o.cluster.inventoryNamespace, purge: o.purge, dryRun: o.dryRun },
      progress.consumer,
    );
    if (result.ok && drop && !o.dryRun) await dropDatabases(steps, printer(io, o.output, false));
    return result.ok ? 0 : 1;
  } finally {
    progress.stop();
  }
}
