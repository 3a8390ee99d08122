import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError, ConvoyErrors } from '../../src/errors.ts';
import { resolve } from '../../src/resolve/index.ts';
import type { ResolvedComponent } from '../../src/resolve/types.ts';
import { PANDA_SPEC, pandaStack } from './support/panda.ts';

const stack = pandaStack();
const byName = (cs: ResolvedComponent[], name: string) => cs.find((c) => c.name === name);

test('environment: lsst overlays replicas over the inline values (deep merge, later wins)', () => {
  const base = resolve(stack, { env: {} });
  const lsst = resolve(stack, { environment: 'lsst', env: {} });
  const jedi = (cs: ResolvedComponent[]) => {
    const p = byName(cs, 'panda');
    return p?.source.kind === 'helm' ? p.source.inlineValues['jedi'] : undefined;
  };
  assert.deepEqual(jedi(base.components), { replicas: 1, image: 'jedi:1' });
  assert.deepEqual(jedi(lsst.components), { replicas: 2, image: 'jedi:1' });
});

test('environment: namespace, and a component overlay (timeout)', () => {
  const lsst = resolve(stack, { environment: 'lsst', env: {} });
  assert.equal(lsst.environment, 'lsst');
  assert.equal(lsst.namespace, 'panda-lsst');
  assert.ok(lsst.components.every((c) => c.namespace === 'panda-lsst'));
  assert.equal(byName(lsst.components, 'idds')?.timeoutSeconds, 600);
  assert.equal(byName(lsst.components, 'panda')?.timeoutSeconds, 300);
  const none = resolve(stack, { env: {} });
  assert.equal(none.environment, undefined);
  assert.equal(none.namespace, 'panda');
});

test('environment: a component namespace wins over the environment namespace', () => {
  const s = pandaStack(`namespace: a
environments: {e: {namespace: b}}
components:
  x: {namespace: c, helm: {chart: ./charts/panda}}
  y: {helm: {chart: ./charts/panda}}
`);
  const r = resolve(s, { environment: 'e', env: {} });
  assert.deepEqual(
    r.components.map((c) => [c.name, c.namespace]),
    [
      ['x', 'c'],
      ['y', 'b'],
    ],
  );
});

test('environment: default namespace is "default"', () => {
  const s = pandaStack(`components:\n  x: {helm: {chart: ./charts/panda}}\n`);
  assert.equal(resolve(s, { env: {} }).components[0]?.namespace, 'default');
});

test('environment: component overlay arrays replace, mappings merge', () => {
  const s = pandaStack(`environments:
  e:
    components:
      x: {needs: [], helm: {values: [values/values-lsst.yaml]}}
components:
  a: {helm: {chart: ./charts/iam}}
  x: {needs: [a], helm: {chart: ./charts/panda, values: [values.yaml], includeCrds: false}}
`);
  const x = byName(resolve(s, { environment: 'e', env: {} }).components, 'x');
  assert.deepEqual(x?.needs, []);
  assert.ok(x?.source.kind === 'helm');
  assert.deepEqual(x.source.values, ['values/values-lsst.yaml']);
  assert.equal(x.source.includeCrds, false, 'sibling keys kept');
  assert.equal(x.source.chart, './charts/panda');
});

test('environment: overlay can add a need, and the graph is checked again', () => {
  const s = pandaStack(`environments:
  e: {components: {a: {needs: [b]}}}
components:
  a: {helm: {chart: ./charts/iam}}
  b: {needs: [a], helm: {chart: ./charts/panda}}
`);
  assert.throws(
    () => resolve(s, { environment: 'e', env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_CYCLE' &&
      e.message === 'dependency cycle: a → b → a' &&
      e.position?.line === 9,
  );
});

test('environment: an unknown need in an overlay is E_NEEDS at the overlay', () => {
  const s = pandaStack(`environments:
  e: {components: {a: {needs: [msgsv]}}}
components:
  a: {helm: {chart: ./charts/iam}}
  msgsvc: {helm: {chart: ./charts/msgsvc}}
`);
  assert.throws(
    () => resolve(s, { environment: 'e', env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_NEEDS' &&
      e.position?.line === 6 &&
      /did you mean "msgsvc"/.test(e.fix ?? ''),
  );
});

test('environment: swapping the source needs null for the old one', () => {
  const spec = (overlay: string) => `environments:
  e: {components: {a: ${overlay}}}
components:
  a: {helm: {chart: ./charts/iam}}
`;
  const files = { 'charts/iam/Chart.yaml': '', 'k/kustomization.yaml': '' };
  const swapped = resolve(pandaStack(spec('{helm: null, kustomize: {path: k}}'), files), { environment: 'e', env: {} });
  assert.equal(swapped.components[0]?.sourceKind, 'kustomize');
  assert.throws(
    () => resolve(pandaStack(spec('{kustomize: {path: k}}'), files), { environment: 'e', env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_SCHEMA' &&
      /has 2 sources in environment "e"/.test(e.message) &&
      /null/.test(e.fix ?? ''),
  );
});

test('environment: a merged component is validated again, errors at the overlay', () => {
  const s = pandaStack(`environments:
  e:
    components:
      a: {timeout: soon, replicas: 2}
components:
  a: {helm: {chart: ./charts/iam}}
`);
  assert.throws(
    () => resolve(s, { environment: 'e', env: {} }),
    (e: unknown) => {
      assert.ok(e instanceof ConvoyErrors);
      assert.equal(e.errors.length, 2);
      assert.ok(e.errors.every((x) => x.code === 'E_SCHEMA' && x.position?.line === 8));
      assert.match(e.format(), /spec\.environments\.e\.components\.a/);
      return true;
    },
  );
});

test('environment: overlay of an unknown component', () => {
  for (const field of ['values', 'components']) {
    const s = pandaStack(`environments:
  e: {${field}: {pnada: {}}}
components:
  panda: {helm: {chart: ./charts/panda}}
`);
    assert.throws(
      () => resolve(s, { environment: 'e', env: {} }),
      (e: unknown) =>
        e instanceof ConvoyError &&
        e.code === 'E_SELECTION' &&
        e.message.includes(`${field} names "pnada"`) &&
        /did you mean "panda"/.test(e.fix ?? ''),
    );
  }
});

test('environment: values overlay keeps null for Helm', () => {
  const s = pandaStack(PANDA_SPEC.replace('panda: {jedi: {replicas: 2}}', 'panda: {jedi: null}'));
  const panda = byName(resolve(s, { environment: 'lsst', env: {} }).components, 'panda');
  assert.ok(panda?.source.kind === 'helm');
  assert.equal(panda.source.inlineValues['jedi'], null);
});
