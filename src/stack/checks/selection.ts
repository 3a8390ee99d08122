/**
 * Environments may only name what exists: `enable`/`disable` entries (`component` or
 * `component.sub`), the keys of `values` and `components`, and the fields of component
 * overlays.
 */
import { ConvoyError } from '../../errors.ts';
import { closest, listNames } from '../../plan/suggest.ts';
import { Component, type ComponentSpec } from '../schema.ts';
import { fieldFix } from '../field-fix.ts';
import type { CheckContext } from './context.ts';

/**
 * The sub-components of a component: the helm `subcomponents` list, or the workload
 * names of a native component; empty for kustomize and manifests.
 */
export function subcomponentsOf(component: ComponentSpec): string[] {
  if (component.helm) return component.helm.subcomponents ?? [];
  if (component.native) return Object.keys(component.native.workloads);
  return [];
}

/**
 * @returns `E_SELECTION` for each environment entry naming no component or no
 *   sub-component, `E_SCHEMA` for an unknown field in a component overlay.
 */
export function checkSelection({ stack, map }: CheckContext): ConvoyError[] {
  const spec = stack.spec;
  const errors: ConvoyError[] = [];
  const components = Object.keys(spec.components);
  const overlayFields = Object.keys(Component.shape);
  for (const [envName, env] of Object.entries(spec.environments ?? {})) {
    const envPath = ['spec', 'environments', envName];
    for (const list of ['enable', 'disable'] as const) {
      (env[list] ?? []).forEach((entry, index) => {
        const problem = selectionProblem(entry, spec.components);
        if (!problem) return;
        errors.push(
          new ConvoyError('E_SELECTION', `environment "${envName}" ${list}s "${entry}": ${problem.message}`, {
            position: map.valueOf([...envPath, list, index]),
            expected: problem.expected,
            fix: problem.fix,
          }),
        );
      });
    }
    for (const section of ['values', 'components'] as const) {
      for (const key of Object.keys(env[section] ?? {})) {
        if (components.includes(key)) continue;
        const near = closest(key, components);
        errors.push(
          new ConvoyError(
            'E_SELECTION',
            `environment "${envName}" has ${section} for "${key}", which is not a component of the stack`,
            {
              position: map.keyOf([...envPath, section, key]),
              expected: `a component: ${listNames(components)}`,
              fix: near ? `did you mean "${near}"?` : `Add "${key}" to spec.components or remove this entry.`,
            },
          ),
        );
      }
    }
    for (const [component, overlay] of Object.entries(env.components ?? {})) {
      for (const field of Object.keys(overlay)) {
        if (overlayFields.includes(field)) continue;
        errors.push(
          new ConvoyError(
            'E_SCHEMA',
            `unknown field "${field}" in the overlay of component "${component}" in environment "${envName}"`,
            {
              position: map.keyOf([...envPath, 'components', component, field]),
              expected: `one of: ${overlayFields.join(', ')}`,
              fix: fieldFix(Component, field, overlayFields),
            },
          ),
        );
      }
    }
  }
  return errors;
}

interface Problem {
  message: string;
  expected: string;
  fix: string;
}

/** What is wrong with a `component` or `component.sub` entry, or undefined when it names something. */
export function selectionProblem(entry: string, components: Record<string, ComponentSpec>): Problem | undefined {
  const names = Object.keys(components);
  const dot = entry.indexOf('.');
  const name = dot < 0 ? entry : entry.slice(0, dot);
  const component = components[name];
  if (!component) {
    const near = closest(name, names);
    return {
      message: `there is no component "${name}"`,
      expected: `a component: ${listNames(names)}`,
      fix: near
        ? `did you mean "${near}${dot < 0 ? '' : entry.slice(dot)}"?`
        : 'Name a component from spec.components.',
    };
  }
  if (dot < 0) return undefined;
  const sub = entry.slice(dot + 1);
  const subs = subcomponentsOf(component);
  if (subs.includes(sub)) return undefined;
  const near = closest(sub, subs);
  const declare = component.helm
    ? `declare it in helm.subcomponents of "${name}"`
    : component.native
      ? `sub-components of a native component are its workloads`
      : `kustomize and manifests components have no sub-components`;
  return {
    message: `component "${name}" has no sub-component "${sub}"`,
    expected: subs.length > 0 ? `one of: ${subs.map((s) => `${name}.${s}`).join(', ')}` : `"${name}" alone`,
    fix: near ? `did you mean "${name}.${near}"?` : `Fix the name, or ${declare}.`,
  };
}
