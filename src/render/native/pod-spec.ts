/**
 * The pod template of a workload (core/v1 PodTemplateSpec) with its one container.
 */
import { createHash } from 'node:crypto';
import type { WorkloadContext } from './context.ts';
import { buildEnv, buildEnvFrom } from './env.ts';
import { workloadPorts } from './ports.ts';
import { buildProbe } from './probe.ts';
import { antiAffinity, topologySpread } from './scheduling.ts';
import { containerSecurityContext, podSecurityContext, writableVolumes } from './security.ts';
import { serviceAccountName } from './service-account.ts';
import { buildVolumes } from './volumes.ts';

/** Pod annotation holding the sha256 of the workload's config files, so a change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'convoy.dev/config-sha256';

/** sha256 of `config.files` (keys sorted), or undefined without config files. */
export function configHash(w: WorkloadContext): string | undefined {
  const files = w.spec.config?.files;
  if (!files) return undefined;
  const sorted = Object.keys(files)
    .sort()
    .map((k) => [k, files[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** A built pod template and the claim templates its volumes need. */
export interface BuiltPodTemplate {
  template: Record<string, unknown>;
  claimTemplates: Record<string, unknown>[];
}

/**
 * The pod template: labels (all workload labels), annotations (the workload's `annotations`
 * and {@link CONFIG_HASH_ANNOTATION}), the service account (see service-account.ts), one
 * container named after the workload with image, command, args, ports, env, envFrom,
 * resources, mounts, probes and the restricted security context (security.ts), the volumes
 * (plus one emptyDir per `writablePaths` entry), imagePullSecrets, and the anti-affinity and
 * topology spread of scheduling.ts. `restartPolicy` is set for Jobs (`Never`).
 *
 * @throws ConvoyError `E_RENDER` from probes and volumes.
 */
export function buildPodTemplate(w: WorkloadContext, restartPolicy?: 'Never' | 'OnFailure'): BuiltPodTemplate {
  const s = w.spec;
  const ports = workloadPorts(s.ports);
  const vols = buildVolumes(w);
  const writable = writableVolumes(w);
  const mounts = [...vols.mounts, ...writable.mounts];
  const volumes = [...vols.volumes, ...writable.volumes];
  const hash = configHash(w);
  const annotations = { ...s.annotations, ...(hash ? { [CONFIG_HASH_ANNOTATION]: hash } : {}) };
  const container = {
    name: w.workload,
    image: s.image,
    imagePullPolicy: s.imagePullPolicy,
    command: s.command ? [...s.command] : undefined,
    args: s.args ? [...s.args] : undefined,
    ports: ports.length
      ? ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }))
      : undefined,
    env: buildEnv(s.env),
    envFrom: buildEnvFrom(s.envFrom),
    resources: s.resources ? structuredClone(s.resources) : undefined,
    volumeMounts: mounts.length ? mounts : undefined,
    startupProbe: s.probes?.startup ? buildProbe(w, 'startup', s.probes.startup, ports) : undefined,
    readinessProbe: s.probes?.ready ? buildProbe(w, 'ready', s.probes.ready, ports) : undefined,
    livenessProbe: s.probes?.live ? buildProbe(w, 'live', s.probes.live, ports) : undefined,
    securityContext: containerSecurityContext(w),
  };
  const template = {
    metadata: {
      labels: { ...w.labels },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      serviceAccountName: serviceAccountName(w),
      restartPolicy,
      securityContext: podSecurityContext(w),
      imagePullSecrets: s.imagePullSecrets?.map((name) => ({ name })),
      affinity: antiAffinity(w),
      topologySpreadConstraints: topologySpread(w),
      containers: [container],
      volumes: volumes.length ? volumes : undefined,
    },
  };
  return { template, claimTemplates: vols.claimTemplates };
}
