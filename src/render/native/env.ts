/**
 * Container environment (core/v1 EnvVar, EnvFromSource).
 */
import type { WorkloadSpec } from '../../stack/schema.ts';

/**
 * `env` entries in the order written: scalars become strings; `{secret}`, `{configMap}` and
 * `{field}` become `valueFrom` secretKeyRef, configMapKeyRef and fieldRef.
 */
export function buildEnv(env: WorkloadSpec['env']): Record<string, unknown>[] | undefined {
  if (!env || Object.keys(env).length === 0) return undefined;
  return Object.entries(env).map(([name, v]) => {
    if (typeof v !== 'object') return { name, value: String(v) };
    if ('secret' in v) return { name, valueFrom: { secretKeyRef: { ...v.secret } } };
    if ('configMap' in v) return { name, valueFrom: { configMapKeyRef: { ...v.configMap } } };
    return { name, valueFrom: { fieldRef: { fieldPath: v.field } } };
  });
}

/** `envFrom` entries: `{secret}` → secretRef, `{configMap}` → configMapRef, with prefix and optional. */
export function buildEnvFrom(envFrom: WorkloadSpec['envFrom']): Record<string, unknown>[] | undefined {
  if (!envFrom || envFrom.length === 0) return undefined;
  return envFrom.map((e) =>
    'secret' in e
      ? { prefix: e.prefix, secretRef: { name: e.secret, optional: e.optional } }
      : { prefix: e.prefix, configMapRef: { name: e.configMap, optional: e.optional } },
  );
}
