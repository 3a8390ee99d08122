import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import type { OutputFormat } from '../options.ts';
import { clientOptions, prepareStack, type ClusterFlags } from '../cluster-args.ts';
import { createClient } from '../../kube/client.ts';
import { diffStack, formatPlan, formatPlanJson } from '../../plan/diff.ts';
import { prepareGenerated } from './secrets-run.ts';

export interface PlanCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  cluster: ClusterFlags;
  output: OutputFormat;
  fieldManager: string;
  forceConflicts: boolean;
  adopt: boolean;
  showUnchanged: boolean;
  /** Exit 2 when there are changes (terraform's -detailed-exitcode). */
  detailedExitcode: boolean;
}

/**
 * `convoy plan`: what apply would do, object by object (server-side dry run against the
 * live objects, plus the inventory for prunes). Secret values are redacted.
 * Exit 0; with --detailed-exitcode 2 when something would change.
 */
export async function runPlan(io: Io, o: PlanCommandOptions): Promise<number> {
  const prepared = await prepareStack(o.stack, o.resolve, io.env);
  const client = await createClient(clientOptions(o.cluster, io.env));
  // The stack's secrets as apply would build them (live values kept), registered for redaction.
  const generated = await prepareGenerated(io, prepared, client, { output: o.output, preflight: false, silent: true });
  const plan = await diffStack(generated.secrets.rendered, {
    client,
    fieldManager: o.fieldManager,
    forceConflicts: o.forceConflicts,
    adopt: o.adopt,
    inventoryNamespace: o.cluster.inventoryNamespace,
    stackComponents: prepared.stackComponents,
  });
  io.out(
    o.output === 'json' ? formatPlanJson(plan) : formatPlan(plan, { color: io.isTTY, showUnchanged: o.showUnchanged }),
  );
  const changes = Object.entries(plan.counts).some(([action, n]) => action !== 'unchanged' && n > 0);
  return o.detailedExitcode && changes ? 2 : 0;
}
