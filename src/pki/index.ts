/** The stack PKI: CAs (generated, kept in the cluster, or external), leaf certificates, cert-manager objects. */
export { createCa, signerOf, type CreateCaOptions } from './ca.ts';
export { caFromSecretData, caSecretData, caSecretName } from './ca-secret.ts';
export { CERT_MANAGER_API, certManagerCertificate, certManagerIssuer } from './cert-manager.ts';
export { loadExternalCa } from './external.ts';
export { issueLeaf } from './leaf.ts';
export { CERT_KEYS, leafSecretData } from './outputs.ts';
export { joinPem, normalizePem, parseCertificates } from './pem.ts';
export { needsRenewal, reissueReason } from './renewal.ts';
export { DEFAULT_CLUSTER_DOMAIN, serviceDnsNames } from './sans.ts';
export type { CaMaterial, CertAndKey, CertFormat, LeafRequest } from './types.ts';
export { ensureCa, type EnsureCaOptions, type EnsuredCa } from './ensure.ts';
