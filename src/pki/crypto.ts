/**
 * WebCrypto plumbing for the PKI: `@peculiar/x509` over Node's `crypto.webcrypto`, key
 * generation per {@link KeyAlgorithmName}, and PEM/PKCS#8 import and export of keys.
 * No ASN.1 is written by hand here; @peculiar/x509 and WebCrypto do all encoding.
 */
import type * as X509 from '@peculiar/x509';
import { ConvoyError } from '../errors.ts';
import type { KeyAlgorithmName } from '../stack/schema-secrets.ts';
import type { webcrypto } from 'node:crypto';
import { crypto, x509, type Key, type KeyPair } from './x509.ts';

/** The WebCrypto key and signature parameters of one algorithm. */
export interface AlgorithmParams {
  /** For `subtle.generateKey`. */
  generate: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams;
  /** For `subtle.importKey` (PKCS#8 private keys). */
  import: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
  /** Signature algorithm of certificates signed by such a key (SHA-256 throughout). */
  signing: webcrypto.Algorithm | webcrypto.EcdsaParams;
}

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);

function rsa(modulusLength: number): AlgorithmParams {
  const base = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return {
    generate: { ...base, modulusLength, publicExponent: RSA_EXPONENT },
    import: base,
    signing: base,
  };
}

const ECDSA_P256: AlgorithmParams = {
  generate: { name: 'ECDSA', namedCurve: 'P-256' },
  import: { name: 'ECDSA', namedCurve: 'P-256' },
  signing: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams,
};

/** WebCrypto parameters of a stack key algorithm (ECDSA P-256 or RSA 2048/3072/4096, SHA-256 signatures). */
export function algorithmParams(name: KeyAlgorithmName): AlgorithmParams {
  switch (name) {
    case 'ecdsa-p256':
      return ECDSA_P256;
    case 'rsa-2048':
      return rsa(2048);
    case 'rsa-3072':
      return rsa(3072);
    case 'rsa-4096':
      return rsa(4096);
  }
}

/** A fresh extractable key pair for signing. */
export async function generateKeyPair(name: KeyAlgorithmName): Promise<KeyPair> {
  const params = algorithmParams(name).generate;
  return (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as KeyPair;
}

/** A private key as PEM `PRIVATE KEY` (PKCS#8), the form Kubernetes TLS secrets and openssl accept. */
export async function privateKeyToPem(key: Key): Promise<string> {
  return x509.PemConverter.encode(await privateKeyToDer(key), 'PRIVATE KEY');
}

/** A private key as DER PKCS#8 bytes. */
export async function privateKeyToDer(key: Key): Promise<ArrayBuffer> {
  return crypto.subtle.exportKey('pkcs8', key);
}

/** The public key of a private key, read back from its certificate (WebCrypto cannot derive it). */
export async function publicKeyOf(cert: X509.X509Certificate): Promise<Key> {
  return cert.publicKey.export(crypto);
}

/**
 * Imports a PEM `PRIVATE KEY` (PKCS#8) whose algorithm is that of `cert` (the matching
 * certificate), so the key can sign.
 *
 * @throws ConvoyError `E_FILE` when the PEM is not PKCS#8 or does not fit the certificate's
 *   algorithm (`what` names the source in the message).
 */
export async function importPrivateKeyPem(pem: string, cert: X509.X509Certificate, what: string): Promise<Key> {
  const name = algorithmOf(cert);
  if (name === undefined) {
    throw new ConvoyError('E_FILE', `${what}: the CA certificate uses an unsupported key algorithm`, {
      expected: 'an ECDSA P-256 or RSA 2048/3072/4096 key',
      fix: 'Use a CA with one of the supported key algorithms.',
    });
  }
  try {
    const der = x509.PemConverter.decodeFirst(pem);
    return await crypto.subtle.importKey('pkcs8', der, algorithmParams(name).import, true, ['sign']);
  } catch (cause) {
    throw new ConvoyError('E_FILE', `${what}: the private key cannot be read`, {
      expected: 'a PEM "PRIVATE KEY" (PKCS#8) matching the CA certificate',
      fix: 'Convert the key with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem`.',
      cause,
    });
  }
}

/** The stack algorithm name of a certificate's public key, or undefined if it is none of ours. */
export function algorithmOf(cert: X509.X509Certificate): KeyAlgorithmName | undefined {
  const alg = cert.publicKey.algorithm as { name: string; namedCurve?: string; modulusLength?: number };
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-256') return 'ecdsa-p256';
  if (alg.name === 'RSASSA-PKCS1-v1_5' || alg.name === 'RSA-PSS' || alg.name === 'RSA-OAEP') {
    if (alg.modulusLength === 2048) return 'rsa-2048';
    if (alg.modulusLength === 3072) return 'rsa-3072';
    if (alg.modulusLength === 4096) return 'rsa-4096';
  }
  return undefined;
}
