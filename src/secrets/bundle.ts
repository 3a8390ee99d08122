/**
 * Bundles (`secrets.<name>.bundle`): one key made by concatenating sources in order, e.g.
 * Halo's `all_root_certs.pem` (`cat *_root.pem > all_root_certs.pem`).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConvoyError } from '../errors.ts';
import type { SecretBundleSpec } from '../stack/schema-secrets.ts';
import type { SecretData } from './types.ts';

/** Looks up a key of another stack secret (already built); undefined when it has no such key. */
export type SecretLookup = (secret: string, key: string) => Buffer | undefined;

/**
 * Concatenates `spec.sources` in order: each text is normalised (CRLF → LF, surrounding blank
 * lines trimmed) and ends with exactly one newline, so PEM blocks never run together.
 *
 * @throws ConvoyError `E_FILE` for a missing file; `E_REFERENCE` for a secret/key not found.
 */
export async function buildBundle(
  name: string,
  spec: SecretBundleSpec,
  baseDir: string,
  lookup: SecretLookup,
): Promise<SecretData> {
  const parts: string[] = [];
  for (const source of spec.sources) {
    let text: string;
    if ('file' in source) {
      try {
        text = await readFile(resolve(baseDir, source.file), 'utf8');
      } catch (cause) {
        throw new ConvoyError('E_FILE', `secret ${name}: cannot read bundle source ${source.file}`, {
          expected: 'an existing file, relative to the stack file',
          fix: `Create ${source.file} or correct secrets.${name}.bundle.sources.`,
          cause,
        });
      }
    } else {
      const value = lookup(source.secret, source.key);
      if (value === undefined) {
        throw new ConvoyError('E_REFERENCE', `secret ${name}: bundle source ${source.secret}/${source.key} not found`, {
          expected: `a key "${source.key}" of the stack secret "${source.secret}"`,
          fix: `Add ${source.secret} to spec.secrets with a key ${source.key}, or correct the source.`,
        });
      }
      text = value.toString('utf8');
    }
    const normalised = text.replace(/\r\n?/g, '\n').replace(/^\n+/, '').replace(/\s+$/, '');
    if (normalised !== '') parts.push(`${normalised}\n`);
  }
  return { [spec.key]: Buffer.from(parts.join('')) };
}
