import { test } from 'node:test';
import { resolve } from '../../../src/resolve/index.ts';
import { planGraph } from '../../../src/plan/index.ts';
import { formatGraph, GRAPH_FORMATS } from '../../../src/plan/print.ts';
import type { ResolvedStack } from '../../../src/resolve/types.ts';
import { pandaStack } from '../../unit/support/panda.ts';
import { obj, pandaObjects } from '../../unit/support/objects.ts';
import { assertGolden } from './golden.ts';

const stack = pandaStack();
const ext: Record<string, string> = { text: 'txt', mermaid: 'mmd', dot: 'dot', json: 'json' };

/** Made-up rendered objects for every selected component. */
function renderedFor(resolved: ResolvedStack) {
  return {
    components: resolved.components.map((c) => {
      const ns = c.namespace;
      const n = c.instanceName;
      const objects =
        c.name === 'panda'
          ? pandaObjects(ns)
          : [
              obj('apps/v1', c.name === 'msgsvc' ? 'StatefulSet' : 'Deployment', n, { namespace: ns }),
              obj('v1', 'Service', n, { namespace: ns }),
              obj('v1', 'ConfigMap', n, { namespace: ns }),
              obj('v1', 'ServiceAccount', n, { namespace: ns }),
            ];
      return { name: c.name, objects };
    }),
  };
}

for (const format of GRAPH_FORMATS) {
  test(`graph golden: panda, ${format}`, () => {
    const plan = planGraph(resolve(stack, { env: {} }));
    assertGolden(`panda.${ext[format]}`, formatGraph(plan, format));
  });
}

for (const format of ['text', 'json'] as const) {
  test(`graph golden: panda -e sphenix with phases, ${format}`, () => {
    const resolved = resolve(stack, { env: {}, environment: 'sphenix' });
    const plan = planGraph(resolved, renderedFor(resolved));
    assertGolden(`panda-sphenix-phases.${ext[format]}`, formatGraph(plan, format));
  });
}

test('graph golden: --only panda --skip-needs -e lsst, text', () => {
  const plan = planGraph(resolve(stack, { env: {}, environment: 'lsst', only: ['panda'], withNeeds: false }));
  assertGolden('panda-only-skip-needs.txt', formatGraph(plan, 'text'));
});
