/**
 * Helpers shared by lint checks: containers of a pod template, kinds that run forever.
 */
import { containersOf } from '../../netpol/pods.ts';
import type { LintPod } from '../types.ts';

type Rec = Record<string, unknown>;

/** Kinds whose pods run continuously (probes and replicas matter). */
export const SERVING_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The app containers of a pod (not init or ephemeral ones). */
export function appContainers(pod: LintPod): Rec[] {
  return ((pod.spec.containers as Rec[] | undefined) ?? []).filter((c) => typeof c === 'object' && c !== null);
}

/** Every container of a pod, init containers included. */
export function allContainers(pod: LintPod): Rec[] {
  return containersOf(pod.spec);
}

/** The object ref of a pod's owner. */
export function podObject(pod: LintPod): string {
  return pod.name ?? '';
}
