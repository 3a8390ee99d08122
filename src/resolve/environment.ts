/**
 * Environments (`-e NAME`; PanDA calls them experiments): pick one and overlay its
 * component specs and Helm values over the stack's.
 */
import { ConvoyError, ConvoyErrors } from '../errors.ts';
import { didYouMean, listNames } from '../plan/suggest.ts';
import { Component, SOURCE_KINDS, type ComponentSpec } from '../stack/schema.ts';
import type { LoadedStack } from '../stack/types.ts';
import { checkAffix } from './affix.ts';
import { type ChosenEnvironment, formatPath } from './locate.ts';
import { deepMerge } from './merge.ts';

/**
 * Picks `spec.environments[name]`; undefined when no name is given.
 *
 * @throws ConvoyError `E_SELECTION` when the stack has no such environment, listing the
 *   known ones with a "did you mean".
 */
export function pickEnvironment(stack: LoadedStack, name: string | undefined): ChosenEnvironment | undefined {
  if (name === undefined) return undefined;
  const envs = stack.spec.spec.environments ?? {};
  const spec = envs[name];
  if (spec !== undefined) return { name, spec };
  throw new ConvoyError('E_SELECTION', `environment "${name}" is not in the stack`, {
    position: stack.positionOf(['spec', 'environments']),
    expected: `one of: ${listNames(Object.keys(envs))}`,
    fix: `${didYouMean(name, Object.keys(envs))}Pick an environment from spec.environments.`,
  });
}

/** Stack-wide settings after the environment: namespace, affix and vars. */
export interface StackSettings {
  /** env.namespace ?? spec.namespace ?? `default`. */
  namespace: string;
  /** `--affix` ?? env.affix ?? spec.affix; undefined for none. */
  affix: string | undefined;
  /** spec.vars overlaid by env.vars. */
  vars: Record<string, string>;
}

/**
 * Settings for the chosen environment; the `--affix` flag wins over both files.
 *
 * @throws ConvoyError `E_USAGE` for a malformed `--affix` (the schema checks the affixes in
 *   the stack file).
 */
export function stackSettings(
  stack: LoadedStack,
  env: ChosenEnvironment | undefined,
  affixFlag: string | undefined,
): StackSettings {
  const spec = stack.spec.spec;
  if (affixFlag !== undefined) checkAffix(affixFlag);
  return {
    namespace: env?.spec.namespace ?? spec.namespace ?? 'default',
    affix: affixFlag ?? env?.spec.affix ?? spec.affix,
    vars: { ...spec.vars, ...env?.spec.vars },
  };
}

/**
 * Every component of the stack with the environment applied: `environment.components[c]`
 * deep-merged over the component spec (`null` removes a key, so `helm: null` can swap a
 * source), then `environment.values[c]` deep-merged over its inline `values` (nulls kept
 * for Helm). Mappings merge, arrays and scalars replace, later wins. The result is
 * validated again with the `Component` schema. Without an environment the specs are
 * returned as loaded.
 *
 * @throws ConvoyError `E_SELECTION` when the environment overlays a component the stack
 *   does not have; `E_SCHEMA` (one or several, as ConvoyErrors) when a merged component
 *   is invalid or has not exactly one source, positioned in the environment.
 */
export function overlayComponents(stack: LoadedStack, env: ChosenEnvironment | undefined): Map<string, ComponentSpec> {
  const components = stack.spec.spec.components;
  const out = new Map<string, ComponentSpec>();
  if (env) checkOverlayNames(stack, env);
  const errors: ConvoyError[] = [];
  for (const name of Object.keys(components).sort()) {
    const base = components[name] as ComponentSpec;
    const specOverlay = env?.spec.components?.[name];
    const valuesOverlay = env?.spec.values?.[name];
    if (specOverlay === undefined && valuesOverlay === undefined) {
      out.set(name, base);
      continue;
    }
    const envName = (env as ChosenEnvironment).name;
    const merged = deepMerge(base, specOverlay, 'delete') as Record<string, unknown>;
    if (valuesOverlay !== undefined) merged['values'] = deepMerge(merged['values'] ?? {}, valuesOverlay, 'keep');
    const overlayPath = ['spec', 'environments', envName, specOverlay ? 'components' : 'values', name];
    const parsed = Component.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = [...overlayPath, ...(issue.path as (string | number)[])];
        errors.push(
          new ConvoyError('E_SCHEMA', `${formatPath(path)}: ${issue.message}`, {
            position: stack.positionOf(path),
            expected: `a valid component after environment "${envName}" is merged over "${name}"`,
            fix: `Correct the overlay of "${name}" in environment "${envName}".`,
          }),
        );
      }
      continue;
    }
    const kinds = SOURCE_KINDS.filter((k) => parsed.data[k] !== undefined);
    if (kinds.length !== 1) {
      errors.push(
        new ConvoyError('E_SCHEMA', `component "${name}" has ${kinds.length} sources in environment "${envName}"`, {
          position: stack.positionOf(overlayPath),
          expected: `exactly one of ${SOURCE_KINDS.join(', ')}`,
          fix: `To swap the source in an environment, set the old one to null (e.g. helm: null).`,
        }),
      );
      continue;
    }
    out.set(name, parsed.data);
  }
  const [first] = errors;
  if (first !== undefined && errors.length === 1) throw first;
  if (errors.length > 1) throw new ConvoyErrors(errors);
  return out;
}

function checkOverlayNames(stack: LoadedStack, env: ChosenEnvironment): void {
  const known = Object.keys(stack.spec.spec.components);
  for (const field of ['components', 'values'] as const) {
    for (const name of Object.keys(env.spec[field] ?? {}).sort()) {
      if (known.includes(name)) continue;
      throw new ConvoyError(
        'E_SELECTION',
        `environment "${env.name}" ${field} names "${name}", which is not in the stack`,
        {
          position: stack.positionOf(['spec', 'environments', env.name, field, name]),
          expected: `a component of the stack: ${listNames(known)}`,
          fix: `${didYouMean(name, known)}Name a component from spec.components.`,
        },
      );
    }
  }
}
