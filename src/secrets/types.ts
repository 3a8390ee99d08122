/** Shapes shared by the secret generators. */

/** Secret keys and their raw bytes (binary-safe; base64 only when written into a Secret). */
export type SecretData = Record<string, Buffer>;

/** A request to replace generated values: one key of one secret, or all its generated keys. */
export interface Rotation {
  /** The stack secret name. */
  secret: string;
  /** One key; undefined rotates every generated key (and re-issues its certificate). */
  key?: string;
}

/** Kubernetes secret key syntax (k8s.io/apimachinery IsConfigMapKey): `[-._a-zA-Z0-9]+`, at most 253 chars. */
export const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
