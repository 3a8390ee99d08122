/** An external CA (`spec.pki.<name>.external`): certificate and key from PEM files. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConvoyError } from '../errors.ts';
import { algorithmOf, importPrivateKeyPem } from './crypto.ts';
import { parseCertificates } from './pem.ts';
import type { CaMaterial } from './types.ts';

/**
 * Loads the CA of `pki` entry `name` from `files.cert` (PEM; the first certificate signs, a
 * following one is taken as its root for `ca.crt`) and `files.key` (PEM PKCS#8), both relative
 * to `baseDir` (the stack file's directory).
 *
 * @throws ConvoyError `E_FILE` naming the entry and file when a file is missing or unreadable,
 *   or the algorithm is unsupported.
 */
export async function loadExternalCa(
  name: string,
  files: { cert: string; key: string },
  baseDir: string,
): Promise<CaMaterial> {
  const what = `pki ${name}`;
  const certText = await readText(resolve(baseDir, files.cert), files.cert, what);
  const keyText = await readText(resolve(baseDir, files.key), files.key, what);
  let certs;
  try {
    certs = parseCertificates(certText);
  } catch (cause) {
    throw new ConvoyError('E_FILE', `${what}: ${files.cert} holds no PEM certificate`, {
      expected: 'a PEM file with "-----BEGIN CERTIFICATE-----"',
      fix: `Point pki.${name}.external.cert at the CA certificate in PEM form.`,
      cause,
    });
  }
  const [signer, root] = certs;
  if (signer === undefined) throw new ConvoyError('E_FILE', `${what}: ${files.cert} holds no certificate`);
  const algorithm = algorithmOf(signer);
  if (algorithm === undefined) {
    throw new ConvoyError('E_FILE', `${what}: ${files.cert} uses an unsupported key algorithm`, {
      expected: 'an ECDSA P-256 or RSA 2048/3072/4096 CA',
      fix: 'Use a CA with a supported key algorithm.',
    });
  }
  const key = await importPrivateKeyPem(keyText, signer, `${what}: ${files.key}`);
  if (root === undefined) return { name, algorithm, root: { cert: signer, key } };
  // Only the signer's key is known; the root is carried for ca.crt and chains.
  return { name, algorithm, root: { cert: root, key }, intermediate: { cert: signer, key } };
}

async function readText(path: string, shown: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConvoyError('E_FILE', `${what}: cannot read ${shown}`, {
      expected: 'an existing PEM file, relative to the stack file',
      fix: `Create ${shown} or correct the path in pki.${what.slice(4)}.external.`,
      cause,
    });
  }
}
