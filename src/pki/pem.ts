/** PEM helpers: splitting bundles and normalising line endings. */
import { x509 } from './x509.ts';

/**
 * Normalises PEM text: CRLF/CR → LF, trailing spaces trimmed, exactly one final newline.
 * Empty input stays empty.
 */
export function normalizePem(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd());
  const body = lines.join('\n').trim();
  return body === '' ? '' : `${body}\n`;
}

/** The certificates of a PEM bundle, in order. Throws (RangeError) when there is none. */
export function parseCertificates(pem: string): InstanceType<typeof x509.X509Certificate>[] {
  return x509.PemConverter.decode(pem).map((der) => new x509.X509Certificate(der));
}

/** Joins PEM blocks into one text, each normalised, in order. */
export function joinPem(blocks: readonly string[]): string {
  return blocks
    .map(normalizePem)
    .filter((b) => b !== '')
    .join('');
}
