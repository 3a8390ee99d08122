/**
 * Builds the Secrets of `spec.secrets`: each source (generate, files, env, dockerconfigjson,
 * certificate, bundle) gives keys; keys must not collide. Generated values and certificates
 * are kept from the live copy (see ./stable.ts); `hashSuffix` renames Kustomize-style.
 *
 * Secrets may refer to each other (bundle sources, registry credentials); they are built in
 * dependency order, and a cycle is an `E_CYCLE` error.
 */
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import { certManagerCertificate } from '../pki/cert-manager.ts';
import type { CaMaterial } from '../pki/types.ts';
import type { PkiConfig, SecretConfig } from '../stack/schema-secrets.ts';
import { buildBundle } from './bundle.ts';
import { certificateData, certificateRequest, issuerOf } from './certificate.ts';
import { buildDockerConfigJson, DOCKERCONFIGJSON_TYPE } from './dockerconfig.ts';
import { readSecretEnv, type Environment } from './env.ts';
import { readSecretFiles } from './files.ts';
import { generateValue } from './generate.ts';
import { withHashSuffix, type Rename } from './hash-suffix.ts';
import { secretObject } from './object.ts';
import { isRotated, keepLiveValues } from './stable.ts';
import type { Rotation, SecretData } from './types.ts';

/** Annotation on Secrets that must survive prune and destroy unless `--purge` (value `"true"`). */
export const LONG_LIVED_ANNOTATION = 'convoy.dev/long-lived';

/** Inputs of {@link buildSecrets}. */
export interface SecretBuildContext {
  /** Directory of the stack file; file paths are relative to it. */
  baseDir: string;
  /** Namespace of secrets that set none (the stack namespace). */
  namespace: string;
  /** Environment for `env` sources and `{env}` references (e.g. process.env). */
  env: Environment;
  /** Decoded data of the live Secrets, by stack secret name (absent: not in the cluster yet). */
  live?: ReadonlyMap<string, SecretData>;
  /** Keys to generate anew (`convoy secrets rotate`). */
  rotations?: readonly Rotation[];
  /** The CAs of this run by `pki` name (from pki ensureCa). */
  cas?: ReadonlyMap<string, CaMaterial>;
  /** The `spec.pki` entries (for cert-manager mode and algorithms). */
  pki?: Readonly<Record<string, PkiConfig>>;
  /** Rendered objects of a component, for certificate SANs from its Services. */
  componentObjects?: (component: string) => readonly KubeObject[] | undefined;
  /** Clock for certificates. Default: now. */
  now?: Date;
}

/** One built secret, ready to apply. */
export interface BuiltSecret {
  /** Stack secret name (the key under spec.secrets). */
  name: string;
  namespace: string;
  /** The object to apply: a v1 Secret, or a cert-manager Certificate in cert-manager mode. */
  object: KubeObject;
  /** The data (empty in cert-manager mode: cert-manager writes it). Register it with the Redactor. */
  data: SecretData;
  /** Keys convoy generated (random) and keeps across applies. */
  generatedKeys: string[];
  /** Generated keys reused from the live Secret. */
  kept: string[];
  /** Generated keys that got new values this run (first apply or rotation). */
  fresh: string[];
  /** Certificate outcome, when the secret has a certificate source. */
  certificate?: { issued: boolean; reason?: string };
  longLived: boolean;
  /** Set when `hashSuffix` renamed the secret; pass to rewriteReferences. */
  rename?: Rename;
}

/**
 * Builds every secret of `specs`.
 *
 * @throws ConvoyError `E_FILE`, `E_NAME`, `E_REFERENCE` (missing variable, unknown issuer or
 *   secret), `E_DUPLICATE` (a key from two sources), `E_SCHEMA` (hashSuffix with generated or
 *   certificate keys; cert-manager certificates mixed with other sources), `E_CYCLE`.
 *   Nothing is applied by this function, so an error leaves the cluster untouched.
 */
