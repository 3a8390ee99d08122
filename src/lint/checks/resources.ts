/**
 * CV002 — containers without resource requests (cpu and memory), CV003 — without a memory
 * limit. Requests drive scheduling and eviction order (Kubernetes: "Resource Management for
 * Pods and Containers"); a container without a memory limit can starve its node.
 */
import type { LintCheck } from '../types.ts';
import { allContainers, podObject } from './util.ts';

type Rec = Record<string, unknown>;
const res = (c: Rec, k: 'requests' | 'limits') => ((c.resources as Rec | undefined)?.[k] ?? {}) as Rec;

export const resourceRequests: LintCheck = {
  id: 'CV002',
  severity: 'warning',
  title: 'no resource requests',
  run: ({ pods }) =>
    pods.flatMap((p) =>
      allContainers(p).flatMap((c) => {
        const missing = ['cpu', 'memory'].filter((k) => res(c, 'requests')[k] === undefined);
        return missing.length
          ? [
              {
                object: podObject(p),
                component: p.component,
                message: `container "${String(c.name)}" requests no ${missing.join(' and no ')}`,
                fix: 'set resources: {requests: {cpu: 100m, memory: 256Mi}} to what the container needs',
              },
            ]
          : [];
      }),
    ),
};

export const resourceLimits: LintCheck = {
  id: 'CV003',
  severity: 'warning',
  title: 'no memory limit',
  run: ({ pods }) =>
    pods.flatMap((p) =>
      allContainers(p).flatMap((c) =>
        res(c, 'limits').memory === undefined
          ? [
              {
                object: podObject(p),
                component: p.component,
                message: `container "${String(c.name)}" has no memory limit`,
                fix: 'set resources: {limits: {memory: 1Gi}}',
              },
            ]
          : [],
      ),
    ),
};
