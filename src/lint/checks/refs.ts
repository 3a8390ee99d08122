/**
 * The Secrets and ConfigMaps a pod spec refers to (core/v1: env valueFrom, envFrom,
 * volumes, projected volume sources, imagePullSecrets), with their `optional` flags.
 */
type Rec = Record<string, unknown>;

/** One reference from a pod to a Secret or ConfigMap. */
export interface PodRefTo {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  optional: boolean;
  /** Where: `env FOO`, `volume data`, `imagePullSecrets`. */
  where: string;
}

const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x) as Rec[]) : []);

/** Every Secret/ConfigMap reference of a pod spec. */
export function podReferences(spec: Rec): PodRefTo[] {
  const out: PodRefTo[] = [];
  const add = (kind: PodRefTo['kind'], ref: Rec | undefined, nameKey: string, where: string) => {
    if (!ref || typeof ref[nameKey] !== 'string') return;
    out.push({ kind, name: ref[nameKey] as string, optional: ref.optional === true, where });
  };
  const containers = [...arr(spec.initContainers), ...arr(spec.containers)];
  for (const c of containers) {
    for (const e of arr(c.env)) {
      const from = e.valueFrom as Rec | undefined;
      add('Secret', from?.secretKeyRef as Rec | undefined, 'name', `env ${String(e.name)}`);
      add('ConfigMap', from?.configMapKeyRef as Rec | undefined, 'name', `env ${String(e.name)}`);
    }
    for (const e of arr(c.envFrom)) {
      add('Secret', e.secretRef as Rec | undefined, 'name', 'envFrom');
      add('ConfigMap', e.configMapRef as Rec | undefined, 'name', 'envFrom');
    }
  }
  for (const v of arr(spec.volumes)) {
    const where = `volume ${String(v.name)}`;
    add('Secret', v.secret as Rec | undefined, 'secretName', where);
    add('ConfigMap', v.configMap as Rec | undefined, 'name', where);
    for (const s of arr((v.projected as Rec | undefined)?.sources)) {
      add('Secret', s.secret as Rec | undefined, 'name', where);
      add('ConfigMap', s.configMap as Rec | undefined, 'name', where);
    }
  }
  for (const s of arr(spec.imagePullSecrets)) add('Secret', s, 'name', 'imagePullSecrets');
  return out;
}
