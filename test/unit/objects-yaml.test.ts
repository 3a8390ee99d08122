import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { annotateObject } from '../../src/objects/annotate.ts';
import { normalizeObject } from '../../src/objects/normalize.ts';
import { toYaml } from '../../src/objects/yaml.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const messy = (): KubeObject =>
  ({
    status: {},
    data: { z: '1', a: '2' },
    metadata: {
      uid: 'u',
      annotations: { 'z.io/b': 'x', 'a.io/a': 'y' },
      labels: { zeta: 'z', alpha: 'a' },
      namespace: 'ns',
      name: 'cm',
      finalizers: ['f'],
    },
    kind: 'ConfigMap',
    immutable: true,
    apiVersion: 'v1',
  }) as unknown as KubeObject;

test('normalizeObject: canonical top-level and metadata key order, sorted labels and annotations', () => {
  const n = normalizeObject(messy());
  assert.deepEqual(Object.keys(n), ['apiVersion', 'kind', 'metadata', 'data', 'immutable', 'status']);
  assert.deepEqual(Object.keys(n.metadata), ['name', 'namespace', 'labels', 'annotations', 'finalizers', 'uid']);
  assert.deepEqual(Object.keys(n.metadata.labels ?? {}), ['alpha', 'zeta']);
  assert.deepEqual(Object.keys(n.metadata.annotations ?? {}), ['a.io/a', 'z.io/b']);
  assert.deepEqual(Object.keys(n.data as object), ['z', 'a'], 'nested order is kept');
});

test('normalizeObject does not alias or modify its input', () => {
  const input = messy();
  const n = normalizeObject(input);
  assert.notEqual(n.metadata, input.metadata);
  assert.deepEqual(Object.keys(input)[0], 'status');
});

test('toYaml: documents with ---, no folding, YAML 1.1-ambiguous strings quoted, no aliases', () => {
  const shared = { app: 'x' };
  const long = 'word '.repeat(40).trim();
  const objs: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', labels: shared },
      data: {
        n: '123',
        f: '1.5',
        b: 'on',
        y: 'yes',
        o: '0777',
        e: '1e3',
        t: 'true',
        nul: 'null',
        long,
        multi: 'a\nb\n',
      },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', labels: shared } },
  ];
  const text = toYaml(objs);
  assert.equal(text.split('\n').filter((l) => l === '---').length, 2);
  assert.ok(text.startsWith('---\napiVersion: v1\nkind: ConfigMap\n'));
  for (const quoted of ['"123"', '"1.5"', '"on"', '"yes"', '"0777"', '"1e3"', '"true"', '"null"']) {
    assert.ok(text.includes(quoted), `expected ${quoted} in\n${text}`);
  }
  assert.ok(text.includes(`long: ${long}\n`), 'long lines are not folded');
  assert.ok(text.includes('multi: |\n'), 'multi-line strings are block literals');
  assert.ok(!/[&*]a\d/.test(text), 'no anchors or aliases');
  const back = text
    .split(/^---\n/m)
    .filter(Boolean)
    .map((d) => parse(d, { version: '1.1' }) as KubeObject);
  assert.deepEqual(
    back,
    objs.map((o) => JSON.parse(JSON.stringify(o))),
  );
  assert.equal(toYaml([]), '');
  assert.equal(toYaml(objs), text, 'deterministic');
});

test('annotateObject sets component and origin, keeping other annotations', () => {
  const o: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', annotations: { keep: 'me' } } };
  annotateObject(o, { component: 'panda', origin: 'charts/panda/templates/cm.yaml' });
  assert.deepEqual(o.metadata.annotations, {
    keep: 'me',
    'convoy.dev/component': 'panda',
    'convoy.dev/origin': 'charts/panda/templates/cm.yaml',
  });
});
