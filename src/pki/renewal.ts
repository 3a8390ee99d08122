/** When a certificate must be issued again: near expiry, or no longer what is asked for. */
import type { X509Certificate } from '@peculiar/x509';
import { signerOf } from './ca.ts';
import { parseCertificates } from './pem.ts';
import type { CaMaterial, LeafRequest } from './types.ts';
import { x509 } from './x509.ts';

/**
 * True when `cert` expires within `renewBeforeSeconds` of `now` (or already has):
 * `now >= notAfter - renewBefore`. cert-manager's `renewBefore` has the same meaning.
 * `cert` may be a parsed certificate or PEM text (the first certificate is used).
 */
export function needsRenewal(
  cert: X509Certificate | string,
  renewBeforeSeconds: number,
  now: Date = new Date(),
): boolean {
  const c = typeof cert === 'string' ? parseCertificates(cert)[0] : cert;
  if (c === undefined) return true;
  return now.getTime() >= c.notAfter.getTime() - renewBeforeSeconds * 1000;
}

/**
 * Why the certificate in `pem` (a live `tls.crt`) cannot be kept for `request`, or undefined
 * when it can: unreadable, expiring within `renewBeforeSeconds`, not signed by the CA's
 * current signer (the CA changed), or different CN, DNS/IP SANs or usages.
 */
export async function reissueReason(
  pem: string | undefined,
  request: LeafRequest,
  ca: CaMaterial,
  renewBeforeSeconds: number,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (pem === undefined) return 'no certificate yet';
  let cert: X509Certificate | undefined;
  try {
    cert = parseCertificates(pem)[0];
  } catch {
    cert = undefined;
  }
  if (cert === undefined) return 'the certificate cannot be read';
  if (needsRenewal(cert, renewBeforeSeconds, now))
    return `it expires ${cert.notAfter.toISOString()}, within renewBefore`;
  const signer = signerOf(ca).cert;
  const signed =
    cert.issuer === signer.subject && (await cert.verify({ publicKey: signer.publicKey, signatureOnly: true }));
  if (!signed) return 'it was not signed by the current CA';
  if (cert.subject !== `CN=${request.commonName}`) return 'the common name changed';
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const dns = san?.names.items.filter((n) => n.type === 'dns').map((n) => n.value) ?? [];
  const ips = san?.names.items.filter((n) => n.type === 'ip').map((n) => n.value) ?? [];
  if (!sameSet(dns, request.dnsNames)) return 'the DNS names changed';
  if (!sameSet(ips.map(canonicalIp), request.ipAddresses.map(canonicalIp))) return 'the IP addresses changed';
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const usages = (eku?.usages ?? []).map(String);
  const wanted = request.usages.map((u) => x509.ExtendedKeyUsage[u]);
  if (!sameSet(usages, wanted)) return 'the usages changed';
  return undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** An IP in canonical text (IPv6 compressed and lower case, as the WHATWG URL parser writes it). */
function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}
