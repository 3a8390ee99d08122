import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConvoyError } from '../../src/errors.ts';
import { createCa } from '../../src/pki/index.ts';
import type { CaMaterial } from '../../src/pki/index.ts';
import {
  buildSecrets,
  CHARSETS,
  decodeSecretData,
  generateValue,
  randomString,
  rotate,
  type BuiltSecret,
  type SecretBuildContext,
} from '../../src/secrets/index.ts';
import { SecretsSection } from '../../src/stack/schema-secrets.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/secrets/', import.meta.url));
const HALO = join(FIXTURES, 'halo');

/** Parses a `spec.secrets` section with the schema (defaults applied). */
const secrets = (input: unknown) => SecretsSection.parse(input);
const ctx = (over: Partial<SecretBuildContext> = {}): SecretBuildContext => ({
  baseDir: FIXTURES,
  namespace: 'halo',
  env: {},
  ...over,
});
const byName = (list: BuiltSecret[], name: string): BuiltSecret => list.find((s) => s.name === name)!;

async function rejectsWith(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ConvoyError, String(e));
    assert.equal(e.code, code);
    assert.match(e.format(), pattern);
    return true;
  });
}

describe('generated values', () => {
  it('have the asked length and charset', () => {
    const v = (spec: object) => generateValue(SecretsSection.parse({ s: { generate: { k: spec } } }).s!.generate!.k!);
    assert.match(v({ length: 40 }).toString(), /^[A-Za-z0-9!*+\-.=^_~]{40}$/);
    assert.match(v({ kind: 'token', length: 20 }).toString(), /^[A-Za-z0-9]{20}$/);
    assert.match(v({ kind: 'password', length: 16, charset: 'hex' }).toString(), /^[0-9a-f]{16}$/);
    assert.match(
      v({ kind: 'uuid' }).toString(),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(v({ kind: 'bytes', length: 32 }).length, 32);
    assert.match(v({ kind: 'bytes', length: 32, charset: 'hex' }).toString(), /^[0-9a-f]{64}$/);
    assert.equal(Buffer.from(v({ kind: 'bytes', length: 32, charset: 'base64' }).toString(), 'base64').length, 32);
  });

  it('draw every character about equally often (no modulo bias)', () => {
    const charset = CHARSETS['alnum-symbols'];
    const n = 71 * 2000;
    const counts = new Map<string, number>();
    for (const c of randomString(n, charset)) counts.set(c, (counts.get(c) ?? 0) + 1);
    assert.equal(counts.size, charset.length);
    const expected = n / charset.length;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    assert.ok(chi2 < 140, `chi² ${chi2.toFixed(1)} for 70 degrees of freedom`); // p < 1e-5 of a false alarm
  });
});

describe('stable values: the live Secret is the source of truth', () => {
  const spec = secrets({
    'panda-db': { generate: { password: { length: 32 }, 'api-key': { kind: 'token', length: 24 } }, longLived: true },
  });

  it('three applies give identical values; rotate changes exactly the one key', async () => {
    const first = byName(await buildSecrets(spec, ctx()), 'panda-db');
    assert.deepEqual(first.fresh, ['api-key', 'password']);
    const live = new Map([['panda-db', decodeSecretData(first.object)]]);
    const second = byName(await buildSecrets(spec, ctx({ live })), 'panda-db');
    const third = byName(
      await buildSecrets(spec, ctx({ live: new Map([['panda-db', decodeSecretData(second.object)]]) })),
      'panda-db',
    );
    assert.deepEqual(second.object, first.object);
    assert.deepEqual(third.object, first.object);
    assert.deepEqual(third.kept, ['api-key', 'password']);
    assert.equal(first.object.metadata.annotations?.['convoy.dev/long-lived'], 'true');

    const rotated = byName(
      await buildSecrets(spec, ctx({ live, rotations: [rotate('panda-db', 'password')] })),
      'panda-db',
    );
    assert.notEqual(rotated.data['password']!.toString(), first.data['password']!.toString());
    assert.equal(rotated.data['api-key']!.toString(), first.data['api-key']!.toString());
    assert.deepEqual(rotated.fresh, ['password']);
  });
});

describe('files, env, registry credentials and bundles', () => {
  it('builds the Halo duchy secret: files by dir and key=path, DER intact, trust bundle, hashed name', async () => {
    const spec = secrets({
      'certs-and-configs': {
        files: { dir: 'halo', list: ['worker2_cs_private.der=halo/worker2_cs_cert.der'] },
        bundle: {
          key: 'all_root_certs.pem',
          sources: [{ file: 'halo/aggregator_root.pem' }, { file: 'halo/worker1_root.pem' }],
        },
        hashSuffix: true,
      },
    });
    const [built] = await buildSecrets(spec, ctx());
    assert.ok(built);
    assert.deepEqual(Object.keys(built.data).sort(), [
      'aggregator_root.pem',
      'all_root_certs.pem',
      'duchy_cert_config.textproto',
      'worker1_root.pem',
      'worker2_cs_cert.der',
      'worker2_cs_private.der',
    ]);
    assert.deepEqual(built.data['worker2_cs_cert.der'], readFileSync(join(HALO, 'worker2_cs_cert.der')));
    assert.equal(
      built.data['all_root_certs.pem']!.toString(),
      '-----BEGIN CERTIFICATE-----\nMIIBroot1\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIBroot2\n-----END CERTIFICATE-----\n',
    );
    assert.match(built.object.metadata.name!, /^certs-and-configs-[a-z0-9]{10}$/);
    assert.deepEqual(built.rename, {
      kind: 'Secret',
      namespace: 'halo',
      from: 'certs-and-configs',
      to: built.object.metadata.name,
    });
  });

  it('env: required variables must be set, optional ones may be missing', async () => {
    const spec = secrets({
      orchestrate: { env: { 'api-key': { var: 'ORCH_API_KEY' }, extra: { var: 'ORCH_EXTRA', optional: true } } },
    });
    const [built] = await buildSecrets(spec, ctx({ env: { ORCH_API_KEY: 'k-123' } }));
    assert.deepEqual(Object.keys(built!.data), ['api-key']);
    await rejectsWith(
      buildSecrets(spec, ctx()),
      'E_REFERENCE',
      /secret orchestrate: environment variable ORCH_API_KEY is not set[^]*fix: export ORCH_API_KEY=…/,
    );
  });

  it('dockerconfigjson from env and another secret', async () => {
    const spec = secrets({
      'registry-token': { generate: { token: { kind: 'token', length: 10 } } },
      'pull-secret': {
        dockerconfigjson: {
          registry: 'ghcr.io',
          username: { env: 'REG_USER' },
          password: { secret: 'registry-token', key: 'token' },
        },
      },
    });
    const built = await buildSecrets(spec, ctx({ env: { REG_USER: 'bot' } }));
    const pull = byName(built, 'pull-secret');
    const token = byName(built, 'registry-token').data['token']!.toString();
    assert.equal(pull.object['type'], 'kubernetes.io/dockerconfigjson');
    assert.deepEqual(JSON.parse(pull.data['.dockerconfigjson']!.toString()), {
      auths: { 'ghcr.io': { username: 'bot', password: token, auth: Buffer.from(`bot:${token}`).toString('base64') } },
    });
  });

  it('bad input names the secret and the fix', async () => {
    await rejectsWith(
      buildSecrets(secrets({ s: { files: { list: ['nope.pem'] } } }), ctx()),
      'E_FILE',
      /secret s: cannot read file nope\.pem/,
    );
    await rejectsWith(
      buildSecrets(secrets({ s: { files: { dir: 'missing' } } }), ctx()),
      'E_FILE',
      /secret s: cannot read directory missing/,
    );
    await rejectsWith(
      buildSecrets(
        secrets({
          s: {
            files: { list: ['halo/worker1_root.pem'] },
            bundle: { key: 'worker1_root.pem', sources: [{ file: 'halo/worker1_root.pem' }] },
          },
        }),
        ctx(),
      ),
      'E_DUPLICATE',
      /key "worker1_root\.pem" comes from both files and bundle/,
    );
    await rejectsWith(
      buildSecrets(secrets({ s: { files: { list: ['a b=halo/worker1_root.pem'] } } }), ctx()),
      'E_NAME',
      /"a b"/,
    );
    await rejectsWith(
      buildSecrets(
        secrets({
          a: { bundle: { key: 'k', sources: [{ secret: 'b', key: 'k' }] } },
          b: { bundle: { key: 'k', sources: [{ secret: 'a', key: 'k' }] } },
        }),
        ctx(),
      ),
      'E_CYCLE',
      /a → b → a/,
    );
    await rejectsWith(
      buildSecrets(secrets({ s: { generate: { p: {} }, hashSuffix: true } }), ctx()),
      'E_SCHEMA',
      /hashSuffix/,
    );
    await rejectsWith(
      buildSecrets(secrets({ t: { certificate: { issuer: 'nope' } } }), ctx({ cas: new Map() })),
      'E_REFERENCE',
      /certificate issuer "nope" is not a pki entry[^]*fix: Add "nope" under spec\.pki/,
    );
  });
});

describe('certificates in secrets', () => {
  const NOW = new Date('2026-03-01T00:00:00Z');
  const services = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'participant' } }];
  const spec = secrets({
    'participant-tls': {
      certificate: {
        issuer: 'canton',
        component: 'participant',
        dnsNames: ['canton.example'],
        validity: '87600h',
        formats: ['pem', 'der'],
      },
    },
  });

  it('issued once, kept while valid, re-issued on rotate or CA change', async () => {
    const ca: CaMaterial = await createCa(
      'canton',
      { commonName: 'Canton', validity: '87600h', algorithm: 'ecdsa-p256' },
      { now: NOW },
    );
    const base = ctx({
      namespace: 'canton',
      cas: new Map([['canton', ca]]),
      componentObjects: (c) => (c === 'participant' ? services : undefined),
      now: NOW,
    });
    const [first] = await buildSecrets(spec, base);
    assert.deepEqual(first!.certificate, { issued: true, reason: 'no certificate yet' });
    assert.equal(first!.object['type'], 'kubernetes.io/tls');
    assert.deepEqual(Object.keys(first!.data).sort(), [
      'ca.crt',
      'ca.der',
      'chain.pem',
      'tls.crt',
      'tls.der',
      'tls.key',
      'tls.key.der',
    ]);
    const live = new Map([['participant-tls', first!.data]]);
    const [second] = await buildSecrets(spec, { ...base, live });
    assert.deepEqual(second!.certificate, { issued: false });
    assert.deepEqual(second!.object, first!.object);
    const [third] = await buildSecrets(spec, { ...base, live, rotations: [rotate('participant-tls')] });
    assert.deepEqual(third!.certificate, { issued: true, reason: 'rotated' });
    const other = await createCa(
      'canton',
      { commonName: 'Canton', validity: '87600h', algorithm: 'ecdsa-p256' },
      { now: NOW },
    );
    const [fourth] = await buildSecrets(spec, { ...base, live, cas: new Map([['canton', other]]) });
    assert.deepEqual(fourth!.certificate, { issued: true, reason: 'it was not signed by the current CA' });
  });

  it('cert-manager mode emits a Certificate instead of a Secret', async () => {
    const ca = await createCa(
      'canton',
      { commonName: 'Canton', validity: '87600h', algorithm: 'ecdsa-p256' },
      { now: NOW },
    );
    const [built] = await buildSecrets(
      spec,
      ctx({
        namespace: 'canton',
        cas: new Map([['canton', ca]]),
        pki: {
          canton: {
            commonName: 'Canton',
            validity: '87600h',
            algorithm: 'ecdsa-p256',
            certManager: { issuerKind: 'ClusterIssuer' },
          },
        },
        componentObjects: () => services,
      }),
    );
    assert.equal(built!.object.kind, 'Certificate');
    assert.deepEqual((built!.object['spec'] as { dnsNames: string[] }).dnsNames, [
      'participant',
      'participant.canton',
      'participant.canton.svc',
      'participant.canton.svc.cluster.local',
      'canton.example',
    ]);
  });

  it('a component without Services is an E_REFERENCE error', async () => {
    const ca = await createCa('canton', { commonName: 'C', validity: '1h', algorithm: 'ecdsa-p256' });
    await rejectsWith(
      buildSecrets(spec, ctx({ cas: new Map([['canton', ca]]), componentObjects: () => [] })),
      'E_REFERENCE',
      /component participant has no Service/,
    );
  });
});
