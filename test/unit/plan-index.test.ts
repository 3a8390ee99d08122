import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { planGraph } from '../../src/plan/index.ts';
import { formatGraph } from '../../src/plan/print.ts';
import { resolve } from '../../src/resolve/index.ts';
import { pandaStack } from './support/panda.ts';
import { obj } from './support/objects.ts';

const stack = pandaStack();

test('planGraph: PanDA waves, msgsvc and iam first, then panda, then the rest', () => {
  const plan = planGraph(resolve(stack, { env: {} }));
  assert.equal(plan.stack, 'panda');
  assert.equal(plan.environment, undefined);
  assert.deepEqual(plan.waves, [['iam', 'msgsvc'], ['panda'], ['bigmon', 'harvester', 'idds']]);
  assert.deepEqual(plan.edges.slice(0, 3), [
    { from: 'bigmon', to: 'iam' },
    { from: 'bigmon', to: 'panda' },
    { from: 'harvester', to: 'iam' },
  ]);
  assert.equal(plan.edges.length, 10);
  assert.ok(plan.components.every((c) => c.phases.length === 0 && !c.rendered));
});

test('planGraph: skipped needs do not make edges', () => {
  const plan = planGraph(resolve(stack, { env: {}, environment: 'sphenix' }));
  assert.equal(plan.waves[0]?.join(), 'msgsvc');
  assert.ok(plan.edges.every((e) => e.to !== 'iam'));
  assert.deepEqual(plan.components.find((c) => c.name === 'panda')?.skippedNeeds, ['iam']);
});

test('planGraph: phases only for the components with objects', () => {
  const resolved = resolve(stack, { env: {}, only: ['msgsvc'], withNeeds: false });
  const plan = planGraph(resolved, {
    components: [{ name: 'msgsvc', objects: [obj('v1', 'Service', 's'), obj('v1', 'Namespace', 'n')] }],
  });
  assert.deepEqual(
    plan.components[0]?.phases.map((p) => p.name),
    ['namespaces', 'services'],
  );
  assert.equal(plan.components[0]?.rendered, true);
});

test('planGraph: rendered objects of an unknown component are an internal error', () => {
  const resolved = resolve(stack, { env: {}, only: ['msgsvc'], withNeeds: false });
  assert.throws(
    () => planGraph(resolved, { components: [{ name: 'nope', objects: [] }] }),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_INTERNAL',
  );
});

test('formatGraph: json never carries object bodies (no secret data)', () => {
  const resolved = resolve(stack, { env: {}, only: ['msgsvc'], withNeeds: false });
  const secret = { ...obj('v1', 'Secret', 'db', { namespace: 'panda' }), data: { password: 'c2VjcmV0' } };
  const text = formatGraph(planGraph(resolved, { components: [{ name: 'msgsvc', objects: [secret] }] }), 'json');
  assert.ok(!text.includes('c2VjcmV0'));
  assert.ok(text.endsWith('}\n'));
});

test('formatGraph: a rendered component without objects says so; mermaid ids avoid keywords', () => {
  const resolved = resolve(stack, { env: {}, only: ['msgsvc'], withNeeds: false });
  const plan = planGraph(resolved, { components: [{ name: 'msgsvc', objects: [] }] });
  assert.match(formatGraph(plan, 'text'), /\n {4}no objects\n$/);
  assert.match(formatGraph(plan, 'mermaid'), /c_msgsvc\["msgsvc"\]/);
});
