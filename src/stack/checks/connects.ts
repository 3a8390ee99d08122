/**
 * Connections: every `connects` entry names a component of the stack and a valid port,
 * at most once per component; `podSelector` only on components that are not native.
 */
import { ConvoyError } from '../../errors.ts';
import { parseConnection, formatConnection } from '../../netpol/connection.ts';
import { didYouMean, listNames } from '../../plan/suggest.ts';
import { componentPath, type CheckContext } from './context.ts';

/**
 * @returns `E_NEEDS` for a connection to an unknown component (with "did you mean"),
 *   `E_SCHEMA` for a port outside 1–65535 and for `podSelector` on a native component,
 *   `E_DUPLICATE` for the same connection twice; each at the entry's position.
 */
export function checkConnects({ stack, map }: CheckContext): ConvoyError[] {
  const components = stack.spec.components;
  const names = Object.keys(components);
  const errors: ConvoyError[] = [];
  for (const [name, c] of Object.entries(components)) {
    if (c.podSelector !== undefined && c.native !== undefined) {
      errors.push(
        new ConvoyError(
          'E_SCHEMA',
          `component "${name}" is native; podSelector is only for helm, kustomize or manifests`,
          {
            position: map.keyOf([...componentPath(name), 'podSelector']),
            expected: 'no podSelector on native components (their pods carry convoy labels)',
            fix: 'Remove podSelector.',
          },
        ),
      );
    }
    const seen = new Set<string>();
    (c.connects ?? []).forEach((text, index) => {
      const position = map.valueOf([...componentPath(name), 'connects', index]);
      const conn = parseConnection(text);
      if (!conn) {
        errors.push(
          new ConvoyError('E_SCHEMA', `component "${name}": connection "${text}" has a port outside 1-65535`, {
            position,
            expected: 'component[:port[/protocol]] with a port from 1 to 65535',
            fix: 'Use the Service port of the target, e.g. db:5432.',
          }),
        );
        return;
      }
      if (!(conn.component in components)) {
        errors.push(
          new ConvoyError(
            'E_NEEDS',
            `component "${name}" connects to "${conn.component}", which is not a component of the stack`,
            {
              position,
              expected: `one of: ${listNames(names)}`,
              fix: `${didYouMean(conn.component, names)}Perhaps you made a typo in "connects"?`.trim(),
            },
          ),
        );
        return;
      }
      const key = formatConnection(conn);
      if (seen.has(key)) {
        errors.push(
          new ConvoyError('E_DUPLICATE', `component "${name}" lists "${text}" twice in connects`, {
            position,
            expected: 'each connection once',
            fix: `Remove the second "${text}".`,
          }),
        );
      }
      seen.add(key);
    });
  }
  return errors;
}
