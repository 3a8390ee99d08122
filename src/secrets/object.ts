/** Secrets as Kubernetes objects: data (raw bytes) ⇄ `data` (base64), keys sorted. */
import type { KubeObject } from '../objects/types.ts';
import type { SecretData } from './types.ts';

/** Options of {@link secretObject}. */
export interface SecretObjectOptions {
  name: string;
  namespace: string;
  /** Default `Opaque`. */
  type?: string;
  data: SecretData;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A `v1/Secret` with `data` base64-encoded and keys sorted (stable output). */
export function secretObject(o: SecretObjectOptions): KubeObject {
  const metadata: KubeObject['metadata'] = { name: o.name, namespace: o.namespace };
  if (o.labels && Object.keys(o.labels).length > 0) metadata.labels = { ...o.labels };
  if (o.annotations && Object.keys(o.annotations).length > 0) metadata.annotations = { ...o.annotations };
  const data: Record<string, string> = {};
  for (const key of Object.keys(o.data).sort()) data[key] = (o.data[key] as Buffer).toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', metadata, type: o.type ?? 'Opaque', data };
}

/**
 * The decoded data of a Secret (e.g. a live one): `data` base64-decoded, and `stringData`
 * (which the API server never returns, but desired objects may carry) as UTF-8, winning over
 * `data` as the API server does. Undefined in → empty out.
 */
export function decodeSecretData(secret: KubeObject | undefined): SecretData {
  const out: SecretData = {};
  if (secret === undefined) return out;
  const data = secret['data'];
  if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = Buffer.from(v, 'base64');
  }
  const stringData = secret['stringData'];
  if (stringData !== null && typeof stringData === 'object') {
    for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') out[k] = Buffer.from(v, 'utf8');
  }
  return out;
}
