/**
 * Flags of the verbs that talk to a cluster (plan, apply, destroy, status), declared once,
 * and the stack pipeline they share: load → resolve → render, named for the inventory.
 */
import { Option, type Command } from 'commander';
import { ConvoyError } from '../errors.ts';
import type { ClientOptions } from '../kube/types.ts';
import { loadStack } from '../stack/load.ts';
import { resolve } from '../resolve/index.ts';
import { deploymentName } from '../resolve/deployment-name.ts';
import { render } from '../render/index.ts';
import type { ResolveOptions, ResolvedStack } from '../resolve/types.ts';
import type { RenderedStack } from '../render/types.ts';
import type { LoadedStack } from '../stack/types.ts';
import { resolveGenerators, type StackGenerators } from '../resolve/secrets.ts';

export function positiveNumber(flag: string, integer = true) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new ConvoyError('E_USAGE', `${flag} must be a positive ${integer ? 'integer' : 'number'}; got "${v}"`, {
        fix: `e.g. ${flag} 4`,
      });
    }
    return n;
  };
}

/** Parses `90s`, `5m`, `1h30m` or plain seconds into seconds. */
export function durationSeconds(flag: string) {
  return (v: string): number => {
    if (/^\d+$/.test(v)) return Number(v);
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
    let total = 0;
    let consumed = 0;
    for (const m of v.matchAll(re)) {
      const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
      total += Number(m[1]) * unit;
      consumed += m[0].length;
    }
    if (consumed !== v.length || total <= 0) {
      throw new ConvoyError('E_USAGE', `${flag} must be a duration such as 90s, 5m or 1h30m; got "${v}"`, {
        fix: `e.g. ${flag} 10m`,
      });
    }
    return total;
  };
}

/** Adds --kubeconfig, --context, --qps, --burst, --inventory-namespace. */
export function addClusterOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the current one)')
    .option('--qps <n>', 'client requests per second (default 2000)', positiveNumber('--qps', false))
    .option('--burst <n>', 'client burst above --qps (default 4000)', positiveNumber('--burst'))
    .addOption(
      new Option('--inventory-namespace <ns>', 'namespace of the inventory and lock objects').default('convoy-system'),
    );
}

export interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  qps?: number;
  burst?: number;
  inventoryNamespace: string;
}

export function clientOptions(flags: ClusterFlags, env: Record<string, string | undefined>): ClientOptions {
  const o: ClientOptions = {};
  const kubeconfig = flags.kubeconfig ?? env.KUBECONFIG?.split(':')[0];
  if (kubeconfig) o.kubeconfig = kubeconfig;
  if (flags.context) o.context = flags.context;
  if (flags.qps) o.qps = flags.qps;
  if (flags.burst) o.burst = flags.burst;
  return o;
}

/** The stack as the cluster verbs need it. `name` of resolved/rendered is the deployment name. */
export interface PreparedStack {
  loaded: LoadedStack;
  resolved: ResolvedStack;
  rendered: RenderedStack;
  /** Every component of the stack file (for prune scope). */
  stackComponents: string[];
  deployment: string;
  /** `spec.secrets`, `spec.pki` and `spec.databases` for this run (references expanded); never print it. */
  generators: StackGenerators;
}

/** load → resolve → render; `resolved.name` and `rendered.name` become the deployment name. */
export async function prepareStack(
  path: string,
  resolveOptions: ResolveOptions,
  env: Record<string, string | undefined>,
  withRender = true,
): Promise<PreparedStack> {
  const loaded = await loadStack(path);
  const r = resolve(loaded, { ...resolveOptions, env });
  const deployment = deploymentName(r);
  const resolved = { ...r, name: deployment };
  const rendered = withRender
    ? { ...(await render(r)), name: deployment }
    : { name: deployment, environment: r.environment, components: [] };
  return {
    loaded,
    resolved,
    rendered,
    stackComponents: Object.keys(loaded.spec.spec.components).sort(),
    deployment,
    generators: resolveGenerators(loaded, r, env),
  };
}
