/**
 * Needs: names of components that exist, no component twice, no cycles. Unknown needs
 * (`E_NEEDS`, helmfile's "Perhaps you made a typo in needs") and cycles (`E_CYCLE`, with
 * the path `a → b → a`) come from the one graph implementation, `computeWaves`
 * (src/plan/graph.ts); it stops at the first problem, so this check runs it again with
 * that need left out until the graph is clean, to report every problem in one pass.
 */
import { ConvoyError } from '../../errors.ts';
import { computeWaves } from '../../plan/graph.ts';
import { componentPath, type CheckContext } from './context.ts';

interface Need {
  name: string;
  /** Index in the component's `needs` as written. */
  index: number;
}

/**
 * @returns `E_DUPLICATE` for a need listed twice, `E_NEEDS` for each need naming no
 *   component, `E_CYCLE` for each independent cycle (self-needs included: `a → a`), each
 *   at the position of the offending need.
 */
export function checkNeeds({ stack, map }: CheckContext): ConvoyError[] {
  const spec = stack.spec;
  const errors: ConvoyError[] = [];
  const needs = new Map<string, Need[]>();
  for (const [name, component] of Object.entries(spec.components)) {
    const seen = new Map<string, number>();
    const list: Need[] = [];
    component.needs.forEach((need, index) => {
      const first = seen.get(need);
      if (first !== undefined) {
        errors.push(
          new ConvoyError('E_DUPLICATE', `component "${name}" lists "${need}" twice in needs`, {
            position: map.valueOf([...componentPath(name), 'needs', index]),
            expected: 'each need once',
            fix: `Remove the second "${need}".`,
          }),
        );
        return;
      }
      seen.set(need, index);
      if (need === name) {
        errors.push(
          new ConvoyError('E_CYCLE', `component "${name}" needs itself: ${name} → ${name}`, {
            position: map.valueOf([...componentPath(name), 'needs', index]),
            expected: 'needs that name other components',
            fix: `Remove "${name}" from its own needs.`,
          }),
        );
        return;
      }
      list.push({ name: need, index });
    });
    needs.set(name, list);
  }

  const total = [...needs.values()].reduce((n, l) => n + l.length, 0);
  for (let round = 0; round <= total; round++) {
    const nodes = [...needs].map(([name, list]) => ({ name, needs: list.map((n) => n.name) }));
    let culprit: { component: string; index: number } | undefined;
    try {
      computeWaves(nodes, (component, index) => {
        culprit = { component, index };
        const original = needs.get(component)?.[index]?.index ?? index;
        return map.valueOf([...componentPath(component), 'needs', original]);
      });
      return errors;
    } catch (err) {
      if (!(err instanceof ConvoyError) || (err.code !== 'E_NEEDS' && err.code !== 'E_CYCLE')) throw err;
      errors.push(err);
      if (!culprit) return errors;
      needs.get(culprit.component)?.splice(culprit.index, 1);
    }
  }
  return errors;
}
