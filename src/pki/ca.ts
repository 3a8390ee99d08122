/**
 * Generated certificate authorities: a self-signed root and an optional intermediate signed by
 * it, as `spec.pki.<name>` describes (step-ca's default layout is root + intermediate).
 *
 * Extensions follow RFC 5280 §4.2.1: basicConstraints critical with cA=true (root path length
 * unlimited, or 0 on the intermediate), keyUsage critical keyCertSign+cRLSign, subject key
 * identifier on both and authority key identifier on the intermediate.
 */
import { parseDuration } from '../resolve/duration.ts';
import type { KeyAlgorithmName, PkiConfig } from '../stack/schema-secrets.ts';
import { algorithmParams, generateKeyPair } from './crypto.ts';
import { randomSerial } from './serial.ts';
import type { CaMaterial, CertAndKey } from './types.ts';
import { validityWindow } from './validity.ts';
import { x509 } from './x509.ts';

/** Options of {@link createCa}. */
export interface CreateCaOptions {
  /** Issue time. Default: now. */
  now?: Date;
}

/**
 * Generates a new CA for the `pki` entry `name`: a root valid for `spec.validity` (default
 * 87600h, 10 years) and, when `spec.intermediate` is set, an intermediate valid for its own
 * validity (clamped to the root's). Keys use `spec.algorithm` (default ECDSA P-256).
 *
 * Not for `external` entries (see ./external.ts).
 */
export async function createCa(name: string, spec: PkiConfig, options: CreateCaOptions = {}): Promise<CaMaterial> {
  const now = options.now ?? new Date();
  const algorithm = spec.algorithm;
  const root = await createRoot(spec.commonName, algorithm, parseDuration(spec.validity), now);
  if (spec.intermediate === undefined) return { name, algorithm, root };
  const intermediate = await createIntermediate(
    root,
    spec.intermediate.commonName,
    algorithm,
    parseDuration(spec.intermediate.validity),
    now,
  );
  return { name, algorithm, root, intermediate };
}

/** The certificate and key that sign leaves: the intermediate when there is one, else the root. */
export function signerOf(ca: CaMaterial): CertAndKey {
  return ca.intermediate ?? ca.root;
}

const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

async function createRoot(
  commonName: string,
  algorithm: KeyAlgorithmName,
  validitySeconds: number,
  now: Date,
): Promise<CertAndKey> {
  const keys = await generateKeyPair(algorithm);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [commonName] }],
    ...validityWindow(now, validitySeconds),
    keys: keys,
    signingAlgorithm: algorithmParams(algorithm).signing,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}

async function createIntermediate(
  root: CertAndKey,
  commonName: string,
  algorithm: KeyAlgorithmName,
  validitySeconds: number,
  now: Date,
): Promise<CertAndKey> {
  const keys = await generateKeyPair(algorithm);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ CN: [commonName] }],
    issuer: root.cert.subject,
    ...validityWindow(now, validitySeconds, root.cert.notAfter),
    publicKey: keys.publicKey,
    signingKey: root.key,
    signingAlgorithm: algorithmParams(algorithm).signing,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(root.cert.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}
