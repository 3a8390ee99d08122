/**
 * Secret keys from files (`secrets.<name>.files`): every regular file of `dir` (key = file
 * name; sub-directories and dot-files are skipped, as `kubectl create secret --from-file=<dir>`
 * does) and every entry of `list` (`path`, key = file name, or `key=path`). Contents are read
 * as bytes, so DER certificates and keys stay intact.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ConvoyError } from '../errors.ts';
import type { SecretFilesSpec } from '../stack/schema-secrets.ts';
import { SECRET_KEY, type SecretData } from './types.ts';

/**
 * Reads the files of secret `name` relative to `baseDir` (the stack file's directory).
 * Keys come out sorted by the order found: directory entries by name, then the list.
 *
 * @throws ConvoyError `E_FILE` naming the secret and path for a missing/unreadable file or
 *   directory; `E_NAME` for a key that is not a valid secret key; `E_DUPLICATE` when two
 *   files give the same key.
 */
export async function readSecretFiles(name: string, spec: SecretFilesSpec, baseDir: string): Promise<SecretData> {
  const data: SecretData = {};
  const add = (key: string, value: Buffer, from: string): void => {
    checkKey(name, key, from);
    if (key in data) {
      throw new ConvoyError('E_DUPLICATE', `secret ${name}: key "${key}" comes from two files (${from})`, {
        fix: `Give one of them another key with "key=path" in secrets.${name}.files.list.`,
      });
    }
    data[key] = value;
  };
  if (spec.dir !== undefined) {
    const dir = resolve(baseDir, spec.dir);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      throw missing(name, spec.dir, 'directory', cause);
    }
    const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
    for (const file of files.sort()) add(file, await readFile(join(dir, file)), join(spec.dir, file));
  }
  for (const entry of spec.list ?? []) {
    const eq = entry.indexOf('=');
    const path = eq >= 0 ? entry.slice(eq + 1) : entry;
    const key = eq >= 0 ? entry.slice(0, eq) : basename(path);
    let content: Buffer;
    try {
      content = await readFile(resolve(baseDir, path));
    } catch (cause) {
      throw missing(name, path, 'file', cause);
    }
    add(key, content, path);
  }
  return data;
}

function missing(name: string, path: string, what: 'file' | 'directory', cause: unknown): ConvoyError {
  return new ConvoyError('E_FILE', `secret ${name}: cannot read ${what} ${path}`, {
    expected: `an existing ${what}, relative to the stack file`,
    fix: `Create ${path} or correct the path in secrets.${name}.files.`,
    cause,
  });
}

function checkKey(name: string, key: string, from: string): void {
  if (key.length > 0 && key.length <= 253 && SECRET_KEY.test(key)) return;
  throw new ConvoyError('E_NAME', `secret ${name}: "${key}" (from ${from}) is not a valid secret key`, {
    expected: "letters, digits, '-', '_' and '.' (at most 253 characters)",
    fix: `Name the key explicitly: "${key.replace(/[^-._a-zA-Z0-9]/g, '_') || 'key'}=${from}".`,
  });
}
