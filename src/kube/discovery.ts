/**
 * The REST mapping (apiVersion + kind → resource, scope) from API discovery
 * (`GET /api/v1`, `GET /apis/<group>/<version>`, each an APIResourceList), cached per
 * group/version and fetched again once on a miss, so CRDs created during a run are found
 * (client-go `restmapper.DeferredDiscoveryRESTMapper` does the same reset-on-miss).
 */
import { ConvoyError } from '../errors.ts';
import { closest } from '../plan/suggest.ts';
import { splitApiVersion } from './paths.ts';
import type { ResourceInfo } from './types.ts';

/** Fetches the APIResourceList of an apiVersion; resolves undefined when the server does not serve it (404). */
export type FetchResourceList = (apiVersion: string) => Promise<unknown>;

interface ApiResource {
  name?: string;
  kind?: string;
  namespaced?: boolean;
}

/**
 * Kind → ResourceInfo of one APIResourceList. Subresources (`deployments/status`) are
 * skipped; when two resources share a kind, the first wins (as kubectl's mapper does).
 */
export function parseResourceList(apiVersion: string, list: unknown): Map<string, ResourceInfo> {
  const { group, version } = splitApiVersion(apiVersion);
  const out = new Map<string, ResourceInfo>();
  const resources = (list as { resources?: ApiResource[] } | undefined)?.resources ?? [];
  for (const r of resources) {
    if (!r.name || !r.kind || r.name.includes('/')) continue;
    if (out.has(r.kind)) continue;
    out.set(r.kind, { group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced === true });
  }
  return out;
}

/** A discovery cache over one API server. */
export class Discovery {
  readonly #fetch: FetchResourceList;
  readonly #cache = new Map<string, Map<string, ResourceInfo> | undefined>();
  readonly #inflight = new Map<string, Promise<Map<string, ResourceInfo> | undefined>>();

  constructor(fetch: FetchResourceList) {
    this.#fetch = fetch;
  }

  /**
   * The mapping of a kind. Served from cache; on a miss, the group/version is fetched
   * again (once, shared by concurrent callers).
   *
   * @throws ConvoyError E_KUBE when the server serves no such apiVersion or kind (with
   *   a "did you mean" for a misspelt kind), or discovery itself fails.
   */
  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const cached = this.#cache.get(apiVersion);
    const hit = cached?.get(kind);
    if (hit) return hit;
    const fresh = await this.#refresh(apiVersion);
    const info = fresh?.get(kind);
    if (info) return info;
    if (!fresh) {
      throw new ConvoyError('E_KUBE', `the API server does not serve apiVersion "${apiVersion}" (kind ${kind})`, {
        fix: 'install the CRD or API service that provides it first, or fix apiVersion',
      });
    }
    const hint = closest(kind, fresh.keys());
    throw new ConvoyError('E_KUBE', `the API server has no kind "${kind}" in apiVersion "${apiVersion}"`, {
      expected: hint ? `did you mean "${hint}"?` : `one of: ${[...fresh.keys()].sort().join(', ')}`,
      fix: 'fix the kind, or install the CRD that defines it first',
    });
  }

  /** Forgets everything (the next lookups fetch again). */
  reset(): void {
    this.#cache.clear();
  }

  #refresh(apiVersion: string): Promise<Map<string, ResourceInfo> | undefined> {
    let p = this.#inflight.get(apiVersion);
    if (!p) {
      p = (async () => {
        try {
          const list = await this.#fetch(apiVersion);
          const map = list === undefined ? undefined : parseResourceList(apiVersion, list);
          this.#cache.set(apiVersion, map);
          return map;
        } finally {
          this.#inflight.delete(apiVersion);
        }
      })();
      this.#inflight.set(apiVersion, p);
    }
    return p;
  }
}
