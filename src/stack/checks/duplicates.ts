/**
 * Names that must be unique once rendered: instance names (Helm release names) and the
 * Services of native workloads, per namespace. Checked for the stack's own affix and
 * namespace and for each environment's.
 */
import { ConvoyError, type SourcePosition } from '../../errors.ts';
import type { StackSpec } from '../schema.ts';
import { componentPath, workloadPath, type CheckContext } from './context.ts';

interface Claim {
  owner: string;
  position: SourcePosition;
}

/** `test-` + `panda` → `test-panda`; `panda` + `-dev` → `panda-dev`. */
export function applyAffix(name: string, affix: string | undefined): string {
  if (!affix) return name;
  return affix.endsWith('-') ? `${affix}${name}` : `${name}${affix}`;
}

/** The (namespace, affix) combinations the stack can be deployed with. */
function variants(
  spec: StackSpec['spec'],
): { envName: string | undefined; namespace: string | undefined; affix: string | undefined }[] {
  const base = { envName: undefined, namespace: spec.namespace, affix: spec.affix };
  const envs = Object.entries(spec.environments ?? {}).map(([envName, e]) => ({
    envName,
    namespace: e.namespace ?? spec.namespace,
    affix: e.affix ?? spec.affix,
  }));
  return [base, ...envs];
}

/**
 * @returns `E_DUPLICATE` when two components get the same instance (release) name in one
 *   namespace, or two workloads the same Service name in one namespace; at the second
 *   one, naming the line of the first.
 */
export function checkDuplicates({ stack, map }: CheckContext): ConvoyError[] {
  const spec = stack.spec;
  const errors = new Map<string, ConvoyError>();
  for (const v of variants(spec)) {
    const instances = new Map<string, Claim>();
    const services = new Map<string, Claim>();
    const inEnv = v.envName ? ` (in environment "${v.envName}")` : '';
    for (const [name, c] of Object.entries(spec.components)) {
      const namespace = c.namespace ?? v.namespace ?? 'default';
      const instance = c.helm?.releaseName ?? applyAffix(name, v.affix);
      const position = c.helm?.releaseName
        ? map.valueOf([...componentPath(name), 'helm', 'releaseName'])
        : map.keyOf(componentPath(name));
      const first = claim(instances, `${namespace}/${instance}`, { owner: `component "${name}"`, position });
      if (first && !errors.has(`i:${name}`)) {
        errors.set(
          `i:${name}`,
          new ConvoyError(
            'E_DUPLICATE',
            `component "${name}" has the instance name "${instance}" in namespace "${namespace}", like ${first.owner} (line ${first.position.line ?? '?'})${inEnv}`,
            {
              position,
              expected: 'one instance (Helm release) name per component and namespace',
              fix: 'Change helm.releaseName of one of them, or remove it to use the component name.',
            },
          ),
        );
      }
      for (const [workload, w] of Object.entries(c.native?.workloads ?? {})) {
        if (w.service === false || (w.ports ?? []).length === 0) continue;
        const service = w.service?.name ?? workload;
        const path = workloadPath(name, workload);
        const at = w.service?.name ? map.valueOf([...path, 'service', 'name']) : map.keyOf(path);
        const owner = `workload "${workload}" of component "${name}"`;
        const prior = claim(services, `${namespace}/${service}`, { owner, position: at });
        if (prior && !errors.has(`s:${name}/${workload}`)) {
          errors.set(
            `s:${name}/${workload}`,
            new ConvoyError(
              'E_DUPLICATE',
              `${owner} would create Service "${service}" in namespace "${namespace}", which ${prior.owner} (line ${prior.position.line ?? '?'}) creates too${inEnv}`,
              {
                position: at,
                expected: 'one Service name per namespace',
                fix: `Set service.name on one of them (e.g. service: {name: ${name}-${workload}}), or rename a workload.`,
              },
            ),
          );
        }
      }
    }
  }
  return [...errors.values()];
}

/** Records `key` for `c`; returns the earlier claim when there was one. */
function claim(claims: Map<string, Claim>, key: string, c: Claim): Claim | undefined {
  const first = claims.get(key);
  if (!first) claims.set(key, c);
  return first;
}
