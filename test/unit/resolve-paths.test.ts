import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConvoyError } from '../../src/errors.ts';
import { resolve } from '../../src/resolve/index.ts';
import type { ResolvedComponent } from '../../src/resolve/types.ts';
import { pandaStack } from './support/panda.ts';
import { stackSpec, tempTree } from './support/stack.ts';

const byName = (cs: ResolvedComponent[], name: string) => cs.find((c) => c.name === name);

test('paths: values files absolute, optional ones dropped when missing', () => {
  const stack = pandaStack();
  const files = (environment?: string) => {
    const m = byName(resolve(stack, { environment, env: {} }).components, 'msgsvc');
    return m?.source.kind === 'helm' ? m.source.valuesFiles.map((f) => f.slice(stack.dir.length + 1)) : undefined;
  };
  assert.deepEqual(files(), ['values.yaml'], 'no -e: values-${environment}.yaml? is dropped, not an error');
  assert.deepEqual(files('lsst'), ['values.yaml', 'values/values-lsst.yaml']);
  assert.deepEqual(files('sphenix'), ['values.yaml'], 'values-sphenix.yaml is optional and missing');
});

test('paths: a missing required values file is E_FILE at its entry', () => {
  const dir = tempTree({ 'charts/a/Chart.yaml': '' });
  const stack = stackSpec(
    `components:\n  a:\n    helm:\n      chart: ./charts/a\n      values:\n        - values-\${env.SITE}.yaml\n`,
    dir,
  );
  assert.throws(
    () => resolve(stack, { env: { SITE: 'cern' } }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_FILE' &&
      e.message.startsWith('values file values-cern.yaml does not exist') &&
      e.position?.line === 10 &&
      /append \?/.test(e.fix ?? ''),
  );
});

test('paths: local chart → chartPath; repo and OCI charts have none', () => {
  const dir = tempTree({ 'charts/a/Chart.yaml': '' });
  const stack = stackSpec(
    `components:
  a: {helm: {chart: ./charts/a}}
  b: {helm: {chart: activemq, repo: "https://charts.example.org"}}
  c: {helm: {chart: "oci://registry.example.org/charts/c", version: 1.2.3}}
`,
    dir,
  );
  const r = resolve(stack, { env: {} });
  const chart = (n: string) => {
    const c = byName(r.components, n);
    return c?.source.kind === 'helm' ? c.source.chartPath : 'not helm';
  };
  assert.equal(chart('a'), join(dir, 'charts/a'));
  assert.equal(chart('b'), undefined);
  assert.equal(chart('c'), undefined);
});

test('paths: a missing local chart is E_FILE', () => {
  const stack = stackSpec(`components:\n  a: {helm: {chart: ./charts/nope}}\n`, tempTree({}));
  assert.throws(
    () => resolve(stack, { env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError && e.code === 'E_FILE' && /helm\.repo/.test(e.fix ?? '') && e.position?.line === 6,
  );
});

test('paths: kustomize absPath; missing directory E_FILE', () => {
  const dir = tempTree({ 'k/base/kustomization.yaml': '' });
  const ok = resolve(stackSpec(`components:\n  a: {kustomize: {path: k/base}}\n`, dir), { env: {} });
  const a = ok.components[0];
  assert.ok(a?.source.kind === 'kustomize');
  assert.equal(a.source.absPath, join(dir, 'k/base'));
  assert.throws(
    () => resolve(stackSpec(`components:\n  a: {kustomize: {path: k/nope}}\n`, dir), { env: {} }),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_FILE',
  );
});

test('paths: manifests globs sorted, entries in order, duplicates once', () => {
  const dir = tempTree({ 'm/b.yaml': '', 'm/a.yaml': '', 'm/sub/c.yaml': '', 'first.yaml': '', 'm/notes.txt': '' });
  const stack = stackSpec(
    `components:\n  a: {manifests: {files: [first.yaml, "m/*.yaml", m/a.yaml, "m/**/*.yaml"]}}\n`,
    dir,
  );
  const a = resolve(stack, { env: {} }).components[0];
  assert.ok(a?.source.kind === 'manifests');
  assert.deepEqual(
    a.source.absFiles.map((f) => f.slice(dir.length + 1)),
    ['first.yaml', 'm/a.yaml', 'm/b.yaml', 'm/sub/c.yaml'],
  );
});

test('paths: a manifests glob matching nothing, or a directory, is E_FILE', () => {
  const dir = tempTree({ 'm/a.yaml': '' });
  for (const [entry, fix] of [
    ['"x/*.yaml"', /Fix the path/],
    ['m', /Write m\/\*\.yaml/],
    ['missing.yaml', /Fix the path/],
  ] as const) {
    assert.throws(
      () => resolve(stackSpec(`components:\n  a: {manifests: {files: [${entry}]}}\n`, dir), { env: {} }),
      (e: unknown) => e instanceof ConvoyError && e.code === 'E_FILE' && fix.test(e.fix ?? ''),
      entry,
    );
  }
});

test('paths: resolved stack carries dir, file and name', () => {
  const stack = pandaStack();
  const r = resolve(stack, { env: {} });
  assert.equal(r.dir, stack.dir);
  assert.equal(r.file, join(stack.dir, 'convoy.yaml'));
  assert.equal(r.name, 'panda');
});
