/**
 * resolve: narrows a loaded stack to one concrete deployment — environment overlays,
 * component selection, instance names (affix), `${...}` references and absolute paths.
 *
 * Synchronous: the only I/O is checking that a handful of local files exist (and globbing
 * manifests), which `node:fs` does synchronously; everything else is pure.
 *
 * Order of the steps:
 * 1. environment (`-e`): pick it ({@link pickEnvironment}); its namespace, affix and vars
 *    override the stack's; its component and values overlays are deep-merged
 *    ({@link overlayComponents}).
 * 2. graph check on the overlaid needs (E_NEEDS, E_CYCLE from computeWaves).
 * 3. selection ({@link selectComponents}; rules documented in ./selection.ts).
 * 4. per selected component ({@link resolveComponent}): instance name, references,
 *    sub-components, paths, timeout.
 */
import { ConvoyError } from '../errors.ts';
import { computeWaves } from '../plan/graph.ts';
import type { LoadedStack } from '../stack/types.ts';
import { applyAffix } from './affix.ts';
import { resolveComponent } from './component.ts';
import { overlayComponents, pickEnvironment, stackSettings } from './environment.ts';
import { sourcePathOf } from './locate.ts';
import type { ReferenceContext } from './references.ts';
import { selectComponents } from './selection.ts';
import type { ResolvedStack, ResolveOptions } from './types.ts';

export type { ResolveOptions, ResolvedStack, ResolvedComponent, ResolvedSource } from './types.ts';

/**
 * Resolves `stack` for one run.
 *
 * @param options environment, selection (`enable`, `disable`, `only`, `withNeeds`
 *   default true), `affix` override, and `env` for `${env.X}` (default `process.env`).
 * @returns the selected components sorted by name, each with absolute paths and expanded
 *   references; deterministic for the same inputs and files.
 * @throws ConvoyError `E_SELECTION` (unknown environment, component or sub-component;
 *   a `--disable` that removes a need of `--only` with needs), `E_USAGE` (contradictory
 *   flags, bad `--affix`), `E_SCHEMA` (an overlay makes a component invalid), `E_NEEDS` /
 *   `E_CYCLE` (graph after overlays), `E_NAME` (instance name over 53 characters),
 *   `E_REFERENCE`, `E_FILE`.
 */
export function resolve(stack: LoadedStack, options: ResolveOptions = {}): ResolvedStack {
  const env = pickEnvironment(stack, options.environment);
  const settings = stackSettings(stack, env, options.affix);
  const specs = overlayComponents(stack, env);
  computeWaves(
    [...specs].map(([name, spec]) => ({ name, needs: spec.needs })),
    (component, index) => stack.positionOf(sourcePathOf(component, ['needs', index], env)),
  );
  const envPath = ['spec', 'environments', env?.name ?? ''];
  const selection = selectComponents(
    specs,
    env && {
      name: env.name,
      enable: env.spec.enable ?? [],
      disable: env.spec.disable ?? [],
      enablePosition: stack.positionOf([...envPath, 'enable']),
      disablePosition: stack.positionOf([...envPath, 'disable']),
    },
    options,
  );

  const namespaceOf = (name: string) => specs.get(name)?.namespace ?? settings.namespace;
  const ctx: ReferenceContext = {
    environment: env?.name,
    env: options.env ?? process.env,
    vars: settings.vars,
    components: new Map(
      [...specs.keys()].map((name) => [
        name,
        { instanceName: applyAffix(name, settings.affix), namespace: namespaceOf(name) },
      ]),
    ),
  };
  const selected = new Set(selection.selected);
  const components = selection.selected.map((name) => {
    const spec = specs.get(name);
    if (spec === undefined) throw new ConvoyError('E_INTERNAL', `selected unknown component ${name}`);
    const needs = [...new Set(spec.needs)].sort();
    return resolveComponent({
      stack,
      env,
      ctx,
      name,
      spec,
      namespace: namespaceOf(name),
      affix: settings.affix,
      needs: needs.filter((n) => selected.has(n)),
      skippedNeeds: needs.filter((n) => !selected.has(n)),
      disabledSubcomponents: selection.disabledSubcomponents.get(name) ?? [],
    });
  });
  return {
    name: stack.spec.metadata.name,
    environment: env?.name,
    namespace: settings.namespace,
    affix: settings.affix,
    dir: stack.dir,
    file: stack.file,
    components,
    networkPolicies: stack.spec.spec.networkPolicies ?? 'none',
    podSecurity: stack.spec.spec.podSecurity ?? { level: 'restricted' },
    external: stack.spec.spec.external ?? { secrets: [], configMaps: [] },
  };
}
