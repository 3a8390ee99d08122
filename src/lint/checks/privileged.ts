/**
 * CV011 — privileged settings, as the Pod Security Standards define them
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/): privileged
 * containers, host namespaces (hostNetwork, hostPID, hostIPC), hostPath volumes,
 * capabilities added beyond NET_BIND_SERVICE (restricted allows only that one), and
 * running as user 0.
 */
import type { LintCheck } from '../types.ts';
import { allContainers, podObject } from './util.ts';

type Rec = Record<string, unknown>;

export const privileged: LintCheck = {
  id: 'CV011',
  severity: 'error',
  title: 'privileged settings',
  run: ({ pods }) =>
    pods.flatMap((p) => {
      const problems: string[] = [];
      for (const k of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
        if (p.spec[k] === true) problems.push(`${k}: true`);
      for (const v of (p.spec.volumes as Rec[] | undefined) ?? []) {
        if (v.hostPath) problems.push(`volume "${String(v.name)}" is a hostPath`);
      }
      const podCtx = (p.spec.securityContext ?? {}) as Rec;
      if (podCtx.runAsUser === 0) problems.push('pod runs as user 0 (root)');
      for (const c of allContainers(p)) {
        const sc = (c.securityContext ?? {}) as Rec;
        const name = `container "${String(c.name)}"`;
        if (sc.privileged === true) problems.push(`${name} is privileged`);
        if (sc.runAsUser === 0) problems.push(`${name} runs as user 0 (root)`);
        const add = ((sc.capabilities as Rec | undefined)?.add as string[] | undefined) ?? [];
        const extra = add.filter((cap) => cap.replace(/^CAP_/, '') !== 'NET_BIND_SERVICE');
        if (extra.length) problems.push(`${name} adds capabilities ${extra.join(', ')}`);
      }
      return problems.map((message) => ({
        object: podObject(p),
        component: p.component,
        message,
        fix: 'remove the setting; if the image really needs it, run it in a namespace with podSecurity level baseline or privileged',
      }));
    }),
};
