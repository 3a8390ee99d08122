/**
 * The objects of a stack as convoy would apply them, without a cluster: render() plus the
 * stack's `spec.secrets` known without the cluster (files, env, bundles, registry
 * credentials in full; generated and certificate secrets as placeholders), with hash-suffixed
 * names rewritten in every reference. Used by `convoy render` and `convoy lint`.
 */
import { render } from '../render/index.ts';
import type { RenderedStack, RenderEvent, RenderOptions } from '../render/types.ts';
import { resolveGenerators } from '../resolve/secrets.ts';
import type { ResolvedStack } from '../resolve/types.ts';
import type { LoadedStack } from '../stack/types.ts';
import { prepareStackSecrets, type SecretSink } from './secrets.ts';

export interface RenderWithSecretsOptions {
  /** Environment for `${env.X}` in secrets. */
  env: Readonly<Record<string, string | undefined>>;
  /** Receives every secret value (the CLI's output redactor). */
  redactor?: SecretSink;
  render?: RenderOptions;
  onEvent?: (e: RenderEvent) => void;
}

/**
 * @throws ConvoyError from render (E_RENDER, E_TOOL) and from the secret builders (E_FILE,
 *   E_REFERENCE, …) naming the secret and the fix.
 */
export async function renderWithSecrets(
  loaded: LoadedStack,
  resolved: ResolvedStack,
  options: RenderWithSecretsOptions,
): Promise<RenderedStack> {
  const plain = await render(resolved, options.render, options.onEvent);
  const prepared = await prepareStackSecrets(resolveGenerators(loaded, resolved, options.env), resolved, plain, {
    env: options.env,
    ...(options.redactor ? { redactor: options.redactor } : {}),
  });
  return prepared.rendered;
}
