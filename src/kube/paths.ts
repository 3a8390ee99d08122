/** REST paths of the Kubernetes API (apimachinery `rest/request.go` URL layout). Pure. */
import type { ResourceInfo } from './types.ts';

/** `{group, version}` of an apiVersion: `apps/v1` → apps, v1; `v1` → core (empty group). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The discovery path of an apiVersion: `/api/v1` or `/apis/apps/v1`. */
export function groupVersionPath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

/**
 * Path of a collection (`name` undefined) or one object. `namespace` is used only for
 * namespaced kinds; collections of a namespaced kind without namespace list all namespaces.
 * Segments are URI-encoded.
 */
export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const gv = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  let p = gv;
  if (info.namespaced && namespace !== undefined) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${info.resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  return p;
}
