/**
 * Leaf certificates issued by a stack CA (RFC 5280 §4.2.1): subjectAltName with the DNS names
 * and IPs asked for, extendedKeyUsage serverAuth/clientAuth, keyUsage critical
 * digitalSignature (+ keyEncipherment for RSA keys, as RSA key exchange needs it),
 * basicConstraints critical cA=false, subject and authority key identifiers, a random serial.
 */
import type { Extension } from '@peculiar/x509';
import { signerOf } from './ca.ts';
import { algorithmParams, generateKeyPair } from './crypto.ts';
import { randomSerial } from './serial.ts';
import type { CaMaterial, CertAndKey, LeafRequest } from './types.ts';
import { validityWindow } from './validity.ts';
import { x509 } from './x509.ts';

const EKU = {
  serverAuth: x509.ExtendedKeyUsage.serverAuth,
  clientAuth: x509.ExtendedKeyUsage.clientAuth,
} as const;

/**
 * Issues a leaf certificate for `request`, signed by the CA's intermediate (or root), with a
 * fresh key of the CA's algorithm. Validity starts at `now` (default: the current time) and
 * is clamped to the signer's notAfter.
 */
export async function issueLeaf(ca: CaMaterial, request: LeafRequest, now: Date = new Date()): Promise<CertAndKey> {
  const signer = signerOf(ca);
  const keys = await generateKeyPair(ca.algorithm);
  const rsa = ca.algorithm.startsWith('rsa-');
  const keyUsage = x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0);
  const sans = [
    ...request.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...request.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  const extensions: Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(keyUsage, true),
    new x509.ExtendedKeyUsageExtension(
      request.usages.map((u) => EKU[u]),
      false,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(signer.cert.publicKey),
  ];
  // RFC 5280 §4.2.1.6: with an empty subject the SAN extension is critical; ours has a CN, so not.
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans, false));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ CN: [request.commonName] }],
    issuer: signer.cert.subject,
    ...validityWindow(now, request.validitySeconds, signer.cert.notAfter),
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: algorithmParams(ca.algorithm).signing,
    extensions,
  });
  return { cert, key: keys.privateKey };
}
