/**
 * Words for error messages: where a path is (`"helm.chart" of component "panda"`) and
 * what a value is (`the string "b"`, `a list`).
 */
import type { DocPath } from './source-map.ts';

/** A path split into its owner (`component "panda"`) and the rest of the path inside it. */
interface Owned {
  owner: string;
  rest: (string | number)[];
}

/**
 * The nearest named thing a path lies in: a component, a workload of a component, an
 * environment, or a component overlay/values inside an environment; else the stack.
 */
export function ownerOf(path: DocPath): Owned {
  const p = [...path];
  if (p[0] === 'spec' && p[1] === 'components' && p.length >= 3) {
    const component = `component "${String(p[2])}"`;
    if (p[3] === 'native' && p[4] === 'workloads' && p.length >= 6) {
      return { owner: `workload "${String(p[5])}" of ${component}`, rest: p.slice(6) };
    }
    return { owner: component, rest: p.slice(3) };
  }
  if (p[0] === 'spec' && p[1] === 'environments' && p.length >= 3) {
    const env = `environment "${String(p[2])}"`;
    if ((p[3] === 'components' || p[3] === 'values') && p.length >= 5) {
      const what = p[3] === 'values' ? 'values for component' : 'component';
      return { owner: `${what} "${String(p[4])}" in ${env}`, rest: p.slice(5) };
    }
    return { owner: env, rest: p.slice(3) };
  }
  return { owner: '', rest: p };
}

/** `needs`, `helm.values[1]`, `ports[0].port`. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

/** The field at `path`, for "X must be …": `"needs" of component "panda"`, `"spec.namespace"`. */
export function fieldSubject(path: DocPath): string {
  const { owner, rest } = ownerOf(path);
  if (rest.length === 0) return owner || 'the stack';
  return owner ? `"${formatPath(rest)}" of ${owner}` : `"${formatPath(rest)}"`;
}

/** The mapping at `path`, for "unknown field x in …": `component "panda"`, `"helm" of component "panda"`. */
export function containerSubject(path: DocPath): string {
  if (path.length === 0) return 'the top level of the stack';
  return fieldSubject(path);
}

/**
 * For a mapping key at `path`: the noun of the entry (`component`, `environment`,
 * `workload`; undefined for a plain field) and the container it is in.
 */
export function describePath(path: DocPath): { noun: string | undefined; where: string } {
  const parent = path.slice(0, -1);
  const noun = entryNoun(path);
  if (noun === 'workload') return { noun, where: `component "${String(path[2])}"` };
  if (noun && path[1] === 'environments' && path.length === 5) {
    return { noun, where: `${path[3] === 'values' ? 'the values of ' : ''}environment "${String(path[2])}"` };
  }
  if (noun) return { noun, where: '' };
  return { noun: undefined, where: containerSubject(parent) };
}

/** `component`, `environment`, `workload` when `path` is the key of such an entry. */
export function entryNoun(path: DocPath): string | undefined {
  const n = path.length;
  const container = path[n - 2];
  if (n === 3 && path[0] === 'spec' && container === 'components') return 'component';
  if (n === 3 && path[0] === 'spec' && container === 'environments') return 'environment';
  if (n === 6 && container === 'workloads' && path[3] === 'native') return 'workload';
  if (n === 5 && path[1] === 'environments' && (container === 'components' || container === 'values')) {
    return 'component';
  }
  return undefined;
}

/**
 * What a value is, for "got …": `the string "b"`, `the number 3`, `true`, `an empty value`,
 * `a list`, `a mapping`. `raw` is the source text (so `1.10` shows as written).
 */
export function describeValue(value: unknown, raw?: string): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `the string ${JSON.stringify(truncate(value))}`;
  if (typeof value === 'number') return `the number ${raw && /^[-+.\d]/.test(raw) ? raw : String(value)}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'function') return 'a function';
  return 'a mapping';
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
