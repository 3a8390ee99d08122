/**
 * Workload volumes: pod volumes, container mounts, and StatefulSet volumeClaimTemplates.
 */
import type { VolumeSpec } from '../../stack/schema.ts';
import { workloadError, type WorkloadContext } from './context.ts';

/** Name of the pod volume that holds the workload's `config` files. */
export const CONFIG_VOLUME = 'convoy-config';

/** What a workload's volumes become. */
export interface BuiltVolumes {
  volumes: Record<string, unknown>[];
  mounts: Record<string, unknown>[];
  /** PersistentVolumeClaim templates (StatefulSet only). */
  claimTemplates: Record<string, unknown>[];
}

function source(w: WorkloadContext, v: VolumeSpec): Record<string, unknown> | undefined {
  const given = (['emptyDir', 'secret', 'configMap', 'claim', 'persistent'] as const).filter((k) => v[k] !== undefined);
  if (given.length > 1) {
    throw workloadError(w, `volume "${v.name}" sets ${given.join(' and ')}`, 'give each volume one source');
  }
  if (v.persistent) return undefined;
  if (v.secret !== undefined) return { secret: { secretName: v.secret } };
  if (v.configMap !== undefined) return { configMap: { name: v.configMap } };
  if (v.claim !== undefined) return { persistentVolumeClaim: { claimName: v.claim } };
  return { emptyDir: { ...v.emptyDir } };
}

/**
 * Pod volumes and mounts of `w.spec.volumes` (a volume without a source is an emptyDir),
 * plus the `config` files volume ({@link CONFIG_VOLUME}, mounted at `config.mountPath`,
 * default `/etc/<workload>`, read-only). `persistent` volumes become volumeClaimTemplates
 * (access mode default ReadWriteOnce).
 *
 * @throws ConvoyError `E_RENDER` for `persistent` outside a StatefulSet, for a volume with
 *   two sources, and for a volume named like the config volume.
 */
export function buildVolumes(w: WorkloadContext): BuiltVolumes {
  const out: BuiltVolumes = { volumes: [], mounts: [], claimTemplates: [] };
  for (const v of w.spec.volumes ?? []) {
    if (v.name === CONFIG_VOLUME && w.spec.config) {
      throw workloadError(w, `volume name "${CONFIG_VOLUME}" is reserved for config files`, 'rename the volume');
    }
    const src = source(w, v);
    if (v.persistent) {
      if ((w.spec.kind ?? 'Deployment') !== 'StatefulSet') {
        throw workloadError(
          w,
          `volume "${v.name}" is persistent but the workload is a ${w.spec.kind ?? 'Deployment'}`,
          'use kind: StatefulSet, or mount an existing claim with claim: <name>',
        );
      }
      out.claimTemplates.push({
        metadata: { name: v.name, labels: { ...w.selector } },
        spec: {
          accessModes: [...(v.persistent.accessModes ?? ['ReadWriteOnce'])],
          storageClassName: v.persistent.storageClassName,
          resources: { requests: { storage: v.persistent.size } },
        },
      });
    } else {
      out.volumes.push({ name: v.name, ...src });
    }
    out.mounts.push({ name: v.name, mountPath: v.mountPath, subPath: v.subPath, readOnly: v.readOnly });
  }
  if (w.spec.config) {
    out.volumes.push({ name: CONFIG_VOLUME, configMap: { name: w.name } });
    out.mounts.push({
      name: CONFIG_VOLUME,
      mountPath: w.spec.config.mountPath ?? `/etc/${w.workload}`,
      readOnly: true,
    });
  }
  return out;
}
