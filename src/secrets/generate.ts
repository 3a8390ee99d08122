/**
 * Random values for `secrets.<name>.generate`: passwords, tokens, UUIDs and raw bytes, from
 * the operating system's CSPRNG (`crypto.randomInt`, `crypto.randomBytes`, `crypto.randomUUID`).
 * Characters are drawn with `randomInt(n)`, which rejects out-of-range samples, so every
 * character of the set is equally likely (no modulo bias).
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { GeneratedValueSpec } from '../stack/schema-secrets.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Character sets. `alnum-symbols` adds `!*+-.=^_~`: symbols that need no quoting in YAML
 * plain scalars' values, shell double quotes, JDBC/libpq URLs or .env files (no quotes,
 * backslash, `$`, backtick, `@`, `:`, `/`, `%`, `#`, `&`, `?`, space).
 */
export const CHARSETS = {
  alnum: ALNUM,
  'alnum-symbols': `${ALNUM}!*+-.=^_~`,
  hex: '0123456789abcdef',
  base64: `${ALNUM}+/`,
} as const;

export type CharsetName = keyof typeof CHARSETS;

/** `length` characters drawn uniformly and independently from `charset`. */
export function randomString(length: number, charset: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += charset[randomInt(charset.length)];
  return out;
}

/**
 * A new value for one generated key:
 * - `password`: `length` characters of `charset` (default `alnum-symbols`);
 * - `token`: `length` characters of `charset` (default `alnum`);
 * - `uuid`: a random (v4) UUID, lower case (length and charset ignored);
 * - `bytes`: `length` random bytes, raw; with charset `hex` or `base64` their text encoding
 *   (so 32 bytes become 64 hex or 44 base64 characters).
 */
export function generateValue(spec: GeneratedValueSpec): Buffer {
  switch (spec.kind) {
    case 'password':
      return Buffer.from(randomString(spec.length, CHARSETS[spec.charset ?? 'alnum-symbols']));
    case 'token':
      return Buffer.from(randomString(spec.length, CHARSETS[spec.charset ?? 'alnum']));
    case 'uuid':
      return Buffer.from(randomUUID());
    case 'bytes': {
      const bytes = randomBytes(spec.length);
      if (spec.charset === 'hex') return Buffer.from(bytes.toString('hex'));
      if (spec.charset === 'base64') return Buffer.from(bytes.toString('base64'));
      return bytes;
    }
  }
}
