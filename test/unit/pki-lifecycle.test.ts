import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  caFromSecretData,
  caSecretData,
  certManagerCertificate,
  certManagerIssuer,
  createCa,
  ensureCa,
  issueLeaf,
  needsRenewal,
  reissueReason,
  serviceDnsNames,
} from '../../src/pki/index.ts';
import type { LeafRequest } from '../../src/pki/index.ts';
import { ConvoyError } from '../../src/errors.ts';
import type { PkiConfig } from '../../src/stack/schema-secrets.ts';
import { opensslDir } from '../fixtures/secrets/openssl.ts';

const dir = opensslDir();
after(() => dir.cleanup());

const NOW = new Date('2026-01-10T12:00:00Z');
const spec: PkiConfig = { commonName: 'Root', validity: '87600h', algorithm: 'ecdsa-p256' };
const request: LeafRequest = {
  commonName: 'web',
  dnsNames: ['web', 'web.shop'],
  ipAddresses: ['::1'],
  usages: ['serverAuth'],
  validitySeconds: 30 * 86400,
};

describe('needsRenewal', () => {
  it('is true from notAfter - renewBefore on', async () => {
    const ca = await createCa('r', spec, { now: NOW });
    const leaf = await issueLeaf(ca, request, NOW); // expires 2026-02-09T12:00:00Z
    const day = 86400;
    assert.equal(needsRenewal(leaf.cert, 7 * day, new Date('2026-02-02T11:59:59Z')), false);
    assert.equal(needsRenewal(leaf.cert, 7 * day, new Date('2026-02-02T12:00:00Z')), true);
    assert.equal(needsRenewal(leaf.cert.toString('pem'), 0, new Date('2026-02-10T00:00:00Z')), true);
  });
});

describe('reissueReason: a live certificate is kept only while it still fits', () => {
  it('keeps, or names why not', async () => {
    const ca = await createCa('r', spec, { now: NOW });
    const pem = (await issueLeaf(ca, request, NOW)).cert.toString('pem');
    assert.equal(await reissueReason(pem, request, ca, 86400, NOW), undefined);
    assert.equal(await reissueReason(pem, { ...request, ipAddresses: ['0:0:0:0:0:0:0:1'] }, ca, 86400, NOW), undefined);
    assert.equal(await reissueReason(undefined, request, ca, 86400, NOW), 'no certificate yet');
    assert.equal(await reissueReason('garbage', request, ca, 86400, NOW), 'the certificate cannot be read');
    assert.equal(await reissueReason(pem, { ...request, dnsNames: ['web'] }, ca, 86400, NOW), 'the DNS names changed');
    assert.equal(
      await reissueReason(pem, { ...request, usages: ['clientAuth'] }, ca, 86400, NOW),
      'the usages changed',
    );
    assert.equal(await reissueReason(pem, { ...request, commonName: 'x' }, ca, 86400, NOW), 'the common name changed');
    assert.match((await reissueReason(pem, request, ca, 40 * 86400, NOW)) ?? '', /within renewBefore/);
    const other = await createCa('r', spec, { now: NOW });
    assert.equal(await reissueReason(pem, request, other, 86400, NOW), 'it was not signed by the current CA');
  });
});

describe('CA kept in a Secret', () => {
  it('round-trips root and intermediate; leaves signed by the read-back CA verify', async () => {
    const ca = await createCa('k', { ...spec, intermediate: { commonName: 'Int', validity: '8760h' } }, { now: NOW });
    const data = await caSecretData(ca);
    assert.deepEqual(Object.keys(data).sort(), ['ca.crt', 'root.key', 'tls.crt', 'tls.key']);
    const back = await caFromSecretData('k', data);
    assert.equal(back.intermediate?.cert.subject, 'CN=Int');
    assert.equal(back.root.cert.subject, 'CN=Root');
    const leaf = await issueLeaf(back, request, NOW);
    const at = String(NOW.getTime() / 1000 + 60);
    const root = dir.write('k-ca.crt', data['ca.crt']!);
    const int = dir.write('k-int.pem', back.intermediate!.cert.toString('pem'));
    const crt = dir.write('k-leaf.pem', leaf.cert.toString('pem'));
    assert.match(dir.run('verify', '-attime', at, '-CAfile', root, '-untrusted', int, crt), /OK/);
  });

  it('ensureCa: the live copy wins over creating a new one', async () => {
    const first = await ensureCa('e', spec, { baseDir: dir.dir, now: NOW });
    assert.equal(first.source, 'created');
    const second = await ensureCa('e', spec, { baseDir: dir.dir, live: first.data });
    assert.equal(second.source, 'kept');
    assert.equal(second.ca.root.cert.serialNumber, first.ca.root.cert.serialNumber);
  });

  it('a damaged CA Secret is an E_KUBE error naming it and the fix', async () => {
    await assert.rejects(caFromSecretData('d', { 'ca.crt': Buffer.from('x') }), (e: unknown) => {
      assert.ok(e instanceof ConvoyError);
      assert.equal(e.code, 'E_KUBE');
      assert.match(e.format(), /CA secret d-ca: tls\.crt or tls\.key is missing/);
      assert.match(e.format(), /fix: .*kubectl delete secret d-ca/);
      return true;
    });
  });
});

