/**
 * Fixes for values of the wrong type and for missing fields: the common slips in YAML
 * (a scalar for a list, an unquoted version number, quoted numbers, yes/no) and examples
 * of fields people forget.
 */
import type { DocPath } from './source-map.ts';
import { kindOf, type AnySchema } from './schema-walk.ts';

/** `add apiVersion: convoy.dev/v1alpha1`: examples for fields people forget. */
const EXAMPLES: Record<string, string> = {
  apiVersion: 'apiVersion: convoy.dev/v1alpha1',
  kind: 'kind: Stack',
  metadata: 'metadata: {name: my-stack}',
  spec: 'spec: {components: {web: {helm: {chart: ./charts/web}}}}',
  components: 'components: {web: {helm: {chart: ./charts/web}}}',
  name: 'name: my-name',
  chart: 'chart: ./charts/<name> (or a chart name with repo, or oci://…)',
  'kustomize.path': 'path: ./kustomize/<name>',
  'http.path': 'path: /healthz',
  files: 'files: [manifests/*.yaml]',
  workloads: 'workloads: {web: {image: registry.example.com/web:1.0}}',
  image: 'image: registry.example.com/app:1.0',
  port: 'port: 8080',
  mountPath: 'mountPath: /data',
  size: 'size: 1Gi',
  key: 'key: <key in the Secret or ConfigMap>',
};

/** `apiVersion: convoy.dev/v1alpha1`: an example line for a missing field, by `parent.field` or `field`. */
export function missingFieldExample(parent: string | number | undefined, field: string): string | undefined {
  return EXAMPLES[`${String(parent)}.${field}`] ?? EXAMPLES[field];
}

/** A fix for the common type slips: a scalar for a list, a number for a string, quotes on numbers. */
export function typeFix(schema: AnySchema, value: unknown, path: DocPath, raw: string | undefined): string | undefined {
  const key = [...path].reverse().find((p) => typeof p === 'string') ?? 'value';
  const kind = kindOf(schema);
  const text = raw ?? String(value);
  if (kind === 'array' && (typeof value === 'string' || typeof value === 'number')) {
    return `Write it as a list: ${key}: [${text}].`;
  }
  if (kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `Quote it so YAML reads a string: ${key}: "${text}".`;
  }
  if (kind === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    return `Remove the quotes: ${key}: ${value}.`;
  }
  if (kind === 'boolean' && typeof value === 'string' && /^(true|false|yes|no|on|off)$/i.test(value)) {
    return `Write true or false without quotes (YAML 1.2 reads "${value}" as a string).`;
  }
  if ((kind === 'object' || kind === 'record') && value === null) {
    return `Give "${key}" its entries (an indented block or {}), or remove the line.`;
  }
  if ((kind === 'object' || kind === 'record') && Array.isArray(value)) {
    return `Write "${key}" as a mapping (key: value lines), not a list ("- " items).`;
  }
  return undefined;
}
