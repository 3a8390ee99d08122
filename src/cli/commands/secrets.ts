/**
 * `convoy secrets apply` and `convoy secrets rotate`: the stack's secrets, CAs and
 * certificates on their own (PanDA's `helm install panda-secrets`), and a deliberate new
 * value for one secret that rolls exactly the workloads using it.
 */
import { existsSync } from 'node:fs';
import type { Io } from '../io.ts';
import type { OutputFormat } from '../options.ts';
import { clientOptions, prepareStack, type ClusterFlags } from '../cluster-args.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import { createClient } from '../../kube/client.ts';
import { apply } from '../../apply/index.ts';
import { ConvoyError } from '../../errors.ts';
import { GENERATED_ANNOTATION } from '../../render/generators/namespaces.ts';
import { rotate } from '../../secrets/stable.ts';
import { progressFor, runApply, type ApplyCommandOptions } from './apply.ts';
import { prepareGenerated } from './secrets-run.ts';

/** Options of {@link runSecretsApply}. */
export interface SecretsApplyOptions {
  stack: string;
  resolve: ResolveOptions;
  cluster: ClusterFlags;
  output: OutputFormat;
  fieldManager: string;
  adopt: boolean;
  dryRun: boolean;
}

/**
 * Applies only the generated objects of the stack — Secrets, CA Secrets, cert-manager
 * Issuers — and the Namespaces they go into, each recorded in the inventory under its
 * owning component, without touching workloads or pruning anything. Live values are kept
 * as in a full apply. Exit 0 when all were applied.
 */
export async function runSecretsApply(io: Io, o: SecretsApplyOptions): Promise<number> {
  const prepared = await prepareStack(o.stack, o.resolve, io.env);
  const client = await createClient(clientOptions(o.cluster, io.env));
  const generated = await prepareGenerated(io, prepared, client, { output: o.output, preflight: false });
  const only = generated.secrets.rendered.components.map((c) => ({
    ...c,
    objects: [
      ...c.objects.filter(
        (obj) => obj.kind === 'Namespace' && obj.metadata.annotations?.[GENERATED_ANNOTATION] === 'namespace',
      ),
      ...(generated.secrets.generated.get(c.name) ?? []),
    ],
  }));
  const nonEmpty = only.filter((c) => c.objects.length > 0);
  if (nonEmpty.length === 0) {
    io.err('this stack has no spec.secrets or spec.pki; nothing to apply\n');
    return 0;
  }
  const keep = new Set(nonEmpty.map((c) => c.name));
  const progress = progressFor(io, o.output, true);
  try {
    const result = await apply(
      { ...generated.secrets.rendered, components: nonEmpty },
      { ...prepared.resolved, components: prepared.resolved.components.filter((c) => keep.has(c.name)) },
      {
        client,
        inventoryNamespace: o.cluster.inventoryNamespace,
        fieldManager: o.fieldManager,
        adopt: o.adopt,
        prune: false,
        dryRun: o.dryRun,
      },
      progress.consumer,
    );
    return result.ok ? 0 : 1;
  } finally {
    progress.stop();
  }
}

/** Options of {@link runSecretsRotate}: a full apply with one rotation. */
export interface SecretsRotateOptions extends Omit<ApplyCommandOptions, 'rotations'> {
  /** The stack secret (key under spec.secrets). */
  name: string;
  /** One generated key; undefined: every generated key (and the certificate) of the secret. */
  key?: string;
}

/**
 * Gives secret `name` (or one key of it) a new value and applies the stack: exactly that
 * secret changes (and secrets bundled from it), and exactly the workloads whose pod specs
 * use it roll, because their `convoy.dev/secret-hash-<name>` annotation changes.
 *
 * @throws ConvoyError `E_REFERENCE` for a secret or key that is not in the stack or not
 *   generated (file and env keys follow their sources; change those instead).
 */
export async function runSecretsRotate(io: Io, o: SecretsRotateOptions): Promise<number> {
  const prepared = await prepareStack(o.stack, o.resolve, io.env, false);
  const specs = prepared.generators.secrets;
  const spec = specs[o.name];
  if (spec === undefined) {
    const known = Object.keys(specs).sort();
    throw new ConvoyError('E_REFERENCE', `secret ${o.name} is not in spec.secrets`, {
      expected: known.length > 0 ? `one of: ${known.join(', ')}` : 'a stack with spec.secrets',
      fix: 'Name a secret of the stack: convoy secrets rotate NAME [KEY] [stack].',
    });
  }
  const generatedKeys = Object.keys(spec.generate ?? {}).sort();
  const rotatable = [...generatedKeys, ...(spec.certificate ? ['tls.crt'] : [])];
  if (rotatable.length === 0) {
    throw new ConvoyError('E_REFERENCE', `secret ${o.name} has no generated keys or certificate to rotate`, {
      fix: 'Its keys follow their sources (files, env): change the source and run convoy apply.',
    });
  }
  if (o.key !== undefined && !rotatable.includes(o.key)) {
    throw new ConvoyError('E_REFERENCE', `secret ${o.name} has no generated key "${o.key}"`, {
      expected: `one of: ${rotatable.join(', ')}`,
      fix: `Run convoy secrets rotate ${o.name} (all its generated keys) or name one of them.`,
    });
  }
  const { name, key, ...rest } = o;
  return runApply(io, { ...rest, rotations: [rotate(name, key)] });
}

/**
 * `rotate NAME [KEY] [stack]` with two positionals is ambiguous; a second word that is an
 * existing path (and no third) is taken as the stack.
 */
export function rotateArgs(name: string, key: string | undefined, stack: string): { key?: string; stack: string } {
  if (key !== undefined && stack === '.' && existsSync(key)) return { stack: key };
  return key === undefined ? { stack } : { key, stack };
}
