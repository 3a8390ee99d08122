/**
 * Resolves one selected component: instance name, namespace, references expanded in
 * every string of its spec, sub-components disabled, paths made absolute, timeout parsed.
 */
import { ConvoyError } from '../errors.ts';
import { SOURCE_KINDS, type ComponentSpec, type SourceKind } from '../stack/schema.ts';
import type { LoadedStack } from '../stack/types.ts';
import { applyAffix, checkInstanceName } from './affix.ts';
import { DEFAULT_TIMEOUT_SECONDS, parseDuration } from './duration.ts';
import { type ChosenEnvironment, type DocPath, whereOf } from './locate.ts';
import { deepMerge } from './merge.ts';
import { chartPath, isLocalChart, kustomizePath, manifestFiles, valuesFiles, type ValuesEntry } from './paths.ts';
import { expandDeep, expandString, type ReferenceContext, referencesIn, type Where } from './references.ts';
import type { ResolvedComponent, ResolvedSource } from './types.ts';

/** What a component needs from the rest of the resolution. */
export interface ComponentInput {
  stack: LoadedStack;
  env: ChosenEnvironment | undefined;
  ctx: ReferenceContext;
  name: string;
  spec: ComponentSpec;
  /** Namespace after the component, environment and stack defaults. */
  namespace: string;
  affix: string | undefined;
  needs: string[];
  skippedNeeds: string[];
  disabledSubcomponents: string[];
}

/**
 * Builds the {@link ResolvedComponent}.
 *
 * @throws ConvoyError `E_NAME` (instance or release name too long / not DNS-1123),
 *   `E_REFERENCE` (unresolved `${...}`), `E_FILE` (missing chart, values file,
 *   kustomize directory or manifests), `E_SCHEMA` (no source).
 */
export function resolveComponent(input: ComponentInput): ResolvedComponent {
  const { stack, name, spec } = input;
  const position = stack.positionOf(['spec', 'components', name]);
  const where = (field: DocPath): Where => whereOf(stack, name, field, input.env);
  const instanceName = applyAffix(name, input.affix);
  checkInstanceName(instanceName, name, position);
  const sourceKind = SOURCE_KINDS.find((k) => spec[k] !== undefined);
  if (sourceKind === undefined) {
    throw new ConvoyError('E_SCHEMA', `component "${name}" has no source`, {
      position,
      expected: `one of ${SOURCE_KINDS.join(', ')}`,
      fix: 'Add a helm, kustomize, manifests or native section.',
    });
  }
  return {
    name,
    instanceName,
    namespace: input.namespace,
    needs: input.needs,
    skippedNeeds: input.skippedNeeds,
    disabledSubcomponents: input.disabledSubcomponents,
    sourceKind,
    source: resolveSource(input, sourceKind, where),
    timeoutSeconds:
      spec.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : parseDuration(spec.timeout, where(['timeout']).position),
    position,
    ...(spec.connects ? { connects: [...spec.connects] } : {}),
    ...(spec.exposes ? { exposes: structuredClone(spec.exposes) } : {}),
    ...(spec.egress ? { egress: structuredClone(spec.egress) } : {}),
    ...(spec.podSelector ? { podSelector: { ...spec.podSelector } } : {}),
    ...(spec.ha !== undefined ? { ha: spec.ha } : {}),
  };
}

function resolveSource(input: ComponentInput, kind: SourceKind, where: (f: DocPath) => Where): ResolvedSource {
  const { spec, ctx, stack } = input;
  const expand = <T>(value: T, field: string): T => expandDeep(value, ctx, (p) => where([field, ...p]));
  if (kind === 'helm' && spec.helm) {
    const { values: entries, ...rest } = spec.helm;
    const helm = expand(rest, 'helm');
    const valueEntries = helmValuesEntries(entries, ctx, where);
    let inlineValues = expand(spec.values ?? {}, 'values');
    for (const sub of input.disabledSubcomponents) {
      inlineValues = deepMerge(inlineValues, { [sub]: { enabled: false } }) as Record<string, unknown>;
    }
    if (helm.releaseName !== undefined)
      checkInstanceName(helm.releaseName, input.name, where(['helm', 'releaseName']).position);
    return {
      kind: 'helm',
      ...helm,
      values: valueEntries.map((e) => (e.optional ? `${e.path}?` : e.path)),
      valuesFiles: valuesFiles(stack.dir, valueEntries),
      inlineValues,
      chartPath: isLocalChart(helm.chart, helm.repo)
        ? chartPath(stack.dir, helm.chart, where(['helm', 'chart']))
        : undefined,
    };
  }
  if (kind === 'kustomize' && spec.kustomize) {
    const k = expand(spec.kustomize, 'kustomize');
    return { kind: 'kustomize', ...k, absPath: kustomizePath(stack.dir, k.path, where(['kustomize', 'path'])) };
  }
  if (kind === 'manifests' && spec.manifests) {
    const m = expand(spec.manifests, 'manifests');
    return {
      kind: 'manifests',
      ...m,
      absFiles: manifestFiles(stack.dir, m.files, (i) => where(['manifests', 'files', i])),
    };
  }
  const native = expand(spec.native ?? { workloads: {} }, 'native');
  const workloads = Object.fromEntries(
    Object.entries(native.workloads)
      .filter(([w]) => !input.disabledSubcomponents.includes(w))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  // Workloads sorted by name, so the resolved stack is the same whatever the key order.
  return { kind: 'native', ...native, workloads };
}

/**
 * Values file entries with references expanded. An optional entry (trailing `?`) that
 * uses `${environment}` while no environment is chosen is dropped, so
 * `values-${environment}.yaml?` applies only with `-e`.
 */
function helmValuesEntries(
  entries: readonly string[],
  ctx: ReferenceContext,
  where: (f: DocPath) => Where,
): ValuesEntry[] {
  const out: ValuesEntry[] = [];
  entries.forEach((raw, i) => {
    const optional = raw.endsWith('?');
    const text = optional ? raw.slice(0, -1) : raw;
    const w = where(['helm', 'values', i]);
    const needsEnvironment = referencesIn(text).some((r) => r.ref === 'environment' && r.fallback.kind === 'none');
    if (optional && needsEnvironment && ctx.environment === undefined) return;
    out.push({ path: expandString(text, ctx, w), optional, where: w });
  });
  return out;
}
