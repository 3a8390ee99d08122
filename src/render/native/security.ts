/**
 * Pod Security "restricted" defaults of native workloads, and their overrides.
 *
 * The rules come from the Kubernetes Pod Security Standards, level restricted
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/): running as
 * non-root, seccomp profile RuntimeDefault or Localhost, `allowPrivilegeEscalation: false`,
 * capabilities drop ALL (add only NET_BIND_SERVICE). A read-only root filesystem is not
 * required by the standard but is convoy's default too; `writablePaths` become emptyDirs.
 */
import type { WorkloadContext } from './context.ts';

/** Prefix of the emptyDir volumes made for `writablePaths` (`writable-0`, `writable-1`, …). */
export const WRITABLE_VOLUME_PREFIX = 'writable-';

/**
 * The pod-level securityContext: `runAsNonRoot: true` (unless overridden; false when
 * `runAsUser: 0`), `seccompProfile.type: RuntimeDefault` (or the override), and
 * runAsUser/runAsGroup/fsGroup when given.
 */
export function podSecurityContext(w: WorkloadContext): Record<string, unknown> {
  const o = w.spec.securityContext ?? {};
  const runAsNonRoot = o.runAsNonRoot ?? (o.runAsUser === 0 ? false : true);
  return {
    runAsNonRoot,
    runAsUser: o.runAsUser,
    runAsGroup: o.runAsGroup,
    fsGroup: o.fsGroup,
    seccompProfile: { type: o.seccompProfile ?? 'RuntimeDefault' },
  };
}

/**
 * The container securityContext: `allowPrivilegeEscalation: false`, `capabilities.drop:
 * [ALL]` (plus `add` when given), `readOnlyRootFilesystem: true`, and `privileged` only
 * when set — each overridable by `securityContext`.
 */
export function containerSecurityContext(w: WorkloadContext): Record<string, unknown> {
  const o = w.spec.securityContext ?? {};
  const add = o.capabilities?.add;
  return {
    allowPrivilegeEscalation: o.allowPrivilegeEscalation ?? false,
    privileged: o.privileged,
    readOnlyRootFilesystem: o.readOnlyRootFilesystem ?? true,
    capabilities: {
      drop: [...(o.capabilities?.drop ?? ['ALL'])],
      ...(add && add.length ? { add: [...add] } : {}),
    },
  };
}

/** Pod volumes and container mounts for `writablePaths`: one emptyDir each, in order. */
export function writableVolumes(w: WorkloadContext): {
  volumes: Record<string, unknown>[];
  mounts: Record<string, unknown>[];
} {
  const paths = w.spec.writablePaths ?? [];
  return {
    volumes: paths.map((_, i) => ({ name: `${WRITABLE_VOLUME_PREFIX}${i}`, emptyDir: {} })),
    mounts: paths.map((p, i) => ({ name: `${WRITABLE_VOLUME_PREFIX}${i}`, mountPath: p })),
  };
}
