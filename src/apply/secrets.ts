/**
 * Secrets, certificates and CAs of a stack joined to its rendered objects (issue 5).
 *
 * **Ownership.** Every generated object belongs to one component, so the graph stays the
 * components' graph (no pseudo-component): a secret is owned by the first component in
 * dependency order whose pod specs refer to it (env, envFrom, volumes, projected volumes,
 * imagePullSecrets); else by the component of its certificate (`certificate.component`);
 * else by the first component that uses a database whose password it holds; else by the
 * first component in dependency order. It is applied in that component's config phase, so
 * it exists before any workload that mounts it. CA Secrets (`<pki>-ca`) and cert-manager
 * Issuers belong to the first component in dependency order.
 *
 * **Two modes.** With a `client` (apply, plan, `secrets apply|rotate`): the live copies of
 * the secrets and CA Secrets are read first and their values kept (the cluster is the source
 * of truth), CAs are ensured, certificates issued or renewed, and every value is registered
 * with the run's redactor. Without a client (`convoy render`): only what is known without the
 * cluster is built (files, env, bundles, registry credentials); secrets with generated or
 * certificate keys are placeholders annotated `convoy.dev/generated: secret` without data,
 * so render stays deterministic.
 *
 * Then hash-suffixed names are rewritten in every reference, and every pod template that
 * uses a secret gets `convoy.dev/secret-hash-<name>` so a changed secret rolls exactly its
 * users. Everything here only reads the cluster: every build error (missing file, missing
 * variable, unknown issuer, cycle) is raised before the first write.
 */
import { ConvoyError } from '../errors.ts';
import type { KubeClient } from '../kube/types.ts';
import { ANNOTATION, type KubeObject } from '../objects/types.ts';
import { computeWaves } from '../plan/graph.ts';
import { caSecretName, certManagerIssuer, ensureCa } from '../pki/index.ts';
import type { CaMaterial } from '../pki/types.ts';
import { GENERATED_ANNOTATION } from '../render/generators/namespaces.ts';
import type { RenderedStack } from '../render/types.ts';
import type { ResolvedStack } from '../resolve/types.ts';
import type { StackGenerators } from '../resolve/secrets.ts';
import {
  annotateSecretHashes,
  buildSecrets,
  decodeSecretData,
  podReferences,
  rewriteReferences,
  secretHash,
  secretObject,
  type BuiltSecret,
  type Rename,
  type Rotation,
  type SecretData,
  type SecretFingerprint,
} from '../secrets/index.ts';
import type { Environment } from '../secrets/env.ts';
import type { SecretConfig } from '../stack/schema-secrets.ts';
import { KEEP_ANNOTATION } from '../inventory/ownership.ts';
import { sortObjects } from '../objects/order.ts';

/** `convoy.dev/generated` value of stack secrets (placeholders included) and of CA Secrets. */
export const GENERATED_SECRET = 'secret';
/** `convoy.dev/generated` value of the CA Secrets `<pki>-ca`. */
export const GENERATED_CA = 'ca';

/** Where secret values go to be scrubbed from output (src/secrets Redactor fits). */
export interface SecretSink {
  add(value: string | Uint8Array): void;
  addData(data: SecretData): void;
}

/** Events of secret preparation; the CLI prints them (never with values). */
export type SecretsEvent =
  | { type: 'ca'; name: string; source: 'external' | 'kept' | 'created' }
  | {
      type: 'secret';
      name: string;
      /** Name of the applied object (differs with hashSuffix). */
      objectName: string;
      namespace: string;
      component: string;
      /** Generated keys kept from the live copy, and those made this run. */
      kept: string[];
      fresh: string[];
      certificate?: { issued: boolean; reason?: string };
      longLived: boolean;
    };

/** Options of {@link prepareStackSecrets}. */
export interface SecretsRunOptions {
  /** The cluster to read live copies from; undefined: render mode (see the module comment). */
  client?: KubeClient;
  /** Environment for `env` sources and registry credentials. */
  env: Environment;
  /** Keys to generate anew (`convoy secrets rotate`). */
  rotations?: readonly Rotation[];
  /** Receives every secret value of the run (live, built, CA keys, env-sourced). */
  redactor?: SecretSink;
  /** Clock for CAs and certificates. Default now. */
  now?: Date;
  onEvent?: (e: SecretsEvent) => void;
}

