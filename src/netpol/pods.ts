/**
 * The pods a set of rendered objects will run: one {@link PodRef} per pod template of a
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, PodTemplate or bare Pod.
 */
import type { KubeObject } from '../objects/types.ts';
import type { PodRef } from './types.ts';

/** A pod template found in the objects, with the object that holds it. */
export interface TemplatePod extends PodRef {
  /** The holding object. */
  owner: KubeObject;
  /** The pod spec (core/v1 PodSpec). */
  spec: Record<string, unknown>;
  /** Container port numbers with their protocols. */
  ports: { port: number; protocol: 'TCP' | 'UDP' | 'SCTP'; name?: string }[];
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;

/** The pod template (`{metadata, spec}`) of a workload object, or undefined for other kinds. */
export function podTemplateOf(o: KubeObject): { metadata?: Rec; spec?: Rec } | undefined {
  const spec = rec(o.spec);
  switch (o.kind) {
    case 'Pod':
      return { metadata: o.metadata as Rec, spec };
    case 'PodTemplate':
      return rec(o.template) as { metadata?: Rec; spec?: Rec } | undefined;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return rec(spec?.template) as { metadata?: Rec; spec?: Rec } | undefined;
    case 'CronJob':
      return rec(rec(rec(spec?.jobTemplate)?.spec)?.template) as { metadata?: Rec; spec?: Rec } | undefined;
    default:
      return undefined;
  }
}

/** Every container (init containers included) of a pod spec. */
export function containersOf(spec: Rec | undefined): Rec[] {
  return [
    ...((spec?.initContainers as Rec[] | undefined) ?? []),
    ...((spec?.containers as Rec[] | undefined) ?? []),
    ...((spec?.ephemeralContainers as Rec[] | undefined) ?? []),
  ].filter((c) => rec(c) !== undefined);
}

/** The pods of `objects`; namespace default `defaultNamespace`. */
export function podsOf(objects: readonly KubeObject[], defaultNamespace: string): TemplatePod[] {
  const out: TemplatePod[] = [];
  for (const o of objects) {
    const t = podTemplateOf(o);
    if (!t) continue;
    const labels = { ...(rec(t.metadata?.labels) as Record<string, string> | undefined) };
    const namedPorts: Record<string, number> = {};
    const ports: TemplatePod['ports'] = [];
    for (const c of (t.spec?.containers as Rec[] | undefined) ?? []) {
      for (const p of (c.ports as Rec[] | undefined) ?? []) {
        const port = Number(p.containerPort);
        if (!Number.isInteger(port)) continue;
        const name = typeof p.name === 'string' ? p.name : undefined;
        if (name) namedPorts[name] = port;
        ports.push({ port, protocol: (p.protocol as 'TCP' | 'UDP' | 'SCTP') ?? 'TCP', ...(name ? { name } : {}) });
      }
    }
    const namespace = o.metadata.namespace ?? defaultNamespace;
    out.push({
      namespace,
      labels,
      namedPorts,
      name: `${o.kind} ${namespace}/${o.metadata.name ?? ''}`,
      owner: o,
      spec: t.spec ?? {},
      ports,
    });
  }
  return out;
}
