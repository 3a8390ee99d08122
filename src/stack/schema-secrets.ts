/**
 * The stack schema's generator sections: `spec.secrets`, `spec.pki` and `spec.databases`
 * (issue 5). Kept apart from ./schema.ts so the generators can grow without touching the
 * core schema; ./schema.ts imports {@link SecretsSection}, {@link PkiSection} and
 * {@link DatabasesSection} into `StackSpecBody`.
 *
 * Objects are strict (unknown fields are errors), like the rest of the stack schema.
 */
import { z } from 'zod';

// Name and Duration repeat ./schema.ts's rules: importing them would make an import cycle
// (schema.ts imports this file), and ESM cycles leave the constants uninitialised here.

/** A DNS-1123 label (k8s.io/apimachinery IsDNS1123Label), as ./schema.ts's Name. */
const Name = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    message: "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
  });

/** A Go-style duration (`90s`, `5m`, `87600h`), as ./schema.ts's Duration. */
const Duration = z
  .string()
  .regex(/^(\d+(\.\d+)?(ms|s|m|h))+$/, { message: 'must be a duration such as 30s, 5m or 1h30m' });

// ---------------------------------------------------------------- secrets

/** One generated value: made once, then kept (the copy in the cluster is the source of truth). */
export const GeneratedValue = z
  .strictObject({
    kind: z.enum(['password', 'token', 'uuid', 'bytes']).default('password').meta({
      description:
        'password: random characters of `charset` (default alnum-symbols); token: random characters of `charset` (default alnum); uuid: a random UUID v4 (length ignored); bytes: `length` random bytes, stored raw (or as text in `charset` hex/base64).',
    }),
    length: z
      .number()
      .int()
      .min(1)
      .max(4096)
      .default(32)
      .meta({ description: 'Characters (password, token) or bytes (bytes). Default 32.' }),
    charset: z
      .enum(['alnum', 'alnum-symbols', 'hex', 'base64'])
      .optional()
      .meta({ description: 'Character set. Default: alnum-symbols for password, alnum for token, raw for bytes.' }),
  })
  .meta({ description: 'A random value generated once and kept across applies.' });

/** Files as secret keys: a directory (every regular file, key = file name) and/or a list. */
export const SecretFiles = z
  .strictObject({
    dir: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'A directory relative to the stack file; each regular file becomes a key named after it.' }),
    list: z.array(z.string().min(1)).optional().meta({
      description: 'Files relative to the stack file: `path` (key = file name) or `key=path`.',
    }),
  })
  .meta({ description: 'Keys from files (binary-safe).' });

/** A key from an environment variable of the process running convoy. */
export const SecretEnv = z.strictObject({
  var: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be an environment variable name' })
    .meta({ description: 'Name of the environment variable.' }),
  optional: z
    .boolean()
    .default(false)
    .meta({ description: 'true: a missing variable leaves the key out instead of failing. Default false.' }),
});

/** A value taken from another secret of the stack (`secret` + `key`) or given literally. */
export const SecretRef = z.union([
  z.string().meta({ description: 'A literal value or a ${...} reference.' }),
  z.strictObject({ secret: Name, key: z.string().min(1) }).meta({ description: 'A key of another stack secret.' }),
  z.strictObject({ env: z.string().min(1) }).meta({ description: 'An environment variable.' }),
]);

/** Registry credentials as a `kubernetes.io/dockerconfigjson` secret. */
export const DockerConfigJson = z
  .strictObject({
    registry: z.string().min(1).meta({ description: 'Registry host, e.g. ghcr.io or https://index.docker.io/v1/.' }),
    username: SecretRef,
    password: SecretRef,
    email: z.string().optional(),
  })
  .meta({ description: 'Registry credentials (type kubernetes.io/dockerconfigjson, key .dockerconfigjson).' });

