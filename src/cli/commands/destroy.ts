import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import type { OutputFormat } from '../options.ts';
import { clientOptions, prepareStack, type ClusterFlags } from '../cluster-args.ts';
import { createClient } from '../../kube/client.ts';
import { destroy } from '../../apply/index.ts';
import { progressFor } from './apply.ts';

export interface DestroyCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  cluster: ClusterFlags;
  output: OutputFormat;
  purge: boolean;
  dryRun: boolean;
  verbose: boolean;
}

/**
 * `convoy destroy`: delete everything the deployment's inventory owns, in reverse
 * dependency order, waiting until it is gone; PVCs and objects marked keep stay unless
 * --purge. Exit 0 when everything deletable is gone.
 */
export async function runDestroy(io: Io, o: DestroyCommandOptions): Promise<number> {
  const prepared = await prepareStack(o.stack, o.resolve, io.env, false);
  const client = await createClient(clientOptions(o.cluster, io.env));
  const progress = progressFor(io, o.output, true);
  try {
    const result = await destroy(
      { name: prepared.deployment, components: prepared.resolved.components },
      { client, inventoryNamespace: o.cluster.inventoryNamespace, purge: o.purge, dryRun: o.dryRun },
      progress.consumer,
    );
    return result.ok ? 0 : 1;
  } finally {
    progress.stop();
  }
}