/** What {@link prepareStackSecrets} returns. */
export interface PreparedSecrets {
  /** The rendered stack with the generated objects added, references rewritten, pod templates annotated. */
  rendered: RenderedStack;
  /** Built secrets (apply mode; in render mode only those known without the cluster). */
  built: BuiltSecret[];
  /** Stack secret name → owning component. */
  owners: Map<string, string>;
  /** Stack secret name → decoded data (apply mode: every secret; for database bootstrap). */
  data: Map<string, SecretData>;
  /** The generated objects by owning component (for `convoy secrets apply`). */
  generated: Map<string, KubeObject[]>;
  /** Components in dependency order (among the rendered ones). */
  order: string[];
}

/**
 * Adds the secrets, CA Secrets and Issuers of `gens` to `rendered` (see the module comment).
 *
 * @throws ConvoyError from buildSecrets (`E_FILE`, `E_REFERENCE`, `E_DUPLICATE`, `E_SCHEMA`,
 *   `E_CYCLE`) naming the secret and the fix; `E_KUBE` when a live Secret cannot be read or a
 *   CA Secret is damaged. Nothing is written.
 */
export async function prepareStackSecrets(
  gens: StackGenerators,
  resolved: Pick<ResolvedStack, 'components'>,
  rendered: RenderedStack,
  options: SecretsRunOptions,
): Promise<PreparedSecrets> {
  const order = dependencyOrder(resolved, rendered);
  const empty: PreparedSecrets = {
    rendered,
    built: [],
    owners: new Map(),
    data: new Map(),
    generated: new Map(),
    order,
  };
  const names = Object.keys(gens.secrets);
  if ((names.length === 0 && Object.keys(gens.pki).length === 0) || order.length === 0) return empty;
  const sink = options.redactor;
  registerEnvValues(gens.secrets, options.env, sink);

  const objectsOf = new Map(rendered.components.map((c) => [c.name, c.objects]));
  const extra: { object: KubeObject; component?: string }[] = [];
  let built: BuiltSecret[];
  const data = new Map<string, SecretData>();
  if (options.client) {
    const client = options.client;
    const live = new Map<string, SecretData>();
    await Promise.all(
      names.map(async (name) => {
        const spec = gens.secrets[name] as SecretConfig;
        if (spec.hashSuffix) return; // content-named: nothing generated to keep
        const obj = await readSecret(client, spec.namespace ?? gens.namespace, name);
        if (obj === undefined) return;
        const d = decodeSecretData(obj);
        sink?.addData(d);
        live.set(name, d);
      }),
    );
    const cas = new Map<string, CaMaterial>();
    for (const [name, spec] of Object.entries(gens.pki).sort(([a], [b]) => a.localeCompare(b))) {
      const liveCa = spec.external ? undefined : await readSecret(client, gens.namespace, caSecretName(name));
      const liveData = liveCa === undefined ? undefined : decodeSecretData(liveCa);
      if (liveData) sink?.addData(liveData);
      const ensured = await ensureCa(name, spec, {
        baseDir: gens.baseDir,
        ...(liveData ? { live: liveData } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      sink?.addData(ensured.data);
      cas.set(name, ensured.ca);
      options.onEvent?.({ type: 'ca', name, source: ensured.source });
      if (!spec.external || spec.certManager) {
        const caObj = secretObject({
          name: caSecretName(name),
          namespace: gens.namespace,
          type: 'kubernetes.io/tls',
          data: ensured.data,
          annotations: { [GENERATED_ANNOTATION]: GENERATED_CA, [KEEP_ANNOTATION]: 'true' },
        });
        extra.push({ object: caObj });
      }
      if (spec.certManager) {
        extra.push({ object: certManagerIssuer(name, spec.certManager.issuerKind, gens.namespace) });
      }
    }
    built = await buildSecrets(gens.secrets, {
      baseDir: gens.baseDir,
      namespace: gens.namespace,
      env: options.env,
      live,
      cas,
      pki: gens.pki,
      componentObjects: (c) => objectsOf.get(c),
      ...(options.rotations ? { rotations: options.rotations } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  } else {
    const unknown = needsCluster(gens.secrets);
    const known = Object.fromEntries(Object.entries(gens.secrets).filter(([n]) => !unknown.has(n)));
    built = await buildSecrets(known, { baseDir: gens.baseDir, namespace: gens.namespace, env: options.env });
    for (const name of [...unknown].sort()) {
      const spec = gens.secrets[name] as SecretConfig;
      const namespace = spec.namespace ?? gens.namespace;
      built.push({
        name,
        namespace,
        object: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name, namespace, annotations: { [GENERATED_ANNOTATION]: GENERATED_SECRET } },
          type: spec.type ?? (spec.certificate ? 'kubernetes.io/tls' : 'Opaque'),
        },
        data: {},
        generatedKeys: Object.keys(spec.generate ?? {}).sort(),
        kept: [],
        fresh: [],
        longLived: spec.longLived,
      });
    }
    built.sort((a, b) => a.name.localeCompare(b.name));
  }
  for (const b of built) {
    sink?.addData(b.data);
    registerDockerConfig(b.data, sink);
    data.set(b.name, b.data);
  }

  // Owners, then the objects into their components.
  const owners = secretOwners(gens, built, rendered, order);
  const generated = new Map<string, KubeObject[]>();
  const add = (component: string, object: KubeObject): void => {
    const annotated: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        annotations: {
          ...object.metadata.annotations,
          [ANNOTATION.component]: component,
          [ANNOTATION.origin]: `generated:${object.kind === 'Secret' ? 'secret' : object.kind.toLowerCase()}`,
          ...(object.kind === 'Secret' && object.metadata.annotations?.[GENERATED_ANNOTATION] === undefined
            ? { [GENERATED_ANNOTATION]: GENERATED_SECRET }
            : {}),
        },
      },
    };
    generated.set(component, [...(generated.get(component) ?? []), annotated]);
  };
  const first = order[0] as string;
  for (const e of extra) add(e.component ?? first, e.object);
  for (const b of built) {
    const object = b.longLived
      ? {
          ...b.object,
          metadata: {
            ...b.object.metadata,
            annotations: { ...b.object.metadata.annotations, [KEEP_ANNOTATION]: 'true' },
          },
        }
      : b.object;
    const component = owners.get(b.name) ?? first;
    add(component, object);
    options.onEvent?.({
      type: 'secret',
      name: b.name,
      objectName: b.object.metadata.name ?? b.name,
      namespace: b.namespace,
      component,
      kept: b.kept,
      fresh: b.fresh,
      ...(b.certificate ? { certificate: b.certificate } : {}),
      longLived: b.longLived,
    });
  }

  const renames: Rename[] = built.flatMap((b) => (b.rename ? [b.rename] : []));
  const fingerprints: SecretFingerprint[] = built
    .filter((b) => !b.rename && b.object.kind === 'Secret' && Object.keys(b.data).length > 0)
    .map((b) => ({ namespace: b.namespace, name: b.object.metadata.name ?? b.name, hash: secretHash(b.object) }));
  const components = rendered.components.map((c) => {
    const added = generated.get(c.name) ?? [];
    const objects = added.length === 0 ? c.objects : sortObjects([...c.objects, ...added]);
    const rewritten = rewriteReferences(objects, renames, c.namespace);
    return { ...c, objects: annotateSecretHashes(rewritten, fingerprints, c.namespace) };
  });
  return { rendered: { ...rendered, components }, built, owners, data, generated, order };
}

/** Components of `rendered` in dependency order (waves, then name). */
export function dependencyOrder(resolved: Pick<ResolvedStack, 'components'>, rendered: RenderedStack): string[] {
  const present = new Set(rendered.components.map((c) => c.name));
  const nodes = resolved.components
    .filter((c) => present.has(c.name))
    .map((c) => ({ name: c.name, needs: c.needs.filter((n) => present.has(n)) }));
  return computeWaves(nodes).flat();
}

/**
 * For each component in `order`, the Secret names (namespace/name) its pod specs refer to.
 * Objects without a namespace are in the component's namespace.
 */
export function secretUsers(rendered: RenderedStack, order: readonly string[]): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const byName = new Map(rendered.components.map((c) => [c.name, c]));
  for (const name of order) {
    const c = byName.get(name);
    if (!c) continue;
    for (const obj of c.objects) {
      for (const ref of podReferences(obj)) {
        if (ref.kind !== 'Secret') continue;
        const key = `${obj.metadata.namespace ?? c.namespace}/${ref.name}`;
        const list = users.get(key) ?? [];
        if (!list.includes(name)) list.push(name);
        users.set(key, list);
      }
    }
  }
  return users;
}

function secretOwners(
  gens: StackGenerators,
  built: readonly BuiltSecret[],
  rendered: RenderedStack,
  order: readonly string[],
): Map<string, string> {
  const users = secretUsers(rendered, order);
  const dbUsers = new Map<string, string>();
  for (const db of Object.values(gens.databases)) {
    const u = users.get(`${gens.namespace}/${db.passwordSecret.name}`)?.[0];
    if (u !== undefined && !dbUsers.has(db.passwordSecret.name)) dbUsers.set(db.passwordSecret.name, u);
  }
  const owners = new Map<string, string>();
  for (const b of built) {
    const byRef = users.get(`${b.namespace}/${b.name}`)?.[0];
    const certComponent = gens.secrets[b.name]?.certificate?.component;
    const owner =
      byRef ??
      (certComponent !== undefined && order.includes(certComponent) ? certComponent : undefined) ??
      dbUsers.get(b.name);
    owners.set(b.name, owner ?? (order[0] as string));
  }
  return owners;
}

/** Secrets whose content is not known without the cluster: generated or certificate keys, or built from such. */
export function needsCluster(specs: Readonly<Record<string, SecretConfig>>): Set<string> {
  const out = new Set<string>();
  for (const [name, spec] of Object.entries(specs)) {
    if (Object.keys(spec.generate ?? {}).length > 0 || spec.certificate) out.add(name);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, spec] of Object.entries(specs)) {
      if (out.has(name)) continue;
      const deps = [
        ...(spec.bundle?.sources ?? []).flatMap((s) => ('secret' in s ? [s.secret] : [])),
        ...[spec.dockerconfigjson?.username, spec.dockerconfigjson?.password].flatMap((r) =>
          r !== undefined && typeof r === 'object' && 'secret' in r ? [r.secret] : [],
        ),
      ];
      if (deps.some((d) => out.has(d))) {
        out.add(name);
        grew = true;
      }
    }
  }
  return out;
}