export async function buildSecrets(
  specs: Readonly<Record<string, SecretConfig>>,
  ctx: SecretBuildContext,
): Promise<BuiltSecret[]> {
  const done = new Map<string, BuiltSecret>();
  const active: string[] = [];
  const build = async (name: string): Promise<BuiltSecret> => {
    const ready = done.get(name);
    if (ready) return ready;
    if (active.includes(name)) {
      const path = [...active.slice(active.indexOf(name)), name].join(' → ');
      throw new ConvoyError('E_CYCLE', `secrets refer to each other in a cycle: ${path}`, {
        fix: 'Break the cycle: a bundle or registry credential cannot (indirectly) use itself.',
      });
    }
    const spec = specs[name];
    if (spec === undefined) throw new ConvoyError('E_INTERNAL', `no secret ${name}`);
    active.push(name);
    for (const dep of dependencies(spec)) if (dep in specs) await build(dep);
    active.pop();
    const built = await buildOne(name, spec, ctx, (s, k) => done.get(s)?.data[k]);
    done.set(name, built);
    return built;
  };
  for (const name of Object.keys(specs).sort()) await build(name);
  return [...done.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function dependencies(spec: SecretConfig): string[] {
  const deps: string[] = [];
  for (const s of spec.bundle?.sources ?? []) if ('secret' in s) deps.push(s.secret);
  for (const ref of [spec.dockerconfigjson?.username, spec.dockerconfigjson?.password]) {
    if (ref !== undefined && typeof ref === 'object' && 'secret' in ref) deps.push(ref.secret);
  }
  return deps;
}

async function buildOne(
  name: string,
  spec: SecretConfig,
  ctx: SecretBuildContext,
  lookup: (secret: string, key: string) => Buffer | undefined,
): Promise<BuiltSecret> {
  const namespace = spec.namespace ?? ctx.namespace;
  const live = ctx.live?.get(name) ?? {};
  const generatedKeys = Object.keys(spec.generate ?? {}).sort();
  if (spec.hashSuffix && (generatedKeys.length > 0 || spec.certificate)) {
    throw new ConvoyError('E_SCHEMA', `secret ${name}: hashSuffix cannot be combined with generate or certificate`, {
      expected: 'hashSuffix on secrets whose content comes from files, env or bundles',
      fix: `Move the generated or certificate keys to a secret of their own, or drop secrets.${name}.hashSuffix.`,
    });
  }
  const base = { name, namespace, generatedKeys, longLived: spec.longLived };

  if (spec.certificate) {
    const ca = issuerOf(name, spec.certificate.issuer, ctx.cas);
    const request = certificateRequest(name, spec.certificate, { namespace, componentObjects: ctx.componentObjects });
    const certManager = ctx.pki?.[spec.certificate.issuer]?.certManager;
    if (certManager) {
      const others = ['generate', 'files', 'env', 'dockerconfigjson', 'bundle'].filter(
        (k) => spec[k as keyof SecretConfig] !== undefined,
      );
      if (others.length > 0) {
        throw new ConvoyError(
          'E_SCHEMA',
          `secret ${name}: a cert-manager certificate cannot have ${others.join(', ')}`,
          {
            fix: `cert-manager owns the whole Secret; move ${others.join(', ')} to another secret.`,
          },
        );
      }
      const object = certManagerCertificate({
        secretName: name,
        namespace,
        issuer: { name: spec.certificate.issuer, kind: certManager.issuerKind },
        request,
        renewBefore: spec.certificate.renewBefore,
        algorithm: ca.algorithm,
      });
      return { ...base, object, data: {}, kept: [], fresh: [] };
    }
  }

  const parts: { source: string; data: SecretData }[] = [];
  const generated: SecretData = {};
  for (const key of generatedKeys) generated[key] = generateValue(spec.generate![key]!);
  const merged = keepLiveValues(name, generated, live, generatedKeys, ctx.rotations);
  parts.push({ source: 'generate', data: merged.data });
  if (spec.files) parts.push({ source: 'files', data: await readSecretFiles(name, spec.files, ctx.baseDir) });
  if (spec.env) parts.push({ source: 'env', data: readSecretEnv(name, spec.env, ctx.env) });
  if (spec.dockerconfigjson) {
    parts.push({
      source: 'dockerconfigjson',
      data: buildDockerConfigJson(name, spec.dockerconfigjson, ctx.env, lookup),
    });
  }
  let certificate: BuiltSecret['certificate'];
  if (spec.certificate) {
    const ca = issuerOf(name, spec.certificate.issuer, ctx.cas);
    const request = certificateRequest(name, spec.certificate, { namespace, componentObjects: ctx.componentObjects });
    const rotated = isRotated(ctx.rotations, name, 'tls.crt');
    const cert = await certificateData(name, spec.certificate, request, ca, live, {
      rotated,
      ...(ctx.now ? { now: ctx.now } : {}),
    });
    certificate = cert.reason === undefined ? { issued: cert.issued } : { issued: cert.issued, reason: cert.reason };
    parts.push({ source: 'certificate', data: cert.data });
  }
  if (spec.bundle) parts.push({ source: 'bundle', data: await buildBundle(name, spec.bundle, ctx.baseDir, lookup) });

  const data = combine(name, parts);
  const type = spec.type ?? defaultType(spec);
  let object = secretObject({
    name,
    namespace,
    type,
    data,
    ...(spec.longLived ? { annotations: { [LONG_LIVED_ANNOTATION]: 'true' } } : {}),
  });
  let rename: Rename | undefined;
  if (spec.hashSuffix) ({ object, rename } = withHashSuffix(object, namespace));
  return {
    ...base,
    object,
    data,
    kept: merged.kept,
    fresh: merged.fresh,
    ...(certificate ? { certificate } : {}),
    ...(rename ? { rename } : {}),
  };
}

function defaultType(spec: SecretConfig): string {
  if (spec.dockerconfigjson) return DOCKERCONFIGJSON_TYPE;
  if (spec.certificate?.formats.includes('pem')) return 'kubernetes.io/tls';
  return 'Opaque';
}

function combine(name: string, parts: readonly { source: string; data: SecretData }[]): SecretData {
  const data: SecretData = {};
  const from: Record<string, string> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.data)) {
      if (key in data) {
        throw new ConvoyError(
          'E_DUPLICATE',
          `secret ${name}: key "${key}" comes from both ${from[key]} and ${part.source}`,
          {
            fix: `Rename one of them (e.g. "other-name=path" for files) in secrets.${name}.`,
          },
        );
      }
      data[key] = value;
      from[key] = part.source;
    }
  }
  return data;
}
