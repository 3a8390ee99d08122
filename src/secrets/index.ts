/** Secrets convoy generates and keeps: build, stable values, hash suffixes, references, redaction. */
export { buildSecrets, LONG_LIVED_ANNOTATION, type BuiltSecret, type SecretBuildContext } from './build.ts';
export { buildBundle, type SecretLookup } from './bundle.ts';
export { certificateRequest } from './certificate.ts';
export { buildDockerConfigJson, DOCKERCONFIGJSON_TYPE } from './dockerconfig.ts';
export { readSecretEnv, type Environment } from './env.ts';
export { readSecretFiles } from './files.ts';
export { CHARSETS, generateValue, randomString } from './generate.ts';
export { kustomizeEncode, kustomizeHash, withHashSuffix, type Rename } from './hash-suffix.ts';
export { PRIVATE_FILE_MODE, writePrivateFile } from './local-file.ts';
export { decodeSecretData, secretObject } from './object.ts';
export { podReferences, podTemplateOf, type PodReference } from './pod-refs.ts';
export { REDACTED, Redactor, type RedactorOptions } from './redact.ts';
export { rewriteReferences } from './rewrite-references.ts';
export {
  annotateSecretHashes,
  isRotated,
  keepLiveValues,
  mergeWithLive,
  rotate,
  SECRET_HASH_ANNOTATION_PREFIX,
  secretHash,
  secretHashAnnotation,
  type SecretFingerprint,
} from './stable.ts';
export type { Rotation, SecretData } from './types.ts';
