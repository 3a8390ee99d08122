/**
 * A leaf certificate as secret data. Keys (PEM): `tls.crt` (leaf then intermediate: what a
 * server presents, cert-manager's convention), `tls.key` (PKCS#8), `ca.crt` (the root, the
 * trust anchor), `chain.pem` (leaf, intermediate, root). Keys (DER): `tls.der` (leaf only),
 * `tls.key.der` (PKCS#8), `ca.der` (root). The secret type stays `kubernetes.io/tls`
 * whenever PEM is asked for (it requires tls.crt and tls.key).
 */
import { privateKeyToDer, privateKeyToPem } from './crypto.ts';
import { joinPem } from './pem.ts';
import type { CaMaterial, CertAndKey, CertFormat } from './types.ts';

/** Secret keys written for a certificate, by format. */
export const CERT_KEYS = {
  pem: ['tls.crt', 'tls.key', 'ca.crt', 'chain.pem'],
  der: ['tls.der', 'tls.key.der', 'ca.der'],
} as const;

/** Secret data (key → bytes) of a leaf and its CA in the formats asked for. */
export async function leafSecretData(
  leaf: CertAndKey,
  ca: CaMaterial,
  formats: readonly CertFormat[],
): Promise<Record<string, Buffer>> {
  const data: Record<string, Buffer> = {};
  const leafPem = leaf.cert.toString('pem');
  const rootPem = ca.root.cert.toString('pem');
  const intermediatePem = ca.intermediate?.cert.toString('pem');
  if (formats.includes('pem')) {
    const served = intermediatePem === undefined ? [leafPem] : [leafPem, intermediatePem];
    data['tls.crt'] = Buffer.from(joinPem(served));
    data['tls.key'] = Buffer.from(await privateKeyToPem(leaf.key));
    data['ca.crt'] = Buffer.from(joinPem([rootPem]));
    data['chain.pem'] = Buffer.from(joinPem([...served, rootPem]));
  }
  if (formats.includes('der')) {
    data['tls.der'] = Buffer.from(leaf.cert.rawData);
    data['tls.key.der'] = Buffer.from(await privateKeyToDer(leaf.key));
    data['ca.der'] = Buffer.from(ca.root.cert.rawData);
  }
  return data;
}