/** A leaf certificate issued by a `pki` entry; the secret gets tls.crt, tls.key, ca.crt, chain.pem. */
export const SecretCertificate = z
  .strictObject({
    issuer: Name.meta({ description: 'The `pki` entry that signs the certificate.' }),
    commonName: z.string().min(1).max(64).optional().meta({
      description: 'Subject CN. Default: the first DNS name, else the secret name.',
    }),
    dnsNames: z.array(z.string().min(1)).optional().meta({ description: 'Extra DNS subject alternative names.' }),
    ipAddresses: z.array(z.string().min(1)).optional().meta({ description: 'IP subject alternative names.' }),
    component: Name.optional().meta({
      description:
        'Add SANs for every Service of this component: name, name.ns, name.ns.svc, name.ns.svc.cluster.local.',
    }),
    usages: z
      .array(z.enum(['serverAuth', 'clientAuth']))
      .min(1)
      .default(['serverAuth'])
      .meta({ description: 'Extended key usages. Default [serverAuth].' }),
    validity: Duration.default('8760h').meta({ description: 'Lifetime of the certificate. Default 8760h (1 year).' }),
    renewBefore: Duration.default('720h').meta({
      description: 'Re-issue on apply when the certificate expires within this duration. Default 720h (30 days).',
    }),
    formats: z
      .array(z.enum(['pem', 'der']))
      .min(1)
      .default(['pem'])
      .meta({
        description: 'Output formats: pem (tls.crt, tls.key, ca.crt, chain.pem), der (tls.der, tls.key.der, ca.der).',
      }),
  })
  .meta({ description: 'A TLS certificate and key from the stack PKI.' });

/** One source of a bundle: a key of another stack secret, or a file. */
export const BundleSource = z.union([
  z.strictObject({ secret: Name, key: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1).meta({ description: 'A file relative to the stack file.' }) }),
]);

/** A key made by concatenating PEM (or text) sources in order, e.g. a trust bundle. */
export const SecretBundle = z
  .strictObject({
    key: z.string().min(1).meta({ description: 'The key of the bundle, e.g. all_root_certs.pem.' }),
    sources: z.array(BundleSource).min(1),
  })
  .meta({ description: 'Concatenate sources in order (newline-normalised), e.g. root certificates into one bundle.' });

/** One secret of the stack. Its sources combine; keys must not collide. */
export const SecretSpec = z
  .strictObject({
    type: z.string().optional().meta({
      description: 'Secret type. Default Opaque (kubernetes.io/tls for certificates, dockerconfigjson for registries).',
    }),
    generate: z.record(z.string().min(1), GeneratedValue).optional(),
    files: SecretFiles.optional(),
    env: z.record(z.string().min(1), SecretEnv).optional(),
    dockerconfigjson: DockerConfigJson.optional(),
    certificate: SecretCertificate.optional(),
    bundle: SecretBundle.optional(),
    hashSuffix: z.boolean().default(false).meta({
      description:
        'Append a content hash to the name (Kustomize-style, e.g. certs-5f7kt9m2bc) and rewrite every reference to it.',
    }),
    longLived: z.boolean().default(false).meta({
      description: 'Never pruned or destroyed without --purge (PanDA-style secrets installed once).',
    }),
    namespace: Name.optional().meta({ description: 'Namespace of the secret. Default: the stack namespace.' }),
  })
  .meta({ description: 'A Secret convoy builds and keeps: generated, from files or environment, or a certificate.' });

/** `spec.secrets`: secrets by name. */
export const SecretsSection = z
  .record(Name, SecretSpec)
  .meta({ description: 'Secrets convoy makes and keeps, by name.' });

// ---------------------------------------------------------------- pki

/** Key algorithms for CAs and certificates. */
export const KeyAlgorithm = z.enum(['ecdsa-p256', 'rsa-2048', 'rsa-3072', 'rsa-4096']);

