/**
 * cert-manager mode (`spec.pki.<name>.certManager`): instead of certificate Secrets, emit a CA
 * `Issuer`/`ClusterIssuer` over the CA Secret convoy keeps (`<name>-ca`) and one `Certificate`
 * per certificate secret; cert-manager then issues and renews them. Field names follow
 * cert-manager.io/v1 (cert-manager.io/docs/reference/api-docs): `spec.ca.secretName`,
 * `spec.secretName`, `spec.issuerRef`, `spec.duration`, `spec.renewBefore`, `spec.usages`,
 * `spec.privateKey`.
 *
 * A ClusterIssuer reads its Secret from cert-manager's cluster resource namespace (by default
 * `cert-manager`), so the CA Secret must be placed there in that case.
 */
import type { KubeObject } from '../objects/types.ts';
import type { KeyAlgorithmName } from '../stack/schema-secrets.ts';
import { caSecretName } from './ca-secret.ts';
import type { LeafRequest } from './types.ts';

/** API version of cert-manager's resources. */
export const CERT_MANAGER_API = 'cert-manager.io/v1';

/** The CA issuer of `pki` entry `name` (named like the entry). Issuers are namespaced; ClusterIssuers are not. */
export function certManagerIssuer(name: string, kind: 'Issuer' | 'ClusterIssuer', namespace: string): KubeObject {
  return {
    apiVersion: CERT_MANAGER_API,
    kind,
    metadata: kind === 'Issuer' ? { name, namespace } : { name },
    spec: { ca: { secretName: caSecretName(name) } },
  };
}

/** Options of {@link certManagerCertificate}. */
export interface CertManagerCertificateOptions {
  /** The Secret cert-manager writes (the stack secret's name). */
  secretName: string;
  namespace: string;
  issuer: { name: string; kind: 'Issuer' | 'ClusterIssuer' };
  request: LeafRequest;
  /** Go duration text, e.g. `720h`. */
  renewBefore: string;
  algorithm: KeyAlgorithmName;
}

const USAGE = { serverAuth: 'server auth', clientAuth: 'client auth' } as const;

/** A cert-manager `Certificate` for one certificate secret (named like the secret). */
export function certManagerCertificate(o: CertManagerCertificateOptions): KubeObject {
  const rsa = o.algorithm.startsWith('rsa-');
  const spec: Record<string, unknown> = {
    secretName: o.secretName,
    commonName: o.request.commonName,
    duration: `${Math.round(o.request.validitySeconds)}s`,
    renewBefore: o.renewBefore,
    usages: ['digital signature', ...(rsa ? ['key encipherment'] : []), ...o.request.usages.map((u) => USAGE[u])],
    privateKey: rsa
      ? { algorithm: 'RSA', size: Number(o.algorithm.slice(4)), encoding: 'PKCS8' }
      : { algorithm: 'ECDSA', size: 256, encoding: 'PKCS8' },
    issuerRef: { name: o.issuer.name, kind: o.issuer.kind, group: 'cert-manager.io' },
  };
  if (o.request.dnsNames.length > 0) spec['dnsNames'] = o.request.dnsNames;
  if (o.request.ipAddresses.length > 0) spec['ipAddresses'] = o.request.ipAddresses;
  return {
    apiVersion: CERT_MANAGER_API,
    kind: 'Certificate',
    metadata: { name: o.secretName, namespace: o.namespace },
    spec,
  };
}
