/**
 * Registry credentials (`secrets.<name>.dockerconfigjson`) as a `kubernetes.io/dockerconfigjson`
 * Secret: key `.dockerconfigjson` holding `{"auths": {<registry>: {username, password, email?,
 * auth}}}` with `auth` = base64(`username:password`), as `kubectl create secret docker-registry`
 * writes it.
 */
import { ConvoyError } from '../errors.ts';
import type { DockerConfigJsonSpec, SecretRefSpec } from '../stack/schema-secrets.ts';
import type { SecretLookup } from './bundle.ts';
import type { Environment } from './env.ts';
import type { SecretData } from './types.ts';

/** The secret type Kubernetes gives registry credentials. */
export const DOCKERCONFIGJSON_TYPE = 'kubernetes.io/dockerconfigjson';

/**
 * Builds the `.dockerconfigjson` key.
 *
 * @throws ConvoyError `E_REFERENCE` when a referenced secret key or variable is missing.
 */
export function buildDockerConfigJson(
  name: string,
  spec: DockerConfigJsonSpec,
  env: Environment,
  lookup: SecretLookup,
): SecretData {
  const username = resolveRef(name, 'username', spec.username, env, lookup);
  const password = resolveRef(name, 'password', spec.password, env, lookup);
  const entry: Record<string, string> = { username, password };
  if (spec.email !== undefined) entry['email'] = spec.email;
  entry['auth'] = Buffer.from(`${username}:${password}`).toString('base64');
  return { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths: { [spec.registry]: entry } })) };
}

/** The text of a literal, `{env}` or `{secret, key}` reference. */
export function resolveRef(
  name: string,
  field: string,
  ref: SecretRefSpec,
  env: Environment,
  lookup: SecretLookup,
): string {
  if (typeof ref === 'string') return ref;
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined) {
      throw new ConvoyError('E_REFERENCE', `secret ${name}: ${field} comes from ${ref.env}, which is not set`, {
        expected: `${ref.env} set in the environment of convoy`,
        fix: `export ${ref.env}=…`,
      });
    }
    return value;
  }
  const value = lookup(ref.secret, ref.key);
  if (value === undefined) {
    throw new ConvoyError('E_REFERENCE', `secret ${name}: ${field} refers to ${ref.secret}/${ref.key}, not found`, {
      expected: `a key "${ref.key}" of the stack secret "${ref.secret}"`,
      fix: `Add ${ref.secret} to spec.secrets with a key ${ref.key}, or correct the reference.`,
    });
  }
  return value.toString('utf8');
}
