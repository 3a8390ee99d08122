/**
 * Says in words what a schema accepts: `a list of component names`, `a whole number from
 * 1 to 65535`, `one of Deployment, StatefulSet, Job, CronJob`. Well-known parts of the
 * stack schema have hand-written words; the rest is derived from the zod definition.
 */
import {
  Affix,
  Component,
  Duration,
  EnvValue,
  Environment,
  HelmSource,
  ManifestsSource,
  Name,
  NativeSource,
  Port,
  Probe,
  Stack,
  StackSpecBody,
  Workload,
} from './schema.ts';
import { checksOf, defOf, layers, objectKeys, unwrap, type AnySchema } from './schema-walk.ts';

const PORT_FIELDS = 'port, name, targetPort, protocol';

/** Hand-written words for schemas whose derived description would be vague. */
const WORDS = new Map<AnySchema, string>([
  [Name, "a DNS-1123 name (lowercase letters, digits and '-')"],
  [Duration, 'a duration such as 30s, 5m or 1h30m'],
  [Affix, "a prefix ending in '-' (test-) or a suffix starting with '-' (-dev)"],
  [Port, `a port number (1-65535) or a mapping with ${PORT_FIELDS}`],
  [Probe, "an HTTP path starting with '/' or a mapping with http, tcp, grpc or exec"],
  [EnvValue, 'a string, number, true/false, or a mapping with secret, configMap or field'],
  [Stack, 'a stack: a mapping with apiVersion, kind, metadata and spec'],
  [Component, 'a component: a mapping with one of helm, kustomize, manifests or native'],
  [Workload, 'a workload: a mapping with image (and ports, replicas, probes, …)'],
  [Environment, 'an environment: a mapping with values, components, enable, disable, …'],
  [HelmSource, 'a mapping with chart (and repo, version, values, …)'],
  [Component.shape.needs, 'a list of component names'],
  [Component.shape.values, 'a mapping of Helm values'],
  [HelmSource.shape.values, 'a list of values file paths'],
  [HelmSource.shape.subcomponents, 'a list of sub-component names'],
  [HelmSource.shape.set, 'a mapping of value paths to strings, numbers or true/false'],
  [ManifestsSource.shape.files, 'a non-empty list of file paths or globs'],
  [NativeSource.shape.workloads, 'a mapping of workload names to workloads'],
  [Workload.shape.ports, `a list of ports (numbers, or mappings with ${PORT_FIELDS})`],
  [Workload.shape.service, 'false, or a mapping with type, name, sessionAffinity, annotations'],
  [Workload.shape.serviceAccount, 'true, false, or a service account name'],
  [StackSpecBody.shape.components, 'a mapping of component names to components'],
  [StackSpecBody.shape.environments, 'a mapping of environment names to environments'],
  [Environment.shape.values, 'a mapping of component names to Helm values'],
  [Environment.shape.components, 'a mapping of component names to partial components'],
  [Environment.shape.enable, 'a list of component names'],
  [Environment.shape.disable, "a list of component names or 'component.sub' names"],
]);

/** Example fixes for schemas whose wrong values need more than the expected type. */
const FIXES = new Map<AnySchema, string>([
  [Port, 'Write the port number (e.g. 8080), or a mapping such as {port: 8080, name: http}.'],
  [Probe, 'Write an HTTP path such as /healthz, or a mapping such as {tcp: {port: 5432}}.'],
  [
    EnvValue,
    'Write a plain value, or {secret: {name: <secret>, key: <key>}}, {configMap: {…}} or {field: metadata.name}.',
  ],
]);

/** A fix with an example of a valid value for `schema`, when there is one. */
export function exampleFix(schema: AnySchema): string | undefined {
  for (const layer of layers(schema)) {
    const fix = FIXES.get(layer);
    if (fix) return fix;
  }
  return undefined;
}

/** In words, what `schema` accepts. */
export function describeSchema(schema: AnySchema): string {
  for (const layer of layers(schema)) {
    const words = WORDS.get(layer);
    if (words) return words;
  }
  const s = unwrap(schema);
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return describeString(s);
    case 'number':
      return describeNumber(s);
    case 'boolean':
      return 'true or false';
    case 'literal':
      return (d.values ?? []).map(literal).join(' or ');
    case 'enum':
      return `one of ${Object.values(d.entries ?? {}).join(', ')}`;
    case 'array': {
      const min = checksOf(s).find((c) => c.check === 'min_length')?.minimum ?? 0;
      return `a ${min > 0 ? 'non-empty ' : ''}list of ${plural(d.element)}`;
    }
    case 'record':
      return `a mapping of ${plural(d.keyType)} to ${plural(d.valueType)}`;
    case 'object': {
      const keys = objectKeys(s) ?? [];
      return keys.length <= 5 ? `a mapping with ${keys.join(', ')}` : 'a mapping';
    }
    case 'union':
      return [...new Set((d.options ?? []).map(describeSchema))].join(', or ');
    default:
      return 'any value';
  }
}

/** The words for several values of this schema: `strings`, `names`, `mappings`. */
function plural(schema: AnySchema | undefined): string {
  if (!schema) return 'values';
  if (layers(schema).includes(Name)) return 'names';
  switch (defOf(unwrap(schema)).type) {
    case 'string':
      return 'strings';
    case 'number':
      return 'numbers';
    case 'boolean':
      return 'true/false values';
    case 'object':
    case 'record':
      return 'mappings';
    case 'array':
      return 'lists';
    default:
      return 'values';
  }
}

function literal(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function describeString(s: AnySchema): string {
  const parts: string[] = [];
  let base = 'a string';
  for (const c of checksOf(s)) {
    if (c.check === 'string_format' && c.format === 'url') base = 'a URL';
    else if (c.check === 'string_format' && c.format === 'starts_with') parts.push(`starting with "${c.prefix}"`);
    else if (c.check === 'string_format' && c.format === 'regex' && c.pattern) parts.push(`matching ${c.pattern}`);
    else if (c.check === 'min_length' && c.minimum === 1) base = 'a non-empty string';
    else if (c.check === 'min_length') parts.push(`of at least ${c.minimum} characters`);
    else if (c.check === 'max_length') parts.push(`of at most ${c.maximum} characters`);
  }
  return [base, ...parts].join(' ');
}

function describeNumber(s: AnySchema): string {
  const checks = checksOf(s);
  const int = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  const min = checks.find((c) => c.check === 'greater_than');
  const max = checks.find((c) => c.check === 'less_than');
  const base = int ? 'a whole number' : 'a number';
  if (min && max) return `${base} from ${String(min.value)} to ${String(max.value)}`;
  if (min) return `${base} ${min.inclusive ? 'of at least' : 'greater than'} ${String(min.value)}`;
  if (max) return `${base} ${max.inclusive ? 'of at most' : 'less than'} ${String(max.value)}`;
  return base;
}
