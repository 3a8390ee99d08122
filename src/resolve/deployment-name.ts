import type { ResolvedStack } from './types.ts';

/**
 * The name of one deployment of a stack: the stack name with the instance affix applied
 * (PanDA's `test-panda`, `panda-dev`), plus `-<environment>` when an environment is selected.
 * It names the in-cluster inventory and lock, so `-e qa` and `-e staging` of one stack are
 * separate deployments, and `--affix test-` and `--affix -dev` are separate instances.
 *
 * Shape: a DNS-1123 label fragment, e.g. `test-panda-lsst`.
 */
export function deploymentName(stack: Pick<ResolvedStack, 'name' | 'affix' | 'environment'>): string {
  const affix = stack.affix ?? '';
  const base = affix.endsWith('-') ? `${affix}${stack.name}` : `${stack.name}${affix}`;
  return stack.environment ? `${base}-${stack.environment}` : base;
}
