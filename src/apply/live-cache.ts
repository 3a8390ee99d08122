/**
 * Fewer reads per component: the live copies of a component's objects are read with one
 * LIST per kind and namespace (when the component has several objects of that kind there)
 * instead of one GET per object. Applying an unchanged stack of 1000 objects then costs
 * about one dry run per object plus a LIST per kind and namespace.
 *
 * The listing of a group happens on the first read of an object of that group, and is
 * used once per object: each object is read right before its own dry run and apply, and
 * nothing else of the component changes it in between.
 */
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import type { KubeObject } from '../objects/types.ts';

/** Objects of one kind in one namespace from which on a LIST beats GETs. */
export const LIST_THRESHOLD = 3;

const groupKey = (ref: ObjectRef) => `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}`;

/**
 * Wraps `client` so that `get` of the given refs is answered from one LIST per group of at
 * least {@link LIST_THRESHOLD} refs; each answer is served once, later reads go to the API
 * server. Any LIST failure (e.g. a kind whose CRD the stack has just created) falls back to
 * GETs. Every other method is the client's own.
 */
export function withListedReads(client: KubeClient, refs: readonly ObjectRef[]): KubeClient {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(groupKey(r), (counts.get(groupKey(r)) ?? 0) + 1);
  const listed = new Map<string, Promise<Map<string, KubeObject> | undefined>>();
  const served = new Set<string>();
  const listGroup = (ref: ObjectRef) => {
    const key = groupKey(ref);
    let p = listed.get(key);
    if (!p) {
      p = client
        .list(ref.apiVersion, ref.kind, ref.namespace ? { namespace: ref.namespace } : {})
        .then((items) => new Map(items.map((o) => [o.metadata.name ?? '', o])))
        .catch(() => undefined);
      listed.set(key, p);
    }
    return p;
  };
  const get = async (ref: ObjectRef): Promise<KubeObject | undefined> => {
    const key = groupKey(ref);
    const id = `${key}|${ref.name}`;
    if ((counts.get(key) ?? 0) >= LIST_THRESHOLD && !served.has(id)) {
      const items = await listGroup(ref);
      if (items) {
        served.add(id);
        return items.get(ref.name);
      }
    }
    return client.get(ref);
  };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'get') return get;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
