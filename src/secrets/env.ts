/** Secret keys from environment variables (`secrets.<name>.env`). */
import { ConvoyError } from '../errors.ts';
import type { SecretEnvSpec } from '../stack/schema-secrets.ts';
import type { SecretData } from './types.ts';

/** The environment to read (e.g. `process.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads each key's variable from `env`. A missing (unset) variable fails unless the key is
 * `optional`, in which case the key is left out. An empty value is a value.
 *
 * @throws ConvoyError `E_REFERENCE` naming the secret, key and variable, with the fix
 *   `export VAR=…`; all missing variables are listed in one error.
 */
export function readSecretEnv(name: string, spec: Record<string, SecretEnvSpec>, env: Environment): SecretData {
  const data: SecretData = {};
  const missing: string[] = [];
  for (const [key, entry] of Object.entries(spec)) {
    const value = env[entry.var];
    if (value !== undefined) data[key] = Buffer.from(value);
    else if (!entry.optional) missing.push(entry.var);
  }
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new ConvoyError(
      'E_REFERENCE',
      `secret ${name}: environment variable${missing.length > 1 ? 's' : ''} ${list} ${missing.length > 1 ? 'are' : 'is'} not set`,
      {
        expected: `${list} set in the environment of convoy`,
        fix: `${missing.map((v) => `export ${v}=…`).join('; ')} (or mark the key optional: true).`,
      },
    );
  }
  return data;
}
