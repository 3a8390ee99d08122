/**
 * Stable values: the Secret in the cluster is the source of truth. Generated keys that exist
 * live are reused, so any number of applies yields the same values (Helm regenerates random
 * values on every upgrade, helm#3053; convoy does not). `rotate` asks for new values on
 * purpose, and {@link secretHash} feeds the pod-template annotation
 * `convoy.dev/secret-hash-<name>` that makes exactly the workloads using a secret roll when
 * its content changes.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../objects/types.ts';
import { goJson } from './go-json.ts';
import { decodeSecretData, secretObject } from './object.ts';
import { podReferences, podTemplateOf } from './pod-refs.ts';
import type { Rotation, SecretData } from './types.ts';

/** A rotation request for `convoy secrets rotate NAME [KEY]`: all generated keys of `secret`, or one. */
export function rotate(secret: string, key?: string): Rotation {
  return key === undefined ? { secret } : { secret, key };
}

/** True when `rotations` asks for a new value of `key` of `secret`. */
export function isRotated(rotations: readonly Rotation[] | undefined, secret: string, key: string): boolean {
  return (rotations ?? []).some((r) => r.secret === secret && (r.key === undefined || r.key === key));
}

/** Result of {@link keepLiveValues}: the data and which generated keys were kept or made anew. */
export interface KeptValues {
  data: SecretData;
  /** Generated keys whose live value was reused. */
  kept: string[];
  /** Generated keys that got the fresh value (absent live, or rotated). */
  fresh: string[];
}

/**
 * Data-level merge: for each of `generatedKeys`, the live value when there is one and the key
 * is not rotated; otherwise the fresh value. Keys not generated (files, env, …) always take
 * the desired value: they follow their sources.
 */
export function keepLiveValues(
  secret: string,
  desired: SecretData,
  live: SecretData,
  generatedKeys: readonly string[],
  rotations?: readonly Rotation[],
): KeptValues {
  const data: SecretData = { ...desired };
  const kept: string[] = [];
  const fresh: string[] = [];
  for (const key of generatedKeys) {
    const liveValue = live[key];
    if (liveValue !== undefined && !isRotated(rotations, secret, key)) {
      data[key] = liveValue;
      kept.push(key);
    } else fresh.push(key);
  }
  return { data, kept, fresh };
}

/**
 * Object-level merge for the apply engine: `desired` (a rendered Secret, with freshly generated
 * values) with the generated keys' values taken from `live` (the Secret read from the cluster;
 * undefined when it does not exist yet). `secret` is the stack secret name (for `rotations`).
 * Returns a new Secret object; metadata, type and non-generated keys come from `desired`.
 */
export function mergeWithLive(
  secret: string,
  desired: KubeObject,
  live: KubeObject | undefined,
  generatedKeys: readonly string[],
  rotations?: readonly Rotation[],
): KubeObject {
  const merged = keepLiveValues(secret, decodeSecretData(desired), decodeSecretData(live), generatedKeys, rotations);
  const rebuilt = secretObject({
    name: desired.metadata.name ?? secret,
    namespace: desired.metadata.namespace ?? '',
    ...(typeof desired['type'] === 'string' ? { type: desired['type'] } : {}),
    data: merged.data,
  });
  const { stringData: _dropped, ...rest } = desired;
  return { ...rest, metadata: { ...desired.metadata }, data: rebuilt['data'] };
}

/**
 * A short fingerprint of a Secret's content: the first 16 hex characters of sha256 over the
 * Go-style JSON of `{data, type}` (decoded `stringData` merged into `data`). Changes exactly
 * when a key, a value or the type changes.
 */
export function secretHash(secret: KubeObject): string {
  const data: Record<string, string> = {};
  const decoded = decodeSecretData(secret);
  for (const key of Object.keys(decoded).sort()) data[key] = (decoded[key] as Buffer).toString('base64');
  const text = goJson({ type: secret['type'] ?? 'Opaque', data });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Annotation prefix on pod templates that makes workloads roll when a secret changes. */
export const SECRET_HASH_ANNOTATION_PREFIX = 'convoy.dev/secret-hash-';

/**
 * The annotation key for secret `name`: `convoy.dev/secret-hash-<name>`. The part after `/`
 * is limited to 63 characters (Kubernetes qualified names), so long names are cut and end
 * with 8 hex characters of their sha256 to stay unique.
 */
export function secretHashAnnotation(name: string): string {
  const local = `secret-hash-${name}`;
  if (local.length <= 63) return `convoy.dev/${local}`;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `convoy.dev/${local.slice(0, 54)}-${digest}`;
}

/** One secret's identity and content hash, for {@link annotateSecretHashes}. */
export interface SecretFingerprint {
  namespace: string;
  name: string;
  hash: string;
}

/**
 * Copies of `objects` where every workload whose pod spec refers to one of `secrets` (env,
 * envFrom, volumes, projected volumes, imagePullSecrets; same namespace) carries the
 * annotation {@link secretHashAnnotation} = hash on its pod template. Rotating a secret thus
 * changes exactly its users' pod templates, and only they roll. Objects that refer to none
 * are returned unchanged (same identity).
 */
export function annotateSecretHashes(
  objects: readonly KubeObject[],
  secrets: readonly SecretFingerprint[],
  defaultNamespace: string,
): KubeObject[] {
  const byKey = new Map(secrets.map((s) => [`${s.namespace}/${s.name}`, s]));
  return objects.map((obj) => {
    const ns = obj.metadata.namespace ?? defaultNamespace;
    const used = new Map<string, SecretFingerprint>();
    for (const ref of podReferences(obj)) {
      const hit = ref.kind === 'Secret' ? byKey.get(`${ns}/${ref.name}`) : undefined;
      if (hit) used.set(hit.name, hit);
    }
    if (used.size === 0) return obj;
    const copy = structuredClone(obj);
    const template = podTemplateOf(copy) as Record<string, unknown>;
    const metadata = (template['metadata'] ?? {}) as Record<string, unknown>;
    const annotations = { ...((metadata['annotations'] ?? {}) as Record<string, string>) };
    for (const s of [...used.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      annotations[secretHashAnnotation(s.name)] = s.hash;
    }
    template['metadata'] = { ...metadata, annotations };
    return copy;
  });
}
