/**
 * Content-hashed names for Secrets and ConfigMaps, exactly as Kustomize's generators make
 * them (sigs.k8s.io/kustomize/api/hasher, `Hasher.Hash`):
 *
 * 1. encode the object as Go's `json.Marshal` of a map (keys sorted):
 *    - ConfigMap: `{"binaryData"?, "data", "kind": "ConfigMap", "name"}`
 *    - Secret: `{"data", "kind": "Secret", "name", "stringData"?, "type"}`
 *    where a missing `data`/`type` is the empty string `""`, Secret `data` values are in
 *    Kustomize's wrapped base64 ({@link kustomizeBase64}), and `binaryData` /
 *    `stringData` appear only when present. `name` is always `""` in practice: the hasher
 *    reads it with `yaml.Lookup("metadata/name")`, which looks for one top-level field
 *    literally called `metadata/name`, so the object's name never enters the hash (checked
 *    against `kubectl kustomize` v5.7.1 in test/unit/secrets-hash-suffix.test.ts);
 * 2. sha256 of that text, as lower-case hex;
 * 3. the first 10 hex characters with 0→g, 1→h, 3→k, a→m, e→t (so the suffix never looks
 *    like a number or contains a vowel-made word; from kubectl's hash.go).
 *
 * The name becomes `<name>-<suffix>`.
 */
import { createHash } from 'node:crypto';
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import { goJson } from './go-json.ts';

/** A name change made by a hash suffix: every reference to `from` in `namespace` must become `to`. */
export interface Rename {
  kind: 'Secret' | 'ConfigMap';
  namespace: string;
  from: string;
  to: string;
}

/** Kustomize's encoding of a ConfigMap or Secret (step 1 above). */
export function kustomizeEncode(obj: KubeObject): string {
  const field = (v: unknown): unknown => (v === undefined || v === null ? '' : v);
  const name = field((obj as Record<string, unknown>)['metadata/name']);
  if (obj.kind === 'ConfigMap') {
    const m: Record<string, unknown> = { kind: 'ConfigMap', name, data: field(obj['data']) };
    if (isMap(obj['binaryData'])) m['binaryData'] = obj['binaryData'];
    return goJson(m);
  }
  if (obj.kind === 'Secret') {
    const data = obj['data'];
    const wrapped = isMap(data)
      ? Object.fromEntries(
          Object.entries(data as Record<string, unknown>).map(([k, v]) => [
            k,
            typeof v === 'string' ? kustomizeBase64(v.replace(/\s+/g, '')) : v,
          ]),
        )
      : data;
    const m: Record<string, unknown> = { kind: 'Secret', type: field(obj['type']), name, data: field(wrapped) };
    if (isMap(obj['stringData'])) m['stringData'] = obj['stringData'];
    return goJson(m);
  }
  throw new ConvoyError('E_INTERNAL', `hash suffixes are for ConfigMaps and Secrets, not ${obj.kind}`);
}

/**
 * Base64 text as Kustomize's secret generator writes it into `data` (api/kv `encodeBase64`):
 * when the encoding is 70 characters or longer, it is cut into lines of 70, each followed by
 * a newline. The hash is taken over this form, so values longer than 52 bytes hash
 * differently from plain base64. `b64` is plain base64 without line breaks.
 */
export function kustomizeBase64(b64: string): string {
  const lineLen = 70;
  if (Math.floor(b64.length / lineLen) + 1 <= 1) return b64;
  let out = '';
  for (let i = 0; i < b64.length; i += lineLen) out += `${b64.slice(i, i + lineLen)}\n`;
  return out;
}

/** Kustomize's 10-character suffix of a ConfigMap or Secret (steps 1–3). */
export function kustomizeHash(obj: KubeObject): string {
  const hex = createHash('sha256').update(kustomizeEncode(obj), 'utf8').digest('hex');
  return encodeHex(hex);
}

/** Step 3: the first 10 hex characters with 0→g, 1→h, 3→k, a→m, e→t. */
export function encodeHex(hex: string): string {
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/**
 * A copy of `obj` named `<name>-<hash>` and the {@link Rename} to apply to references.
 * `defaultNamespace` stands in for a missing `metadata.namespace`.
 */
export function withHashSuffix(obj: KubeObject, defaultNamespace: string): { object: KubeObject; rename: Rename } {
  const from = obj.metadata?.name ?? '';
  const to = `${from}-${kustomizeHash(obj)}`;
  const object: KubeObject = { ...obj, metadata: { ...obj.metadata, name: to } };
  return {
    object,
    rename: {
      kind: obj.kind as Rename['kind'],
      namespace: obj.metadata?.namespace ?? defaultNamespace,
      from,
      to,
    },
  };
}

function isMap(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
