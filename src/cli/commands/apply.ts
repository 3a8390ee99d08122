import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import type { OutputFormat } from '../options.ts';
import { clientOptions, prepareStack, type ClusterFlags } from '../cluster-args.ts';
import { createClient } from '../../kube/client.ts';
import { apply } from '../../apply/index.ts';
import type { ApplyEvent } from '../../apply/events.ts';
import { lineLogger } from '../progress/line.ts';
import { liveView } from '../progress/live.ts';
import type { Rotation } from '../../secrets/types.ts';
import { prepareGenerated } from './secrets-run.ts';

export interface ApplyCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  cluster: ClusterFlags;
  output: OutputFormat;
  fieldManager: string;
  forceConflicts: boolean;
  adopt: boolean;
  prune: boolean;
  /** Components deployed at once. */
  concurrency: number;
  /** Overall timeout in seconds; undefined: none (per-component timeouts still apply). */
  timeoutSeconds?: number;
  dryRun: boolean;
  verbose: boolean;
  /** Wait for LoadBalancer Services to get an ingress address (computeStatus waitForLoadBalancer). @default true */
  waitForLoadBalancer?: boolean;
  /** Lease duration of the stack lock in seconds (hidden flag --lock-ttl). @default the library's 60 */
  lockTtlSeconds?: number;
  /** Secret keys to generate anew (`convoy secrets rotate`). */
  rotations?: Rotation[];
}

/** Picks the progress consumer: ndjson events, live view (TTY) or line log. */
export function progressFor(io: Io, output: OutputFormat, verbose: boolean) {
  if (output === 'json') {
    return { consumer: (e: ApplyEvent) => io.out(`${JSON.stringify(e)}\n`), stop: () => {} };
  }
  if (io.isTTY && !verbose && process.stderr.isTTY) return liveView(process.stderr, io.err);
  return { consumer: lineLogger(io.err, verbose), stop: () => {} };
}

/**
 * `convoy apply`: render, then deploy in dependency order with readiness waits, record the
 * inventory and prune. Exit 0 when every component became ready, 1 otherwise; Ctrl-C
 * cancels cleanly (the lock is released, the inventory keeps what was applied).
 */
export async function runApply(io: Io, o: ApplyCommandOptions): Promise<number> {
  const prepared = await prepareStack(o.stack, o.resolve, io.env);
  const client = await createClient(clientOptions(o.cluster, io.env));
  // Secrets, certificates and database checks first: every error before the first write.
  const generated = await prepareGenerated(io, prepared, client, {
    output: o.output,
    preflight: !o.dryRun,
    ...(o.rotations ? { rotations: o.rotations } : {}),
  });
  const progress = progressFor(io, o.output, o.verbose);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await apply(
      generated.secrets.rendered,
      prepared.resolved,
      {
        client,
        inventoryNamespace: o.cluster.inventoryNamespace,
        fieldManager: o.fieldManager,
        forceConflicts: o.forceConflicts,
        adopt: o.adopt,
        prune: o.prune,
        stackComponents: prepared.stackComponents,
        concurrency: o.concurrency,
        ...(o.timeoutSeconds ? { timeoutSeconds: o.timeoutSeconds } : {}),
        dryRun: o.dryRun,
        ...(o.waitForLoadBalancer === false ? { statusOptions: { waitForLoadBalancer: false } } : {}),
        ...(o.lockTtlSeconds ? { lockTtlSeconds: o.lockTtlSeconds } : {}),
        signal: abort.signal,
        ...(generated.beforeComponent ? { beforeComponent: generated.beforeComponent } : {}),
      },
      progress.consumer,
    );
    progress.stop();
    return result.ok ? 0 : 1;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