/** One certificate authority. */
export const PkiSpec = z
  .strictObject({
    commonName: z.string().min(1).max(64).meta({ description: 'Subject CN of the root CA.' }),
    validity: Duration.default('87600h').meta({ description: 'Lifetime of the root CA. Default 87600h (10 years).' }),
    algorithm: KeyAlgorithm.default('ecdsa-p256').meta({
      description: 'Key algorithm of the CA and of the certificates it issues. Default ecdsa-p256.',
    }),
    intermediate: z
      .strictObject({
        commonName: z.string().min(1).max(64),
        validity: Duration.default('87600h'),
      })
      .optional()
      .meta({ description: 'An intermediate CA signed by the root; it signs the leaf certificates (step-ca style).' }),
    external: z
      .strictObject({
        cert: z.string().min(1).meta({ description: 'PEM file of the CA certificate (relative to the stack file).' }),
        key: z.string().min(1).meta({ description: 'PEM file of the CA private key (PKCS#8).' }),
      })
      .optional()
      .meta({ description: 'Use an existing CA from files instead of generating one.' }),
    certManager: z
      .strictObject({ issuerKind: z.enum(['Issuer', 'ClusterIssuer']).default('Issuer') })
      .optional()
      .meta({ description: 'Emit cert-manager Issuer/ClusterIssuer and Certificate objects instead of secrets.' }),
  })
  .meta({ description: 'A certificate authority: generated and kept in the cluster, or from files.' });

/** `spec.pki`: certificate authorities by name. */
export const PkiSection = z.record(Name, PkiSpec).meta({ description: 'Certificate authorities by name.' });

// ---------------------------------------------------------------- databases

/** One database bootstrapped on an existing server. */
export const DatabaseSpec = z
  .strictObject({
    engine: z.enum(['postgresql', 'mariadb']).meta({ description: 'postgresql, or mariadb (also MySQL).' }),
    host: z.string().min(1).meta({ description: 'Server host name or IP, as convoy reaches it.' }),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .meta({ description: 'Default 5432 (postgresql) or 3306 (mariadb).' }),
    admin: z
      .strictObject({
        secret: Name.optional().meta({ description: 'A stack secret with keys `username` and `password`.' }),
        env: z
          .strictObject({ user: z.string().min(1), password: z.string().min(1) })
          .optional()
          .meta({ description: 'Environment variables holding the admin user and password.' }),
      })
      .meta({ description: 'Administrator credentials: from a secret or the environment.' }),
    owner: z.string().min(1).max(63).meta({ description: 'The role/user created and owning the database.' }),
    passwordSecret: z
      .strictObject({ name: Name, key: z.string().min(1).default('password') })
      .meta({ description: 'The stack secret (and key, default password) holding the owner password.' }),
    database: z.string().min(1).max(63).optional().meta({ description: 'Database name. Default: the owner name.' }),
    grants: z.array(z.string().min(1)).optional().meta({
      description:
        'Extra privileges on the database granted to the owner, e.g. [CONNECT, TEMPORARY] (postgresql) or [SELECT, INSERT] (mariadb). The owner has all privileges already.',
    }),
  })
  .meta({ description: 'A role/user and database created idempotently before the components that need it.' });

/** `spec.databases`: database bootstraps by name. */
export const DatabasesSection = z
  .record(Name, DatabaseSpec)
  .meta({ description: 'Databases bootstrapped (role, database, grants) by name.' });

export type GeneratedValueSpec = z.output<typeof GeneratedValue>;
export type SecretFilesSpec = z.output<typeof SecretFiles>;
export type SecretEnvSpec = z.output<typeof SecretEnv>;
export type SecretRefSpec = z.output<typeof SecretRef>;
export type DockerConfigJsonSpec = z.output<typeof DockerConfigJson>;
export type SecretCertificateSpec = z.output<typeof SecretCertificate>;
export type SecretBundleSpec = z.output<typeof SecretBundle>;
export type BundleSourceSpec = z.output<typeof BundleSource>;
export type SecretConfig = z.output<typeof SecretSpec>;
export type KeyAlgorithmName = z.output<typeof KeyAlgorithm>;
export type PkiConfig = z.output<typeof PkiSpec>;
export type DatabaseConfig = z.output<typeof DatabaseSpec>;
