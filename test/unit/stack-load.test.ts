/**
 * Valid stacks load with defaults applied and positions kept: one stack per source kind
 * in test/fixtures/stacks/, a TypeScript config module that must equal its YAML twin,
 * and inline YAML for the one-pass reporting of several problems.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConvoyErrors } from '../../src/errors.ts';
import { loadStack, loadStackText } from '../../src/stack/load.ts';

const STACKS = fileURLToPath(new URL('../fixtures/stacks/', import.meta.url));
const at = (...p: string[]) => join(STACKS, ...p);

async function problems(promise: Promise<unknown>): Promise<ConvoyErrors> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof ConvoyErrors, `expected ConvoyErrors, got ${String(err)}`);
  return err;
}

test('helm: a directory path finds convoy.yaml; defaults are applied', async () => {
  const stack = await loadStack(at('helm'));
  assert.equal(stack.file, at('helm', 'convoy.yaml'));
  assert.equal(stack.dir, at('helm'));
  const hello = stack.spec.spec.components['hello'];
  assert.deepEqual(hello?.needs, []);
  assert.equal(hello?.enabled, true);
  assert.equal(hello?.helm?.includeCrds, true);
  assert.deepEqual(hello?.helm?.subcomponents, ['greeter']);
  const mq = stack.spec.spec.components['mq'];
  assert.deepEqual(mq?.helm?.values, []);
  assert.equal(mq?.helm?.version, '1.10');
});

test('positionOf and keyPositionOf point into the YAML', async () => {
  const stack = await loadStack(at('helm', 'convoy.yaml'));
  assert.deepEqual(stack.positionOf(['spec', 'components', 'mq', 'needs', 0]), {
    file: at('helm', 'convoy.yaml'),
    line: 21,
    column: 15,
  });
  assert.deepEqual(stack.keyPositionOf?.(['spec', 'components', 'mq']), {
    file: at('helm', 'convoy.yaml'),
    line: 20,
    column: 5,
  });
  // A path that is not in the file (a default) falls back to the nearest node that is.
  assert.equal(stack.positionOf(['spec', 'components', 'hello', 'needs']).line, 16);
});

test('kustomize and manifests (globs and plain files) load', async () => {
  const k = await loadStack(at('kustomize'));
  assert.deepEqual(k.spec.spec.components['base']?.kustomize, { path: './base' });
  const m = await loadStack(at('manifests', 'convoy.yaml'));
  assert.deepEqual(m.spec.spec.components['plain']?.manifests?.files, [
    'manifests/*.yaml',
    'manifests/extra/secret.yml',
  ]);
});

test('native: workload defaults (kind, serviceAccount, port protocol)', async () => {
  const stack = await loadStack(at('native'));
  const db = stack.spec.spec.components['db']?.native?.workloads['postgres'];
  assert.equal(db?.kind, 'StatefulSet');
  assert.deepEqual(db?.ports, [{ port: 5432, name: 'pg', protocol: 'TCP' }]);
  const api = stack.spec.spec.components['web']?.native?.workloads['api'];
  assert.equal(api?.kind, 'Deployment');
  assert.equal(api?.serviceAccount, true);
  assert.equal(stack.spec.spec.components['web']?.native?.workloads['report']?.schedule, '0 3 * * *');
});

test('a convoy.config.ts module yields the same spec as the equivalent YAML', async () => {
  const yaml = await loadStack(at('module', 'convoy.yaml'));
  const ts = await loadStack(at('module', 'convoy.config.ts'));
  const fn = await loadStack(at('module', 'function.config.ts'));
  assert.deepEqual(ts.spec, yaml.spec);
  assert.deepEqual(fn.spec, yaml.spec);
  assert.equal(ts.dir, yaml.dir);
  // Modules have no line numbers: positions name the file only.
  assert.deepEqual(ts.positionOf(['spec', 'components', 'web']), { file: at('module', 'convoy.config.ts') });
});

test('a directory with both prefers convoy.yaml', async () => {
  const stack = await loadStack(at('module'));
  assert.equal(stack.file, at('module', 'convoy.yaml'));
});

test('a missing path and a directory without a stack file are E_FILE, with a near name', async () => {
  const missing = await problems(loadStack(at('helmm')));
  assert.equal(missing.errors[0]?.code, 'E_FILE');
  assert.match(missing.errors[0]?.fix ?? '', /did you mean ".*stacks\/helm"\?/);
  const empty = await problems(loadStack(at('helm', 'values')));
  assert.equal(empty.errors[0]?.code, 'E_FILE');
  assert.match(empty.errors[0]?.message ?? '', /no stack file in directory/);
});

const HEAD = 'apiVersion: convoy.dev/v1alpha1\nkind: Stack\nmetadata: {name: t}\nspec:\n';

test('all schema problems of a file come in one pass, sorted by position', async () => {
  const text = `${HEAD}  affix: test
  components:
    web:
      need: [db]
      timeout: soon
    Bad_Name:
      native: {workloads: {w: {image: x, ports: [0]}}}
`;
  const err = await problems(loadStackText(text, { file: 'inline.yaml', dir: STACKS }));
  assert.deepEqual(
    err.errors.map((e) => `${e.code} ${e.position?.line}:${e.position?.column}`),
    ['E_SCHEMA 5:10', 'E_SCHEMA 8:7', 'E_SCHEMA 9:16', 'E_NAME 10:5', 'E_SCHEMA 11:50'],
  );
  assert.equal(err.errors[0]?.position?.file, 'inline.yaml');
  assert.match(err.format(), /^inline\.yaml:5:10: "spec\.affix" must be/);
});

test('semantic problems are reported together, after the schema passes', async () => {
  const text = `${HEAD}  environments:
    dev: {enable: [cach]}
  components:
    web:
      needs: [cache, api]
      native: {workloads: {web: {image: x}}}
    api:
      needs: [web]
      native: {workloads: {api: {image: x}}}
    cache: {}
`;
  const err = await problems(loadStackText(text, { dir: STACKS }));
  assert.deepEqual(
    err.errors.map((e) => e.code),
    ['E_SELECTION', 'E_CYCLE', 'E_SCHEMA'],
  );
  assert.match(err.errors[1]?.message ?? '', /api → web → api/);
});

test('a YAML syntax error stops before the schema', async () => {
  const err = await problems(loadStackText(`${HEAD}  components:\n    web: {needs: [db}\n`));
  assert.deepEqual(
    err.errors.map((e) => `${e.code} ${e.position?.line}:${e.position?.column}`),
    ['E_YAML 6:10', 'E_YAML 6:18'],
  );
});

test('merge keys and anchors are resolved', async () => {
  const text = `${HEAD}  components:
    web:
      native:
        workloads:
          a: &base {image: x, replicas: 2}
          b: {<<: *base, image: y}
`;
  const stack = await loadStackText(text, { dir: STACKS });
  assert.deepEqual(
    [
      stack.spec.spec.components['web']?.native?.workloads['b']?.image,
      stack.spec.spec.components['web']?.native?.workloads['b']?.replicas,
    ],
    ['y', 2],
  );
});
