/**
 * Schema parts for network boundaries, Pod Security and high availability: component
 * `connects`/`exposes`/`podSelector`/`ha`, stack `networkPolicies`/`podSecurity`/`external`,
 * and the native workload fields for security context overrides, writable paths,
 * PodDisruptionBudgets and pod spreading. Joined into the one schema in ./schema.ts.
 */
import { z } from 'zod';

const PortNumber = z.number().int().min(1).max(65535);
const Protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const Labels = z.record(z.string(), z.string());

/**
 * One declared connection, `component[:port[/protocol]]`: `db`, `db:5432`, `dns:53/UDP`.
 * The port is the target's Service port (mapped to its container port for native
 * workloads); without a port, every port of the target. Protocol default TCP. The
 * component name is checked against the stack by src/stack/checks/connects.ts.
 */
export const CONNECTION_PATTERN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(:([0-9]{1,5})(\/(TCP|UDP|SCTP))?)?$/;

export const Connection = z
  .string()
  .regex(CONNECTION_PATTERN, { message: 'must be component[:port[/protocol]], e.g. db, db:5432 or dns:53/UDP' })
  .meta({
    description:
      'A component this one opens connections to: component[:port[/protocol]] (port: the Service port; protocol TCP, UDP or SCTP; default TCP; no port: every port).',
  });

const ExposeBase = {
  port: PortNumber.optional().meta({ description: 'Container port opened (default: every port of the component).' }),
  protocol: Protocol.default('TCP'),
};

/** Ingress from outside the stack: an ingress controller's namespace, a LoadBalancer (anywhere), or CIDR blocks. */
export const Expose = z.union([
  z
    .strictObject({
      namespace: z.string().min(1).meta({ description: "The ingress controller's namespace (e.g. traefik)." }),
      podSelector: Labels.optional().meta({ description: 'Only these pods of that namespace (default: all).' }),
      ...ExposeBase,
    })
    .meta({ description: 'Traffic from pods of another namespace, typically an ingress controller.' }),
  z
    .strictObject({ loadBalancer: z.literal(true), ...ExposeBase })
    .meta({ description: 'Traffic through a LoadBalancer Service: from any address (0.0.0.0/0 and ::/0).' }),
  z
    .strictObject({
      cidr: z.string().regex(/^[0-9a-fA-F:.]+\/[0-9]{1,3}$/, { message: 'must be a CIDR such as 10.0.0.0/8' }),
      except: z.array(z.string()).optional(),
      ...ExposeBase,
    })
    .meta({ description: 'Traffic from an address block (NetworkPolicy ipBlock).' }),
]);

/** Egress to an address block outside the stack (a managed database, an API, another site). */
export const Egress = z
  .strictObject({
    cidr: z.string().regex(/^[0-9a-fA-F:.]+\/[0-9]{1,3}$/, { message: 'must be a CIDR such as 10.0.0.0/8' }),
    except: z.array(z.string()).optional(),
    port: PortNumber.optional().meta({ description: 'Destination port (default: every port).' }),
    protocol: Protocol.default('TCP'),
  })
  .meta({ description: 'Traffic to an address block outside the stack (NetworkPolicy egress ipBlock).' });

/** `spec.networkPolicies`: `generate` makes default-deny plus per-component policies; `none` (default) makes none. */
export const NetworkPoliciesMode = z.enum(['generate', 'none']).default('none').meta({
  description:
    'generate: default-deny NetworkPolicies per namespace, DNS egress, and per-component policies allowing exactly the declared connects/exposes. Default none.',
});

/** Pod Security Standards levels (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export const PodSecurityLevel = z.enum(['restricted', 'baseline', 'privileged']);

/** `spec.podSecurity`: the `pod-security.kubernetes.io/enforce` level of namespaces convoy creates. */
export const PodSecuritySection = z
  .strictObject({
    level: PodSecurityLevel.default('restricted').meta({ description: 'Enforced level. Default restricted.' }),
    namespaces: z
      .record(z.string(), PodSecurityLevel)
      .optional()
      .meta({ description: 'A different level for some namespaces (by name).' }),
  })
  .meta({
    description:
      'Pod Security admission level enforced on the namespaces convoy creates (label pod-security.kubernetes.io/enforce). Default restricted.',
  });

