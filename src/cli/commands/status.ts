import pc from 'picocolors';
import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import type { OutputFormat } from '../options.ts';
import { clientOptions, prepareStack, type ClusterFlags } from '../cluster-args.ts';
import { createClient } from '../../kube/client.ts';
import { status, watchStatus } from '../../apply/index.ts';
import type { StackHealth } from '../../apply/options.ts';

export interface StatusCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  cluster: ClusterFlags;
  output: OutputFormat;
  watch: boolean;
  /** List every object, not only those that are not Current. */
  objects: boolean;
}

/** Text table of a stack's health. */
export function formatHealth(h: StackHealth, color: boolean, allObjects: boolean): string {
  const c = pc.createColors(color);
  if (!h.applied) return `${h.stack}: not applied (no inventory)\n`;
  const paint = (s: string) =>
    s === 'Current' ? c.green(s) : s === 'Failed' ? c.red(s) : s === 'InProgress' ? c.yellow(s) : c.dim(s);
  const w = Math.max(9, ...h.components.map((x) => x.name.length));
  const lines = [
    `${h.stack}${h.environment ? ` -e ${h.environment}` : ''}: ${paint(h.status)} (revision ${h.revision}, applied ${h.appliedAt})`,
  ];
  for (const comp of h.components) {
    lines.push(`  ${comp.name.padEnd(w)}  ${paint(comp.status).padEnd(color ? 19 : 10)}  ${comp.message}`);
    for (const o of comp.objects) {
      if (!allObjects && o.status === 'Current') continue;
      const ns = o.ref.namespace ? `${o.ref.namespace}/` : '';
      lines.push(`      ${o.ref.kind} ${ns}${o.ref.name}: ${paint(o.status)} ${o.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `convoy status`: per-component health of the deployment from its inventory and the live
 * objects. Exit 0 when every component is Current, 1 otherwise (not applied: 1).
 * With --watch, redraws on every change until Ctrl-C (exit 0).
 */
export async function runStatus(io: Io, o: StatusCommandOptions): Promise<number> {
  const prepared = await prepareStack(o.stack, o.resolve, io.env, false);
  const client = await createClient(clientOptions(o.cluster, io.env));
  const opts = { client, inventoryNamespace: o.cluster.inventoryNamespace };
  const print = (h: StackHealth) =>
    io.out(o.output === 'json' ? `${JSON.stringify(h)}\n` : formatHealth(h, io.isTTY, o.objects));
  if (!o.watch) {
    const h = await status(prepared.deployment, opts);
    print(h);
    return h.applied && h.status === 'Current' ? 0 : 1;
  }
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    await watchStatus(prepared.deployment, { ...opts, signal: abort.signal }, (h) => {
      if (o.output !== 'json' && io.isTTY) io.out('\x1b[2J\x1b[H');
      print(h);
    });
  } finally {
    process.off('SIGINT', stop);
  }
  return 0;
}
