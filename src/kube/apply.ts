/**
 * Server-side apply requests: `PATCH <object path>?fieldManager=<m>[&force=true][&dryRun=All]`
 * with `Content-Type: application/apply-patch+yaml` and the object as the body (JSON is YAML).
 * (Kubernetes docs, "Server-Side Apply"; kubectl `apply --server-side`.) Pure.
 */
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import type { HttpRequest } from './transport.ts';
import { resourcePath } from './paths.ts';
import type { ApplyOptions, ResourceInfo } from './types.ts';

/** Content type of a server-side apply patch. */
export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

/** Server-maintained metadata an apply body must not carry (managedFields must be empty; resourceVersion would be a precondition). */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/**
 * The namespace an object goes to: its own for namespaced kinds (or `defaultNamespace`
 * when unset, as kubectl does), none for cluster-scoped kinds.
 */
export function targetNamespace(info: ResourceInfo, obj: KubeObject, defaultNamespace: string): string | undefined {
  if (!info.namespaced) return undefined;
  return obj.metadata.namespace || defaultNamespace;
}

/**
 * The HTTP request of a server-side apply. The body is the object with server-maintained
 * metadata removed and `metadata.namespace` set for namespaced kinds.
 *
 * @throws ConvoyError E_USAGE when the object has no `metadata.name` (apply needs one;
 *   `generateName` works only with create) or fieldManager is empty.
 */
export function buildApplyRequest(
  info: ResourceInfo,
  obj: KubeObject,
  options: ApplyOptions,
  defaultNamespace: string,
): HttpRequest {
  const name = obj.metadata.name;
  if (!name) {
    throw new ConvoyError('E_USAGE', `cannot apply a ${obj.kind} without metadata.name`, {
      expected: 'metadata.name (server-side apply cannot use generateName)',
      fix: 'give the object a name',
    });
  }
  if (!options.fieldManager) {
    throw new ConvoyError('E_USAGE', 'server-side apply needs a field manager', {
      fix: 'pass fieldManager (default convoy)',
    });
  }
  const namespace = targetNamespace(info, obj, defaultNamespace);
  const metadata: Record<string, unknown> = { ...obj.metadata };
  for (const k of SERVER_METADATA) delete metadata[k];
  if (namespace !== undefined) metadata['namespace'] = namespace;
  else delete metadata['namespace'];
  return {
    method: 'PATCH',
    path: resourcePath(info, namespace, name),
    query: {
      fieldManager: options.fieldManager,
      force: options.force ? 'true' : undefined,
      dryRun: options.dryRun ? 'All' : undefined,
    },
    body: { ...obj, metadata },
    contentType: APPLY_PATCH_CONTENT_TYPE,
  };
}
