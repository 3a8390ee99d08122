/**
 * The one schema of a convoy stack file (`convoy.yaml`, `apiVersion: convoy.dev/v1alpha1`,
 * `kind: Stack`) and of a TypeScript config module (`convoy.config.ts`). Everything else
 * is derived from it: the TypeScript types ({@link StackSpec}), validation with positions
 * (src/stack/load.ts) and the JSON Schema for editors (`schema/convoy.schema.json`,
 * written by `npm run schema`).
 *
 * Objects are strict: unknown fields are errors (reported with "did you mean").
 */
import { z } from 'zod';
import { DatabasesSection, PkiSection, SecretsSection } from './schema-secrets.ts';
import {
  ComponentNetworkFields,
  ExternalSection,
  NetworkPoliciesMode,
  PodSecurityLevel,
  PodSecuritySection,
  Egress,
  Expose,
  WorkloadHaFields,
} from './schema-network.ts';

/** RFC 1123 label as Kubernetes uses it for names (k8s.io/apimachinery IsDNS1123Label). */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_LABEL_MAX = 63;

/** A component, workload, environment or namespace name: a DNS-1123 label. */
export const Name = z
  .string()
  .max(DNS1123_LABEL_MAX)
  .regex(DNS1123_LABEL, {
    message: "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
  })
  .meta({ description: 'A DNS-1123 label (lowercase letters, digits and -; at most 63 characters).' });

/** A duration such as `30s`, `5m`, `1h30m`, `87600h` (Go's time.ParseDuration units s, m, h). */
export const Duration = z
  .string()
  .regex(/^(\d+(\.\d+)?(ms|s|m|h))+$/, { message: 'must be a duration such as 30s, 5m or 1h30m' })
  .meta({ description: 'A duration: a number with a unit (ms, s, m, h), e.g. 90s, 5m, 1h30m.' });

const StringMap = z.record(z.string(), z.string());
const Values = z.record(z.string(), z.unknown()).meta({ description: 'Helm values (a YAML mapping).' });

// ---------------------------------------------------------------- sources

/** A component rendered by the real `helm template`. */
export const HelmSource = z
  .strictObject({
    chart: z.string().min(1).meta({
      description:
        'A local chart directory (./charts/x, relative to the stack file), a chart name in `repo` (e.g. activemq), or an OCI reference (oci://registry/path/chart).',
    }),
    repo: z.string().url().optional().meta({ description: 'Chart repository URL (helm --repo).' }),
    version: z.string().optional().meta({ description: 'Chart version constraint (helm --version).' }),
    releaseName: Name.optional().meta({ description: 'Helm release name. Default: the component instance name.' }),
    values: z.array(z.string()).default([]).meta({
      description:
        'Values files relative to the stack file, applied in order. A trailing `?` marks a file as optional (skipped when missing). References such as ${environment} are expanded.',
    }),
    set: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'Single values (helm --set-json key=value), applied after files and inline values.' }),
    includeCrds: z
      .boolean()
      .default(true)
      .meta({ description: 'Render the chart crds/ directory (helm --include-crds).' }),
    subcomponents: z.array(Name).optional().meta({
      description:
        'Sub-components that can be disabled with --disable <component>.<sub>; disabling sets `<sub>.enabled=false`.',
    }),
    kubeVersion: z
      .string()
      .optional()
      .meta({ description: 'Kubernetes version for Capabilities (helm --kube-version).' }),
    apiVersions: z
      .array(z.string())
      .optional()
      .meta({ description: 'Extra API versions for Capabilities (helm --api-versions).' }),
  })
  .meta({ description: 'Render with `helm template`.' });

/** A component rendered by real kustomize (`kubectl kustomize`). */
export const KustomizeSource = z.strictObject({
  path: z.string().min(1).meta({ description: 'Directory holding kustomization.yaml, relative to the stack file.' }),
});

/** A component made of plain manifest files. */
export const ManifestsSource = z.strictObject({
  files: z
    .array(z.string().min(1))
    .min(1)
    .meta({ description: 'Manifest files or globs (e.g. manifests/*.yaml), relative to the stack file.' }),
});

// ---------------------------------------------------------------- native workloads

const PortNumber = z.number().int().min(1).max(65535);

export const Port = z.union([
  PortNumber,
  z.strictObject({
    name: z.string().max(15).optional(),
    port: PortNumber,
    targetPort: PortNumber.optional(),
    protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  }),
]);

