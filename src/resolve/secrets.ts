/**
 * The generator sections of a stack (`spec.secrets`, `spec.pki`, `spec.databases`) for one
 * run: `${...}` references expanded where a name or address is expected — certificate
 * `commonName`, `dnsNames` and `ipAddresses`, and database `host`, `owner` and `database` —
 * with the same context as the components (environment, vars, affixed component names:
 * `${component.panda.host}` is `test-panda.panda.svc.cluster.local` under `--affix test-`).
 * Registry credentials given as text are expanded too (`password: "${env.REGISTRY_TOKEN}"`);
 * `env` sources are read by the secret builders. The result holds such values: never print it.
 */
import type { LoadedStack } from '../stack/types.ts';
import type { DatabaseConfig, PkiConfig, SecretConfig } from '../stack/schema-secrets.ts';
import { applyAffix } from './affix.ts';
import { pickEnvironment, stackSettings } from './environment.ts';
import { expandString, type ReferenceContext, type Where } from './references.ts';
import type { ResolvedStack } from './types.ts';

/** The generator sections of one run, references expanded (see the module comment). */
export interface StackGenerators {
  secrets: Record<string, SecretConfig>;
  pki: Record<string, PkiConfig>;
  databases: Record<string, DatabaseConfig>;
  /** Directory of the stack file (file paths of secrets and external CAs are relative to it). */
  baseDir: string;
  /** The stack namespace (secrets without their own namespace go there). */
  namespace: string;
}

/**
 * The generator sections of `stack` for the run `resolved` (same environment and affix).
 *
 * @param env environment variables for `${env.X}` (the same as given to resolve()).
 * @throws ConvoyError `E_REFERENCE` naming the field, for an unknown reference or an unset
 *   required variable.
 */
export function resolveGenerators(
  stack: LoadedStack,
  resolved: Pick<ResolvedStack, 'environment' | 'affix' | 'dir' | 'namespace'>,
  env: Readonly<Record<string, string | undefined>>,
): StackGenerators {
  const chosen = pickEnvironment(stack, resolved.environment);
  const settings = stackSettings(stack, chosen, resolved.affix);
  const components = stack.spec.spec.components;
  const ctx: ReferenceContext = {
    environment: chosen?.name,
    env,
    vars: settings.vars,
    components: new Map(
      Object.entries(components).map(([name, spec]) => [
        name,
        { instanceName: applyAffix(name, settings.affix), namespace: spec.namespace ?? settings.namespace },
      ]),
    ),
  };
  const at = (path: (string | number)[]): Where => ({ position: stack.positionOf(path), field: path.join('.') });
  const x = (text: string, path: (string | number)[]): string => expandString(text, ctx, at(path));

  const secrets: Record<string, SecretConfig> = {};
  for (const [name, spec] of Object.entries(stack.spec.spec.secrets ?? {})) {
    const base = ['spec', 'secrets', name, 'certificate'];
    const cert = spec.certificate;
    const dcj = spec.dockerconfigjson;
    const ref = <T>(r: T, field: string): T =>
      typeof r === 'string' ? (x(r, ['spec', 'secrets', name, 'dockerconfigjson', field]) as T) : r;
    const withRegistry = dcj
      ? {
          ...spec,
          dockerconfigjson: {
            ...dcj,
            username: ref(dcj.username, 'username'),
            password: ref(dcj.password, 'password'),
          },
        }
      : spec;
    secrets[name] = cert
      ? {
          ...withRegistry,
          certificate: {
            ...cert,
            ...(cert.commonName === undefined ? {} : { commonName: x(cert.commonName, [...base, 'commonName']) }),
            ...(cert.dnsNames === undefined
              ? {}
              : { dnsNames: cert.dnsNames.map((d, i) => x(d, [...base, 'dnsNames', i])) }),
            ...(cert.ipAddresses === undefined
              ? {}
              : { ipAddresses: cert.ipAddresses.map((d, i) => x(d, [...base, 'ipAddresses', i])) }),
          },
        }
      : withRegistry;
  }
  const databases: Record<string, DatabaseConfig> = {};
  for (const [name, spec] of Object.entries(stack.spec.spec.databases ?? {})) {
    const base = ['spec', 'databases', name];
    databases[name] = {
      ...spec,
      host: x(spec.host, [...base, 'host']),
      owner: x(spec.owner, [...base, 'owner']),
      ...(spec.database === undefined ? {} : { database: x(spec.database, [...base, 'database']) }),
    };
  }
  return {
    secrets,
    pki: { ...(stack.spec.spec.pki ?? {}) },
    databases,
    baseDir: resolved.dir,
    namespace: resolved.namespace,
  };
}
