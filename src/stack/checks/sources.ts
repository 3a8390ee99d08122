/** Exactly one source per component: helm, kustomize, manifests or native. */
import { ConvoyError } from '../../errors.ts';
import { SOURCE_KINDS } from '../schema.ts';
import { componentPath, type CheckContext } from './context.ts';

const EXPECTED = 'exactly one source: helm, kustomize, manifests or native';

/**
 * @returns `E_SCHEMA` for a component with no source (at its key) or with several (at the
 *   key of the second source).
 */
export function checkSources({ stack, map }: CheckContext): ConvoyError[] {
  const spec = stack.spec;
  const errors: ConvoyError[] = [];
  for (const [name, component] of Object.entries(spec.components)) {
    const present = SOURCE_KINDS.filter((k) => component[k] !== undefined);
    if (present.length === 0) {
      errors.push(
        new ConvoyError('E_SCHEMA', `component "${name}" has no source`, {
          position: map.keyOf(componentPath(name)),
          expected: EXPECTED,
          fix: `Add one, e.g. helm: {chart: ./charts/${name}} or native: {workloads: {${name}: {image: …}}}.`,
        }),
      );
    } else if (present.length > 1) {
      const second = present[1] as string;
      errors.push(
        new ConvoyError('E_SCHEMA', `component "${name}" has ${present.length} sources: ${present.join(' and ')}`, {
          position: map.keyOf([...componentPath(name), second]),
          expected: EXPECTED,
          fix: `Keep one of ${present.join(', ')}; to deploy both, split them into two components (one can need the other).`,
        }),
      );
    }
  }
  return errors;
}