export const Probe = z.union([
  z.string().startsWith('/').meta({ description: 'HTTP GET path on the first port.' }),
  z.strictObject({
    http: z
      .strictObject({
        path: z.string().startsWith('/'),
        port: PortNumber.optional(),
        scheme: z.enum(['HTTP', 'HTTPS']).optional(),
      })
      .optional(),
    tcp: z.strictObject({ port: PortNumber.optional() }).optional(),
    grpc: z.strictObject({ port: PortNumber.optional(), service: z.string().optional() }).optional(),
    exec: z.strictObject({ command: z.array(z.string()).min(1) }).optional(),
    initialDelaySeconds: z.number().int().min(0).optional(),
    periodSeconds: z.number().int().min(1).optional(),
    timeoutSeconds: z.number().int().min(1).optional(),
    failureThreshold: z.number().int().min(1).optional(),
    successThreshold: z.number().int().min(1).optional(),
  }),
]);

const Quantity = z.union([z.string(), z.number()]);
export const Resources = z.strictObject({
  requests: z
    .strictObject({ cpu: Quantity.optional(), memory: Quantity.optional(), 'ephemeral-storage': Quantity.optional() })
    .optional(),
  limits: z
    .strictObject({ cpu: Quantity.optional(), memory: Quantity.optional(), 'ephemeral-storage': Quantity.optional() })
    .optional(),
});

export const EnvValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.strictObject({ secret: z.strictObject({ name: z.string(), key: z.string(), optional: z.boolean().optional() }) }),
  z.strictObject({
    configMap: z.strictObject({ name: z.string(), key: z.string(), optional: z.boolean().optional() }),
  }),
  z.strictObject({ field: z.string().meta({ description: 'A fieldRef path, e.g. metadata.name or status.podIP.' }) }),
]);

export const EnvFrom = z.union([
  z.strictObject({ secret: z.string(), prefix: z.string().optional(), optional: z.boolean().optional() }),
  z.strictObject({ configMap: z.string(), prefix: z.string().optional(), optional: z.boolean().optional() }),
]);

export const Volume = z.strictObject({
  name: Name,
  mountPath: z.string().startsWith('/'),
  subPath: z.string().optional(),
  readOnly: z.boolean().optional(),
  emptyDir: z.strictObject({ sizeLimit: Quantity.optional(), medium: z.enum(['', 'Memory']).optional() }).optional(),
  secret: z.string().optional().meta({ description: 'Mount this Secret.' }),
  configMap: z.string().optional().meta({ description: 'Mount this ConfigMap.' }),
  claim: z.string().optional().meta({ description: 'Mount this existing PersistentVolumeClaim.' }),
  persistent: z
    .strictObject({
      size: Quantity,
      storageClassName: z.string().optional(),
      accessModes: z.array(z.string()).optional(),
    })
    .optional()
    .meta({ description: 'StatefulSet only: a volumeClaimTemplate of this size.' }),
});

export const Workload = z.strictObject({
  kind: z.enum(['Deployment', 'StatefulSet', 'Job', 'CronJob']).default('Deployment'),
  image: z.string().min(1),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  replicas: z.number().int().min(0).optional().meta({ description: 'Default 1 (Deployment/StatefulSet).' }),
  ports: z.array(Port).optional(),
  service: z
    .union([
      z.literal(false),
      z.strictObject({
        type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless']).default('ClusterIP'),
        name: Name.optional(),
        sessionAffinity: z
          .strictObject({ clientIP: z.strictObject({ timeoutSeconds: z.number().int().min(1).max(86400) }) })
          .optional(),
        annotations: StringMap.optional(),
      }),
    ])
    .optional()
    .meta({ description: 'The Service in front of the workload: created when it has ports unless false.' }),
  env: z.record(z.string(), EnvValue).optional(),
  envFrom: z.array(EnvFrom).optional(),
  probes: z.strictObject({ ready: Probe.optional(), live: Probe.optional(), startup: Probe.optional() }).optional(),
  resources: Resources.optional(),
  volumes: z.array(Volume).optional(),
  config: z
    .strictObject({ files: StringMap, mountPath: z.string().startsWith('/').optional() })
    .optional()
    .meta({ description: 'A ConfigMap named after the workload, mounted at mountPath (default /etc/<workload>).' }),
  schedule: z.string().optional().meta({ description: 'CronJob schedule (cron syntax). Required for kind CronJob.' }),
  backoffLimit: z.number().int().min(0).optional(),
  completions: z.number().int().min(1).optional(),
  activeDeadlineSeconds: z.number().int().min(1).optional(),
  strategy: z.enum(['RollingUpdate', 'Recreate']).optional(),
  serviceAccount: z.union([z.boolean(), Name]).default(true).meta({
    description:
      'true: create a ServiceAccount named after the workload; a name: use that one; false: the default one.',
  }),
  labels: StringMap.optional(),
  annotations: StringMap.optional(),
  ...WorkloadHaFields,
});

