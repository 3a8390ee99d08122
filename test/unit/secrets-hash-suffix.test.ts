import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/objects/types.ts';
import { kustomizeEncode, kustomizeHash, rewriteReferences, withHashSuffix } from '../../src/secrets/index.ts';

const obj = (yaml: string): KubeObject => parse(yaml) as KubeObject;

describe('kustomizeHash: the test vectors of sigs.k8s.io/kustomize/api/hasher', () => {
  const cases: [string, string, string][] = [
    ['ConfigMap, no data', 'apiVersion: v1\nkind: ConfigMap', '6ct58987ht'],
    ['ConfigMap, one key', 'apiVersion: v1\nkind: ConfigMap\ndata: {one: ""}', '9g67k2htb6'],
    ['ConfigMap, binaryData', 'apiVersion: v1\nkind: ConfigMap\nbinaryData: {one: ""}', '6mtk2m274t'],
    [
      'ConfigMap, data and binaryData',
      'apiVersion: v1\nkind: ConfigMap\ndata: {one: ""}\nbinaryData: {two: ""}',
      '698h7c7t9m',
    ],
    ['Secret, no data', 'apiVersion: v1\nkind: Secret\ntype: my-type', '5gmgkf8578'],
    ['Secret, one key', 'apiVersion: v1\nkind: Secret\ntype: my-type\ndata: {one: ""}', '74bd68bm66'],
    [
      'Secret, stringData',
      'apiVersion: v1\nkind: Secret\ntype: my-type\ndata: {one: ""}\nstringData: {two: 2}',
      'c4h4264gdb',
    ],
  ];
  for (const [name, yaml, hash] of cases) it(name, () => assert.equal(kustomizeHash(obj(yaml)), hash));

  it('encodes like Go json.Marshal (sorted keys, HTML-safe escapes)', () => {
    assert.equal(
      kustomizeEncode(obj('apiVersion: v1\nkind: Secret\ntype: my-type')),
      '{"data":"","kind":"Secret","name":"","type":"my-type"}',
    );
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { b: '<a&b>\u2028', a: 'x' } };
    assert.equal(
      kustomizeEncode(cm),
      '{"data":{"a":"x","b":"\\u003ca\\u0026b\\u003e\\u2028"},"kind":"ConfigMap","name":""}',
    );
  });

  it('the name never enters the hash (as in kustomize, whose lookup of "metadata/name" finds nothing)', () => {
    const a = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, type: 'Opaque', data: { k: 'dg==' } };
    assert.equal(kustomizeHash(a), kustomizeHash({ ...a, metadata: { name: 'b' } }));
    assert.notEqual(kustomizeHash(a), kustomizeHash({ ...a, data: { k: 'dw==' } }));
  });
});

const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return 'kubectl';
  } catch {
    return undefined;
  }
})();

describe(
  'kustomizeHash agrees with the real kustomize (kubectl kustomize)',
  { skip: kubectl ? false : 'kubectl not on PATH (source tools/env.sh)' },
  () => {
    it('secretGenerator and configMapGenerator names', () => {
      const dir = mkdtempSync(join(tmpdir(), 'convoy-kust-'));
      try {
        writeFileSync(join(dir, 'a.pem'), '-----BEGIN CERTIFICATE-----\nMIIB<&>\n-----END CERTIFICATE-----\n');
        writeFileSync(join(dir, 'conf.textproto'), 'name: "duchy"\nurl: "https://x?a=1&b=2"\n');
        writeFileSync(
          join(dir, 'kustomization.yaml'),
          [
            'secretGenerator:',
            '- name: certs-and-configs',
            '  files: [a.pem, conf.textproto]',
            'configMapGenerator:',
            '- name: config-files',
            '  files: [conf.textproto]',
            '',
          ].join('\n'),
        );
        const out = execFileSync(kubectl!, ['kustomize', dir], { encoding: 'utf8' });
        const docs = parseAllDocuments(out).map((d) => d.toJS() as KubeObject);
        for (const generated of docs) {
          const name = generated.metadata.name!;
          const base = name.slice(0, name.lastIndexOf('-'));
          const ours = withHashSuffix({ ...generated, metadata: { ...generated.metadata, name: base } }, 'default');
          assert.equal(ours.object.metadata.name, name, `${generated.kind} ${base}`);
        }
        assert.equal(docs.length, 2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

describe('rewriteReferences', () => {
  const podSpec = (secret: string, cm: string) => ({
    imagePullSecrets: [{ name: secret }],
    initContainers: [{ name: 'i', envFrom: [{ secretRef: { name: secret } }] }],
    containers: [
      {
        name: 'c',
        env: [
          { name: 'A', valueFrom: { secretKeyRef: { name: secret, key: 'a' } } },
          { name: 'B', valueFrom: { configMapKeyRef: { name: cm, key: 'b' } } },
          { name: 'C', value: secret },
        ],
        envFrom: [{ configMapRef: { name: cm } }],
      },
    ],
    volumes: [
      { name: 'v1', secret: { secretName: secret } },
      { name: 'v2', configMap: { name: cm } },
      { name: 'v3', projected: { sources: [{ secret: { name: secret } }, { configMap: { name: cm } }] } },
    ],
  });
  const workloads = (s: string, c: string, ns = 'halo'): KubeObject[] => [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: ns },
      spec: { template: { spec: podSpec(s, c) } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's', namespace: ns },
      spec: { template: { spec: podSpec(s, c) } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds', namespace: ns },
      spec: { template: { spec: podSpec(s, c) } },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: ns },
      spec: { template: { spec: podSpec(s, c) } },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj', namespace: ns },
      spec: { jobTemplate: { spec: { template: { spec: podSpec(s, c) } } } },
    },
    {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 'pt', namespace: ns },
      template: { spec: podSpec(s, c) },
    },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns }, spec: podSpec(s, c) },
  ];

  it('rewrites every reference in every workload kind, and nothing else', () => {
    const input = workloads('certs', 'config');
    const before = structuredClone(input);
    const out = rewriteReferences(
      input,
      [
        { kind: 'Secret', namespace: 'halo', from: 'certs', to: 'certs-abc' },
        { kind: 'ConfigMap', namespace: 'halo', from: 'config', to: 'config-xyz' },
      ],
      'default',
    );
    const expected = workloads('certs-abc', 'config-xyz');
    // a plain env value that happens to equal the name is not a reference
    for (const o of expected) {
      const spec = JSON.stringify(o).replace('"value":"certs-abc"', '"value":"certs"');
      Object.assign(o, JSON.parse(spec));
    }
    assert.deepEqual(out, expected);
    assert.deepEqual(input, before, 'inputs are not modified');
  });

  it('only in the rename namespace, and only the right kind', () => {
    const other = workloads('certs', 'certs', 'elsewhere');
    const out = rewriteReferences(
      other,
      [{ kind: 'Secret', namespace: 'halo', from: 'certs', to: 'certs-abc' }],
      'default',
    );
    assert.equal(out[0], other[0], 'unchanged objects keep their identity');
    const inHalo = rewriteReferences(
      workloads('x', 'certs'),
      [{ kind: 'Secret', namespace: 'halo', from: 'certs', to: 'n' }],
      'd',
    );
    assert.doesNotMatch(JSON.stringify(inHalo), /"n"/);
  });
});
