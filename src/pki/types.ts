/** Shapes shared by the PKI modules. */
import type { X509Certificate } from '@peculiar/x509';
import type { KeyAlgorithmName } from '../stack/schema-secrets.ts';
import type { Key } from './x509.ts';

/** A certificate and its private key (WebCrypto, extractable). */
export interface CertAndKey {
  cert: X509Certificate;
  key: Key;
}

/**
 * A certificate authority of the stack (`spec.pki.<name>`): the root and, when configured,
 * an intermediate that signs the leaves (step-ca's layout). For an external CA, `root` is
 * whatever certificate the files hold (it may itself be an intermediate of a larger PKI).
 */
export interface CaMaterial {
  /** The `pki` entry name. */
  name: string;
  /** Key algorithm of the CA; leaves it issues use the same. */
  algorithm: KeyAlgorithmName;
  root: CertAndKey;
  intermediate?: CertAndKey;
}

/** What a leaf certificate must contain. */
export interface LeafRequest {
  /** Subject CN. */
  commonName: string;
  /** DNS subject alternative names, in order (duplicates removed by the caller). */
  dnsNames: string[];
  /** IP subject alternative names (IPv4 or IPv6 text). */
  ipAddresses: string[];
  /** Extended key usages. */
  usages: ('serverAuth' | 'clientAuth')[];
  /** Lifetime in seconds (clamped to the signer's own notAfter). */
  validitySeconds: number;
}

/** Output encodings of a leaf certificate secret. */
export type CertFormat = 'pem' | 'der';
