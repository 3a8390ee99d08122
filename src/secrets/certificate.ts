/** The certificate source of a secret (`secrets.<name>.certificate`): keep the live one or issue anew. */
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import { issueLeaf } from '../pki/leaf.ts';
import { leafSecretData } from '../pki/outputs.ts';
import { reissueReason } from '../pki/renewal.ts';
import { serviceDnsNames, unique } from '../pki/sans.ts';
import type { CaMaterial, LeafRequest } from '../pki/types.ts';
import { x509 } from '../pki/x509.ts';
import { parseDuration } from '../resolve/duration.ts';
import type { SecretCertificateSpec } from '../stack/schema-secrets.ts';
import type { SecretData } from './types.ts';

/** What {@link certificateRequest} needs to know about the stack. */
export interface CertificateEnv {
  /** Default namespace for Services without one. */
  namespace: string;
  /** Rendered objects of a component (for its Services), or undefined if there is no such component. */
  componentObjects?: (component: string) => readonly KubeObject[] | undefined;
}

/**
 * The leaf request of secret `name`: DNS SANs from the component's Services (name, name.ns,
 * name.ns.svc, name.ns.svc.cluster.local) then `dnsNames`, IPs, usages, validity; CN =
 * `commonName`, else the first DNS name, else the secret name.
 *
 * @throws ConvoyError `E_REFERENCE` when `component` names no component or one without Services.
 */
export function certificateRequest(name: string, spec: SecretCertificateSpec, env: CertificateEnv): LeafRequest {
  let fromServices: string[] = [];
  if (spec.component !== undefined) {
    const objects = env.componentObjects?.(spec.component);
    fromServices = objects === undefined ? [] : serviceDnsNames(objects, env.namespace);
    if (fromServices.length === 0) {
      throw new ConvoyError('E_REFERENCE', `secret ${name}: component ${spec.component} has no Service to name`, {
        expected: 'a component of the stack that renders at least one Service',
        fix: `Correct secrets.${name}.certificate.component, or list the names in dnsNames.`,
      });
    }
  }
  const dnsNames = unique([...fromServices, ...(spec.dnsNames ?? [])]);
  return {
    commonName: spec.commonName ?? dnsNames[0] ?? name,
    dnsNames,
    ipAddresses: unique(spec.ipAddresses ?? []),
    usages: [...spec.usages],
    validitySeconds: parseDuration(spec.validity),
  };
}

/** The issuer of secret `name`, or an `E_REFERENCE` error listing the known `pki` entries. */
export function issuerOf(name: string, issuer: string, cas: ReadonlyMap<string, CaMaterial> | undefined): CaMaterial {
  const ca = cas?.get(issuer);
  if (ca !== undefined) return ca;
  const known = [...(cas?.keys() ?? [])].sort();
  throw new ConvoyError('E_REFERENCE', `secret ${name}: certificate issuer "${issuer}" is not a pki entry`, {
    expected: known.length > 0 ? `one of: ${known.join(', ')}` : 'an entry under spec.pki',
    fix: `Add "${issuer}" under spec.pki, or correct secrets.${name}.certificate.issuer.`,
  });
}

/** Result of {@link certificateData}. */
export interface CertificateData {
  data: SecretData;
  /** True when a new certificate was issued; false when the live one was kept. */
  issued: boolean;
  /** Why it was issued (e.g. `no certificate yet`, `the DNS names changed`, `rotated`). */
  reason?: string;
}

/**
 * The certificate keys of secret `name`: the live ones when the live `tls.crt` still fits the
 * request, is signed by the current CA and is not within `renewBefore` of expiry (and all
 * keys of the asked formats are there, and no rotation is asked); otherwise a new leaf.
 */
export async function certificateData(
  name: string,
  spec: SecretCertificateSpec,
  request: LeafRequest,
  ca: CaMaterial,
  live: SecretData,
  options: { rotated: boolean; now?: Date },
): Promise<CertificateData> {
  const now = options.now ?? new Date();
  const keys = [...(spec.formats.includes('pem') ? ['tls.crt', 'tls.key', 'ca.crt', 'chain.pem'] : [])];
  if (spec.formats.includes('der')) keys.push('tls.der', 'tls.key.der', 'ca.der');
  let reason: string | undefined = options.rotated ? 'rotated' : undefined;
  const livePem = live['tls.crt']?.toString('utf8') ?? pemOfDer(live['tls.der']);
  reason ??= await reissueReason(livePem, request, ca, parseDuration(spec.renewBefore), now);
  reason ??= keys.some((k) => live[k] === undefined) ? 'formats changed' : undefined;
  if (reason === undefined) {
    const data: SecretData = {};
    for (const k of keys) data[k] = live[k] as Buffer;
    return { data, issued: false };
  }
  const leaf = await issueLeaf(ca, request, now);
  return { data: await leafSecretData(leaf, ca, spec.formats), issued: true, reason };
}

function pemOfDer(der: Buffer | undefined): string | undefined {
  if (der === undefined) return undefined;
  try {
    return new x509.X509Certificate(der).toString('pem');
  } catch {
    return undefined;
  }
}