/** Registers the values of every environment variable a secret reads (env sources, registry credentials). */
function registerEnvValues(
  specs: Readonly<Record<string, SecretConfig>>,
  env: Environment,
  sink: SecretSink | undefined,
): void {
  if (!sink) return;
  for (const spec of Object.values(specs)) {
    for (const entry of Object.values(spec.env ?? {})) {
      const v = env[entry.var];
      if (v !== undefined) sink.add(v);
    }
    const password = spec.dockerconfigjson?.password;
    if (typeof password === 'string') sink.add(password);
    else if (password !== undefined && 'env' in password && env[password.env] !== undefined) {
      sink.add(env[password.env] as string);
    }
  }
}

/** Registers the inner values of registry credentials (password, auth), which diffs may show decoded. */
function registerDockerConfig(data: SecretData, sink: SecretSink | undefined): void {
  const json = data['.dockerconfigjson'];
  if (!sink || json === undefined) return;
  try {
    const parsed = JSON.parse(json.toString('utf8')) as { auths?: Record<string, Record<string, unknown>> };
    for (const entry of Object.values(parsed.auths ?? {})) {
      for (const k of ['password', 'auth', 'identitytoken']) if (typeof entry[k] === 'string') sink.add(entry[k]);
    }
  } catch {
    // not JSON: the whole value is registered anyway
  }
}

async function readSecret(client: KubeClient, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await client.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  } catch (err) {
    if (err instanceof ConvoyError) {
      throw new ConvoyError(err.code, `cannot read the live Secret ${namespace}/${name}: ${err.message}`, {
        fix: 'Check access to Secrets in that namespace (kubectl auth can-i get secrets -n ' + namespace + ').',
        cause: err,
      });
    }
    throw err;
  }
}
