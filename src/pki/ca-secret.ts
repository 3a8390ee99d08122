/**
 * A CA kept in the cluster as a Secret, so every apply signs with the same CA. The data is
 * compatible with a cert-manager CA issuer (`tls.crt`, `tls.key`, `ca.crt`): `tls.crt` holds
 * the signing certificate (the intermediate followed by the root, or just the root), `tls.key`
 * its key, `ca.crt` the root; `root.key` holds the root key when an intermediate signs.
 */
import { ConvoyError } from '../errors.ts';
import { algorithmOf, importPrivateKeyPem, privateKeyToPem } from './crypto.ts';
import { joinPem, parseCertificates } from './pem.ts';
import type { CaMaterial } from './types.ts';

/** Name of the Secret that keeps the CA of `pki` entry `name`: `<name>-ca`. */
export function caSecretName(name: string): string {
  return `${name}-ca`;
}

/** The CA as secret data (key → bytes); see the module comment for the keys. */
export async function caSecretData(ca: CaMaterial): Promise<Record<string, Buffer>> {
  const rootPem = ca.root.cert.toString('pem');
  const data: Record<string, Buffer> = { 'ca.crt': Buffer.from(joinPem([rootPem])) };
  if (ca.intermediate) {
    data['tls.crt'] = Buffer.from(joinPem([ca.intermediate.cert.toString('pem'), rootPem]));
    data['tls.key'] = Buffer.from(await privateKeyToPem(ca.intermediate.key));
    // An external CA knows only its signer's key; then there is no root key to keep.
    if (ca.root.key !== ca.intermediate.key) data['root.key'] = Buffer.from(await privateKeyToPem(ca.root.key));
  } else {
    data['tls.crt'] = Buffer.from(joinPem([rootPem]));
    data['tls.key'] = Buffer.from(await privateKeyToPem(ca.root.key));
  }
  return data;
}

/**
 * Reads a CA back from the data {@link caSecretData} wrote (e.g. the live Secret).
 *
 * @throws ConvoyError `E_KUBE` when keys are missing or unreadable (the Secret was edited by
 *   hand); the fix is to restore it or delete it so convoy creates a new CA.
 */
export async function caFromSecretData(name: string, data: Record<string, Buffer>): Promise<CaMaterial> {
  const what = `CA secret ${caSecretName(name)}`;
  const fail = (detail: string, cause?: unknown): ConvoyError =>
    new ConvoyError('E_KUBE', `${what}: ${detail}`, {
      expected: 'tls.crt, tls.key and ca.crt as convoy wrote them (and root.key with a generated intermediate)',
      fix: `Restore the Secret, or delete it (kubectl delete secret ${caSecretName(name)}) to have convoy create a new CA and re-issue every certificate.`,
      cause,
    });
  const tlsCrt = data['tls.crt'];
  const tlsKey = data['tls.key'];
  if (tlsCrt === undefined || tlsKey === undefined) throw fail('tls.crt or tls.key is missing');
  let certs;
  try {
    certs = parseCertificates(tlsCrt.toString('utf8'));
  } catch (cause) {
    throw fail('tls.crt holds no readable certificate', cause);
  }
  const [signer, root] = certs;
  if (signer === undefined) throw fail('tls.crt holds no certificate');
  const algorithm = algorithmOf(signer);
  if (algorithm === undefined) throw fail('the CA key algorithm is not supported');
  const signerKey = await importPrivateKeyPem(tlsKey.toString('utf8'), signer, what);
  if (root === undefined) return { name, algorithm, root: { cert: signer, key: signerKey } };
  const rootKeyPem = data['root.key'];
  // Without root.key (an external CA), only the intermediate signs; the root is carried for chains.
  const rootKey =
    rootKeyPem === undefined ? signerKey : await importPrivateKeyPem(rootKeyPem.toString('utf8'), root, what);
  return { name, algorithm, root: { cert: root, key: rootKey }, intermediate: { cert: signer, key: signerKey } };
}
