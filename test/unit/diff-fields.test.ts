import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { diffFields, type FieldChange } from '../../src/plan/diff-fields.ts';
import { redactChanges, redactValue } from '../../src/plan/diff-redact.ts';

const deployment = (replicas: number, image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    labels: { 'app.kubernetes.io/name': 'web' },
    resourceVersion: '100',
    generation: 3,
    uid: 'u-1',
    creationTimestamp: '2025-01-01T00:00:00Z',
    managedFields: [{ manager: 'convoy' }],
  },
  spec: {
    replicas,
    template: {
      spec: {
        containers: [
          { name: 'web', image, ports: [{ containerPort: 80 }] },
          { name: 'sidecar', image: 'envoy:1' },
        ],
      },
    },
  },
  status: { replicas: 1 },
  ...extra,
});

describe('diffFields', () => {
  const cases: { name: string; before: unknown; after: unknown; want: FieldChange[] }[] = [
    {
      name: 'equal objects',
      before: deployment(1, 'nginx:1'),
      after: deployment(1, 'nginx:1'),
      want: [],
    },
    {
      name: 'volatile metadata and status are ignored',
      before: deployment(1, 'nginx:1'),
      after: {
        ...deployment(1, 'nginx:1'),
        metadata: {
          ...deployment(1, 'nginx:1').metadata,
          resourceVersion: '101',
          generation: 4,
          managedFields: [],
          uid: 'u-2',
          creationTimestamp: 'x',
        },
        status: { replicas: 2 },
      },
      want: [],
    },
    {
      name: 'a scalar',
      before: deployment(1, 'nginx:1'),
      after: deployment(2, 'nginx:1'),
      want: [{ path: 'spec.replicas', before: 1, after: 2 }],
    },
    {
      name: 'list items keyed by name',
      before: deployment(1, 'nginx:1'),
      after: deployment(1, 'nginx:2'),
      want: [{ path: 'spec.template.spec.containers[name=web].image', before: 'nginx:1', after: 'nginx:2' }],
    },
    {
      name: 'keys with dots and slashes are bracketed; added and removed fields',
      before: { metadata: { labels: { 'app.kubernetes.io/name': 'web', old: 'x' } } },
      after: { metadata: { labels: { 'app.kubernetes.io/name': 'api' }, annotations: { a: 'b' } } },
      want: [
        { path: 'metadata.annotations', after: { a: 'b' } },
        { path: 'metadata.labels["app.kubernetes.io/name"]', before: 'web', after: 'api' },
        { path: 'metadata.labels.old', before: 'x' },
      ],
    },
    {
      name: 'lists without names by index',
      before: { spec: { args: ['a', 'b'] } },
      after: { spec: { args: ['a', 'c', 'd'] } },
      want: [
        { path: 'spec.args[1]', before: 'b', after: 'c' },
        { path: 'spec.args[2]', after: 'd' },
      ],
    },
    {
      name: 'named items added and removed',
      before: { env: [{ name: 'A', value: '1' }] },
      after: { env: [{ name: 'B', value: '2' }] },
      want: [
        { path: 'env[name=A]', before: { name: 'A', value: '1' } },
        { path: 'env[name=B]', after: { name: 'B', value: '2' } },
      ],
    },
    {
      name: 'type change of a field',
      before: { spec: { x: { a: 1 } } },
      after: { spec: { x: [1] } },
      want: [{ path: 'spec.x', before: { a: 1 }, after: [1] }],
    },
    {
      name: 'key order does not matter',
      before: { a: 1, b: { c: 2, d: 3 } },
      after: { b: { d: 3, c: 2 }, a: 1 },
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(diffFields(c.before, c.after), c.want));
  }
});

describe('redactChanges', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);
  const secret = { apiVersion: 'v1', kind: 'Secret' };

  it('replaces data values by a hash of the decoded bytes', () => {
    const before = Buffer.from('hunter2').toString('base64');
    const after = Buffer.from('correct horse').toString('base64');
    const out = redactChanges(secret, [{ path: 'data.password', before, after }]);
    assert.deepEqual(out, [
      {
        path: 'data.password',
        before: `<redacted sha256:${sha('hunter2')}…>`,
        after: `<redacted sha256:${sha('correct horse')}…>`,
      },
    ]);
    assert.equal(JSON.stringify(out).includes(before), false);
  });

  it('stringData and data of the same value redact the same', () => {
    assert.equal(redactValue('s3cret', 'utf8'), redactValue(Buffer.from('s3cret').toString('base64'), 'base64'));
  });

  it('redacts whole maps, bracketed keys and the last-applied annotation', () => {
    const out = redactChanges(secret, [
      { path: 'data', after: { 'tls.crt': 'YQ==', key: 'Yg==' } },
      { path: 'stringData["a.b"]', before: 'plain' },
      {
        path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
        after: '{"data":{"x":"c2VjcmV0"}}',
      },
      {
        path: 'metadata.annotations',
        after: { 'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}', a: 'b' },
      },
      { path: 'metadata.labels.app', before: 'a', after: 'b' },
    ]);
    const text = JSON.stringify(out);
    for (const raw of ['YQ==', 'Yg==', 'plain', 'c2VjcmV0', '{\\"x\\":1}'])
      assert.equal(text.includes(raw), false, raw);
    assert.deepEqual(out[0], {
      path: 'data',
      after: { 'tls.crt': `<redacted sha256:${sha('a')}…>`, key: `<redacted sha256:${sha('b')}…>` },
    });
    assert.deepEqual(out[3]?.after, {
      'kubectl.kubernetes.io/last-applied-configuration': `<redacted sha256:${sha('{"x":1}')}…>`,
      a: 'b',
    });
    assert.deepEqual(out[4], { path: 'metadata.labels.app', before: 'a', after: 'b' });
  });

  it('leaves other kinds alone (ConfigMap data is not secret)', () => {
    const changes = [{ path: 'data.a', before: 'x', after: 'y' }];
    assert.deepEqual(redactChanges({ apiVersion: 'v1', kind: 'ConfigMap' }, changes), changes);
  });
});
