/**
 * Where a field of a resolved component came from: the environment overlay that set it,
 * or the component itself. Used to put reference and file errors at the right line.
 */
import type { EnvironmentSpec } from '../stack/schema.ts';
import type { LoadedStack } from '../stack/types.ts';
import type { Where } from './references.ts';
import { isPlainObject } from './merge.ts';

/** A path inside a document, e.g. `['spec', 'components', 'panda', 'needs', 0]`. */
export type DocPath = readonly (string | number)[];

/** The chosen environment, if any. */
export interface ChosenEnvironment {
  name: string;
  spec: EnvironmentSpec;
}

/** `spec.components.panda.helm.values[1]`. */
export function formatPath(path: DocPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function has(data: unknown, path: DocPath): boolean {
  let cur = data;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isPlainObject(cur) && typeof key === 'string' && Object.hasOwn(cur, key)) cur = cur[key];
    else return false;
  }
  return true;
}

/**
 * The document path that defines `field` (a path inside the component spec) of
 * `component`: `environments.E.values.C…` for values the environment set,
 * `environments.E.components.C…` for other fields it set, else `components.C…`.
 */
export function sourcePathOf(component: string, field: DocPath, env: ChosenEnvironment | undefined): DocPath {
  if (env) {
    const envPath = ['spec', 'environments', env.name];
    const values = env.spec.values?.[component];
    if (field[0] === 'values' && has(values, field.slice(1))) {
      return [...envPath, 'values', component, ...field.slice(1)];
    }
    if (has(env.spec.components?.[component], field)) return [...envPath, 'components', component, ...field];
  }
  return ['spec', 'components', component, ...field];
}

/** A {@link Where} for `field` of `component`, at the line that defines it. */
export function whereOf(
  stack: LoadedStack,
  component: string,
  field: DocPath,
  env: ChosenEnvironment | undefined,
): Where {
  const path = sourcePathOf(component, field, env);
  return { position: stack.positionOf(path), field: formatPath(path) };
}