export const NativeSource = z.strictObject({
  workloads: z.record(Name, Workload).meta({ description: 'Workloads by name; each is a sub-component.' }),
});

// ---------------------------------------------------------------- component, environment, stack

export const Component = z.strictObject({
  description: z.string().optional(),
  needs: z.array(Name).default([]).meta({ description: 'Components that must be ready before this one starts.' }),
  namespace: Name.optional().meta({ description: 'Namespace of the component. Default: the stack namespace.' }),
  enabled: z.boolean().default(true).meta({ description: 'false leaves the component out unless --enable names it.' }),
  helm: HelmSource.optional(),
  kustomize: KustomizeSource.optional(),
  manifests: ManifestsSource.optional(),
  native: NativeSource.optional(),
  values: Values.optional().meta({ description: 'Inline Helm values, applied after the values files.' }),
  timeout: Duration.optional().meta({ description: 'Readiness timeout for the component. Default 5m.' }),
  ...ComponentNetworkFields,
});

export const Affix = z
  .string()
  .regex(/^([a-z0-9][-a-z0-9]*-|-[-a-z0-9]*[a-z0-9])$/, {
    message: "must be a prefix ending in '-' (test-) or a suffix starting with '-' (-dev)",
  })
  .meta({
    description:
      "Instance naming: a prefix ending in '-' (test- → test-panda) or a suffix starting with '-' (-dev → panda-dev).",
  });

export const Environment = z.strictObject({
  description: z.string().optional(),
  namespace: Name.optional().meta({ description: 'Overrides spec.namespace in this environment.' }),
  affix: Affix.optional().meta({ description: 'Overrides spec.affix in this environment.' }),
  values: z
    .record(Name, Values)
    .optional()
    .meta({ description: 'Helm values per component, deep-merged over the component values (later wins).' }),
  components: z
    .record(Name, z.record(z.string(), z.unknown()))
    .optional()
    .meta({ description: 'Partial component specs, deep-merged over the components (later wins).' }),
  enable: z.array(z.string()).optional().meta({ description: 'Components enabled in this environment.' }),
  disable: z
    .array(z.string())
    .optional()
    .meta({ description: 'Components or component.sub disabled in this environment.' }),
  vars: StringMap.optional().meta({ description: 'Variables for ${vars.NAME} references.' }),
});

export const StackSpecBody = z.strictObject({
  namespace: Name.optional().meta({ description: 'Default namespace of components. Default: default.' }),
  affix: Affix.optional(),
  vars: StringMap.optional().meta({ description: 'Variables for ${vars.NAME} references.' }),
  environments: z.record(Name, Environment).optional(),
  secrets: SecretsSection.optional(),
  pki: PkiSection.optional(),
  databases: DatabasesSection.optional(),
  networkPolicies: NetworkPoliciesMode,
  podSecurity: PodSecuritySection.optional(),
  external: ExternalSection.optional(),
  components: z.record(Name, Component),
});

export const Stack = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal('convoy.dev/v1alpha1'),
    kind: z.literal('Stack'),
    metadata: z.strictObject({
      name: Name,
      labels: StringMap.optional(),
      annotations: StringMap.optional(),
    }),
    spec: StackSpecBody,
  })
  .meta({ title: 'convoy Stack', description: 'A convoy stack: components, their needs and environments.' });

/** A validated stack (defaults applied). */
export type StackSpec = z.output<typeof Stack>;
/** What a user writes (defaults optional): the type of `defineStack()`'s argument. */
export type StackInput = z.input<typeof Stack>;
export type ComponentSpec = z.output<typeof Component>;
export type EnvironmentSpec = z.output<typeof Environment>;
export type HelmSourceSpec = z.output<typeof HelmSource>;
export type KustomizeSourceSpec = z.output<typeof KustomizeSource>;
export type ManifestsSourceSpec = z.output<typeof ManifestsSource>;
export type NativeSourceSpec = z.output<typeof NativeSource>;
export type WorkloadSpec = z.output<typeof Workload>;
export type ProbeSpec = z.output<typeof Probe>;
export type PortSpec = z.output<typeof Port>;
export type VolumeSpec = z.output<typeof Volume>;
export type PodSecurityLevelName = z.output<typeof PodSecurityLevel>;
export type ExposeSpec = z.output<typeof Expose>;
export type EgressSpec = z.output<typeof Egress>;

/** The source kinds of a component; exactly one must be set. */
export const SOURCE_KINDS = ['helm', 'kustomize', 'manifests', 'native'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Identity helper for TypeScript config modules: `export default defineStack({...})`. */
export function defineStack(stack: StackInput): StackInput {
  return stack;
}
