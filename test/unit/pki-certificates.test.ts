import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createCa, issueLeaf, leafSecretData } from '../../src/pki/index.ts';
import type { LeafRequest } from '../../src/pki/index.ts';
import type { PkiConfig } from '../../src/stack/schema-secrets.ts';
import { opensslDir } from '../fixtures/secrets/openssl.ts';

const dir = opensslDir();
after(() => dir.cleanup());

const NOW = new Date('2026-01-10T12:00:00Z');

function pki(over: Partial<PkiConfig> = {}): PkiConfig {
  return { commonName: 'Test Root', validity: '87600h', algorithm: 'ecdsa-p256', ...over };
}

const request: LeafRequest = {
  commonName: 'participant',
  dnsNames: ['participant', 'participant.canton', 'participant.canton.svc', 'participant.canton.svc.cluster.local'],
  ipAddresses: ['10.1.2.3', '2001:db8::7'],
  usages: ['serverAuth', 'clientAuth'],
  validitySeconds: 87600 * 3600,
};

describe('pki: root + intermediate + leaf verified by openssl', () => {
  for (const algorithm of ['ecdsa-p256', 'rsa-2048'] as const) {
    it(`${algorithm}: chain verifies, SANs, usages and validity are as asked`, async () => {
      const ca = await createCa(
        'canton',
        pki({ algorithm, intermediate: { commonName: 'Test Int', validity: '87600h' } }),
        {
          now: NOW,
        },
      );
      const leaf = await issueLeaf(ca, request, NOW);
      const data = await leafSecretData(leaf, ca, ['pem', 'der']);
      const p = `${algorithm}-`;
      const root = dir.write(`${p}ca.crt`, data['ca.crt']!);
      const int = dir.write(`${p}int.pem`, ca.intermediate!.cert.toString('pem'));
      const crt = dir.write(`${p}tls.crt`, data['tls.crt']!);
      // -attime: the certificates are issued at NOW, in the past or future of the test run.
      const at = String(NOW.getTime() / 1000 + 60);
      assert.match(dir.run('verify', '-attime', at, '-CAfile', root, '-untrusted', int, crt), /: OK/);
      const chain = dir.write(`${p}chain.pem`, data['chain.pem']!);
      assert.match(dir.run('verify', '-attime', at, '-CAfile', root, '-untrusted', chain, crt), /: OK/);
      // openssl verify -purpose checks the EKU
      assert.match(
        dir.run('verify', '-attime', at, '-purpose', 'sslserver', '-CAfile', root, '-untrusted', int, crt),
        /OK/,
      );
      assert.match(
        dir.run('verify', '-attime', at, '-purpose', 'sslclient', '-CAfile', root, '-untrusted', int, crt),
        /OK/,
      );

      const text = dir.run(
        'x509',
        '-in',
        crt,
        '-noout',
        '-ext',
        'subjectAltName,extendedKeyUsage,basicConstraints,keyUsage',
        '-dates',
        '-subject',
      );
      for (const name of request.dnsNames) assert.match(text, new RegExp(`DNS:${name.replaceAll('.', '\\.')}(,|\\n)`));
      assert.match(text, /IP Address:10\.1\.2\.3/);
      assert.match(text, /IP Address:2001:DB8:0:0:0:0:0:7/);
      assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/);
      assert.match(text, /CA:FALSE/);
      assert.match(text, algorithm === 'rsa-2048' ? /Digital Signature, Key Encipherment/ : /Digital Signature\n/);
      assert.match(text, /notBefore=Jan 10 12:00:00 2026 GMT/);
      assert.match(text, /notAfter=Jan {2}8 12:00:00 2036 GMT/); // 87600h = 3650 days
      assert.match(text, /subject=CN\s*=\s*participant/);

      // the private key belongs to the certificate
      const key = dir.write(`${p}tls.key`, data['tls.key']!);
      const certPub = dir.run('x509', '-in', crt, '-noout', '-pubkey');
      const keyPub = dir.run('pkey', '-in', key, '-pubout');
      assert.equal(keyPub, certPub);

      // DER outputs parse and match the PEM ones
      const der = dir.write(`${p}tls.der`, data['tls.der']!);
      assert.match(dir.run('x509', '-inform', 'DER', '-in', der, '-noout', '-subject'), /CN\s*=\s*participant/);
      const caDer = dir.write(`${p}ca.der`, data['ca.der']!);
      assert.match(dir.run('x509', '-inform', 'DER', '-in', caDer, '-noout', '-subject'), /CN\s*=\s*Test Root/);
      const keyDer = dir.write(`${p}tls.key.der`, data['tls.key.der']!);
      assert.equal(dir.run('pkey', '-inform', 'DER', '-in', keyDer, '-pubout'), certPub);
    });
  }

  it('root CA and intermediate carry CA extensions; the leaf cannot outlive its signer', async () => {
    const ca = await createCa('c', pki({ validity: '48h', intermediate: { commonName: 'Int', validity: '87600h' } }), {
      now: NOW,
    });
    const root = dir.write('c-root.pem', ca.root.cert.toString('pem'));
    const rootText = dir.run('x509', '-in', root, '-noout', '-ext', 'basicConstraints,keyUsage,subjectKeyIdentifier');
    assert.match(rootText, /critical\s+CA:TRUE/);
    assert.match(rootText, /Certificate Sign, CRL Sign/);
    const int = dir.write('c-int.pem', ca.intermediate!.cert.toString('pem'));
    const intText = dir.run(
      'x509',
      '-in',
      int,
      '-noout',
      '-ext',
      'basicConstraints,authorityKeyIdentifier',
      '-enddate',
    );
    assert.match(intText, /CA:TRUE, pathlen:0/);
    assert.match(intText, /notAfter=Jan 12 12:00:00 2026 GMT/); // clamped to the root's 48h
    const leaf = await issueLeaf(ca, { ...request, validitySeconds: 10 * 86400 }, NOW);
    assert.equal(leaf.cert.notAfter.toISOString(), '2026-01-12T12:00:00.000Z');
  });

  it('RSA 3072 and 4096 keys have the asked modulus', { timeout: 120_000 }, async () => {
    for (const bits of [3072, 4096] as const) {
      const ca = await createCa('r', pki({ algorithm: `rsa-${bits}` }), { now: NOW });
      const leaf = await issueLeaf(ca, { ...request, validitySeconds: 3600 }, NOW);
      const data = await leafSecretData(leaf, ca, ['pem']);
      const key = dir.write(`r${bits}.key`, data['tls.key']!);
      assert.match(dir.run('pkey', '-in', key, '-noout', '-text'), new RegExp(`Private-Key: \\(${bits} bit`));
    }
  });

  it('serial numbers are random and positive', async () => {
    const ca = await createCa('s', pki(), { now: NOW });
    const a = await issueLeaf(ca, request, NOW);
    const b = await issueLeaf(ca, request, NOW);
    assert.notEqual(a.cert.serialNumber, b.cert.serialNumber);
    assert.ok(Number.parseInt(a.cert.serialNumber.slice(0, 2), 16) < 0x80);
  });
});
