import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { ConvoyError, ConvoyErrors } from '../../src/errors.ts';
import { render } from '../../src/render/index.ts';
import type { ResolvedSource } from '../../src/resolve/types.ts';
import { toYaml } from '../../src/objects/yaml.ts';
import { component, FIXTURES, stack, STACK_DIR } from '../fixtures/render/helpers.ts';

const manifests = (dir: string, ...files: string[]): ResolvedSource => ({
  kind: 'manifests',
  files,
  absFiles: files.map((f) => join(dir, f)),
});
const run = (dir: string, ...comps: ReturnType<typeof component>[]) => render(stack(dir, comps), { cacheDir: null });

test('manifests: empty documents skipped, List expanded, origins per file, namespaces', async () => {
  const r = await run(
    STACK_DIR,
    component('files', manifests(STACK_DIR, 'manifests/app.yaml', 'manifests/other-ns.yaml')),
  );
  const objs = r.components[0]?.objects ?? [];
  assert.deepEqual(
    objs.map((o) => [
      `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
      o.metadata.annotations?.['convoy.dev/origin'],
    ]),
    [
      ['Namespace//apps', 'generated:namespace'],
      ['ServiceAccount/apps/runner', 'manifests/app.yaml'],
      ['ClusterRoleBinding//runner-view', 'manifests/app.yaml'],
      ['Secret/apps/token', 'manifests/app.yaml'],
      ['ConfigMap/apps/settings', 'manifests/app.yaml'],
      ['ConfigMap/elsewhere/settings', 'manifests/other-ns.yaml'],
    ],
  );
  const yaml = toYaml(objs);
  assert.match(yaml, /enabled: "on"\n/);
  assert.match(yaml, /count: "007"\n/);
});

test('manifests: YAML syntax error → E_RENDER at file:line:column', async () => {
  const dir = join(FIXTURES, 'bad');
  const err = await run(dir, component('bad', manifests(dir, 'broken.yaml'))).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError);
  assert.equal(err.code, 'E_RENDER');
  assert.equal(err.position?.file, relative(process.cwd(), join(dir, 'broken.yaml')));
  assert.equal(err.position?.line, 10); // where the parser finds the unclosed [ of line 9
  assert.equal(typeof err.position?.column, 'number');
  assert.match(err.message, /component "bad" \(manifest broken\.yaml\): invalid YAML/);
});

test('manifests: a document that is not an object → E_RENDER at its position', async () => {
  const dir = join(FIXTURES, 'bad');
  const err = await run(dir, component('bad', manifests(dir, 'not-object.yaml'))).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError);
  assert.equal(err.code, 'E_RENDER');
  assert.match(err.message, /expected a mapping, found a list/);
  assert.equal(err.position?.line, 6);
  assert.equal(err.position?.column, 1);
});

test('manifests: the same object twice in one component → E_RENDER naming both origins', async () => {
  const dir = join(FIXTURES, 'bad');
  const c = component('dup', {
    kind: 'manifests',
    files: ['x'],
    absFiles: [join(STACK_DIR, 'manifests/app.yaml'), join(dir, 'duplicate.yaml')],
  });
  const err = await run(STACK_DIR, c).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyError);
  assert.equal(err.code, 'E_RENDER');
  assert.equal(
    err.message,
    'component "dup" renders ConfigMap apps/settings twice: from manifests/app.yaml and from ../bad/duplicate.yaml',
  );
});

test('manifests: the same object in two components is not render’s concern', async () => {
  const a = component('a', manifests(STACK_DIR, 'manifests/other-ns.yaml'));
  const b = component('b', manifests(STACK_DIR, 'manifests/other-ns.yaml'));
  const r = await run(STACK_DIR, b, a);
  assert.deepEqual(
    r.components.map((c) => c.name),
    ['a', 'b'],
  );
});

test('render: several failing components → ConvoyErrors in component order; missing file → E_FILE', async () => {
  const dir = join(FIXTURES, 'bad');
  const err = await run(
    dir,
    component('z', manifests(dir, 'not-object.yaml')),
    component('a', manifests(dir, 'broken.yaml')),
    component('m', manifests(dir, 'no-such-file.yaml')),
  ).catch((e: unknown) => e);
  assert.ok(err instanceof ConvoyErrors);
  assert.deepEqual(
    err.errors.map((e) => [e.code, e.message.slice(0, 14)]),
    [
      ['E_RENDER', 'component "a" '],
      ['E_FILE', 'component "m":'],
      ['E_RENDER', 'component "z" '],
    ],
  );
});