describe('external CA from files', () => {
  it('signs leaves with an openssl-made CA (EC and RSA)', async () => {
    for (const kind of ['ec', 'rsa'] as const) {
      const key = `ext-${kind}.key`;
      const newkey = kind === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
      dir.run(
        'req',
        '-x509',
        ...newkey,
        '-nodes',
        '-keyout',
        key,
        '-out',
        `ext-${kind}.crt`,
        '-days',
        '30',
        '-subj',
        '/CN=Ext CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      );
      const ensured = await ensureCa(
        'ext',
        { ...spec, external: { cert: `ext-${kind}.crt`, key } },
        { baseDir: dir.dir },
      );
      assert.equal(ensured.source, 'external');
      assert.equal(ensured.ca.algorithm, kind === 'ec' ? 'ecdsa-p256' : 'rsa-2048');
      const leaf = await issueLeaf(ensured.ca, { ...request, validitySeconds: 3600 });
      const crt = dir.write(`ext-${kind}-leaf.pem`, leaf.cert.toString('pem'));
      assert.match(dir.run('verify', '-CAfile', `ext-${kind}.crt`, crt), /OK/);
    }
  });

  it('a missing file is E_FILE naming the pki entry and the path', async () => {
    await assert.rejects(
      ensureCa('corp', { ...spec, external: { cert: 'nope.crt', key: 'nope.key' } }, { baseDir: dir.dir }),
      (e: unknown) =>
        e instanceof ConvoyError && e.code === 'E_FILE' && /pki corp: cannot read nope\.crt/.test(e.message),
    );
  });
});

describe('SANs from Services', () => {
  it('name, name.ns, name.ns.svc, name.ns.svc.cluster.local for each Service', () => {
    const objects = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api-headless' } },
    ];
    assert.deepEqual(serviceDnsNames(objects, 'dflt'), [
      'api',
      'api.shop',
      'api.shop.svc',
      'api.shop.svc.cluster.local',
      'api-headless',
      'api-headless.dflt',
      'api-headless.dflt.svc',
      'api-headless.dflt.svc.cluster.local',
    ]);
  });
});

describe('cert-manager mode', () => {
  it('emits a CA Issuer and a Certificate', () => {
    assert.deepEqual(certManagerIssuer('canton-ca', 'Issuer', 'canton'), {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'canton-ca', namespace: 'canton' },
      spec: { ca: { secretName: 'canton-ca-ca' } },
    });
    assert.deepEqual(certManagerIssuer('x', 'ClusterIssuer', 'ignored').metadata, { name: 'x' });
    const cert = certManagerCertificate({
      secretName: 'web-tls',
      namespace: 'shop',
      issuer: { name: 'x', kind: 'ClusterIssuer' },
      request: { ...request, usages: ['serverAuth', 'clientAuth'] },
      renewBefore: '720h',
      algorithm: 'rsa-3072',
    });
    assert.deepEqual(cert.spec, {
      secretName: 'web-tls',
      commonName: 'web',
      duration: '2592000s',
      renewBefore: '720h',
      usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'],
      privateKey: { algorithm: 'RSA', size: 3072, encoding: 'PKCS8' },
      issuerRef: { name: 'x', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      dnsNames: ['web', 'web.shop'],
      ipAddresses: ['::1'],
    });
  });
});