/** `spec.external`: objects the stack uses but does not create (checked by `convoy lint`). */
export const ExternalSection = z
  .strictObject({
    secrets: z.array(z.string().min(1)).default([]).meta({ description: 'Secret names created outside the stack.' }),
    configMaps: z
      .array(z.string().min(1))
      .default([])
      .meta({ description: 'ConfigMap names created outside the stack.' }),
  })
  .meta({ description: 'Secrets and ConfigMaps that exist outside the stack (created by hand or another tool).' });

/** Component fields for network policies and HA. */
export const ComponentNetworkFields = {
  connects: z.array(Connection).optional().meta({
    description: 'Components this one connects to: component[:port[/protocol]]. Drives generated NetworkPolicies.',
  }),
  exposes: z
    .array(Expose)
    .optional()
    .meta({ description: 'Ingress from outside the stack (ingress controller namespace, LoadBalancer, CIDR).' }),
  egress: z.array(Egress).optional().meta({
    description:
      'Destinations outside the stack this component connects to (CIDR blocks, optional port). Drives generated NetworkPolicies.',
  }),
  podSelector: Labels.optional().meta({
    description:
      'Labels selecting the pods of a helm, kustomize or manifests component (for NetworkPolicies). Native workloads have their own.',
  }),
  ha: z.boolean().optional().meta({
    description: 'true: the component must run more than one replica (convoy lint); false: deliberately single.',
  }),
};

/** Container security context overrides for images that need them (core/v1 SecurityContext). */
export const SecurityContextOverride = z
  .strictObject({
    runAsUser: z.number().int().min(0).optional(),
    runAsGroup: z.number().int().min(0).optional(),
    fsGroup: z.number().int().min(0).optional().meta({ description: 'Pod fsGroup.' }),
    runAsNonRoot: z.boolean().optional().meta({ description: 'Default true.' }),
    readOnlyRootFilesystem: z.boolean().optional().meta({ description: 'Default true.' }),
    allowPrivilegeEscalation: z.boolean().optional().meta({ description: 'Default false.' }),
    privileged: z.boolean().optional(),
    capabilities: z
      .strictObject({ add: z.array(z.string()).optional(), drop: z.array(z.string()).optional() })
      .optional()
      .meta({ description: 'Default drop [ALL], add none.' }),
    seccompProfile: z
      .enum(['RuntimeDefault', 'Unconfined'])
      .optional()
      .meta({ description: 'Default RuntimeDefault.' }),
  })
  .meta({ description: 'Overrides of the restricted security defaults (Pod Security Standards).' });

const IntOrPercent = z.union([z.number().int().min(0), z.string().regex(/^[0-9]+%$/)]);

/** Native workload fields for HA and security. */
export const WorkloadHaFields = {
  podDisruptionBudget: z
    .union([z.strictObject({ minAvailable: IntOrPercent }), z.strictObject({ maxUnavailable: IntOrPercent })])
    .optional()
    .meta({ description: 'A PodDisruptionBudget (policy/v1): minAvailable or maxUnavailable.' }),
  topologySpread: z
    .strictObject({
      topologyKey: z.string().default('kubernetes.io/hostname'),
      maxSkew: z.number().int().min(1).default(1),
      whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']).default('ScheduleAnyway'),
    })
    .optional()
    .meta({ description: 'A topologySpreadConstraint over the workload pods. Default key kubernetes.io/hostname.' }),
  antiAffinity: z
    .enum(['preferred', 'required'])
    .optional()
    .meta({ description: 'Pod anti-affinity between the workload pods on kubernetes.io/hostname.' }),
  securityContext: SecurityContextOverride.optional(),
  writablePaths: z
    .array(z.string().startsWith('/'))
    .optional()
    .meta({ description: 'Writable directories on the read-only root filesystem (each an emptyDir), e.g. [/tmp].' }),
  imagePullSecrets: z.array(z.string().min(1)).optional().meta({ description: 'Registry credential Secret names.' }),
};
