/**
 * The render cache: one JSON file of objects per input hash. Content-addressed, so entries
 * never go stale; delete the directory to reclaim space.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedComponent } from '../resolve/types.ts';
import { sha256, writeAtomic } from './fs-util.ts';

/** Bump when render output changes for the same inputs (invalidates every cache entry). */
export const RENDERER_VERSION = 'convoy-render/2';

/** `$CONVOY_CACHE/render`, else `~/.cache/convoy/render`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.CONVOY_CACHE || join(homedir(), '.cache', 'convoy'), 'render');
}

/**
 * The cache key (sha256 hex) of a component's render: the renderer version, the stack name,
 * the component identity (name, instance name, namespace, source kind) and the source's inputs.
 */
export function cacheKey(stackName: string, component: ResolvedComponent, inputs: unknown): string {
  return sha256(
    JSON.stringify({
      renderer: RENDERER_VERSION,
      stack: stackName,
      component: component.name,
      instanceName: component.instanceName,
      namespace: component.namespace,
      sourceKind: component.source.kind,
      inputs,
    }),
  );
}

interface CacheEntry {
  renderer: string;
  key: string;
  objects: KubeObject[];
}

/** The cached objects of `key`, or undefined (missing, unreadable or foreign entries are misses). */
export async function readCache(dir: string, key: string): Promise<KubeObject[] | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as CacheEntry;
    return entry.renderer === RENDERER_VERSION && entry.key === key && Array.isArray(entry.objects)
      ? entry.objects
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stores objects under `key` (atomic write, file mode 0600: objects may hold secret values). */
export async function writeCache(dir: string, key: string, objects: readonly KubeObject[]): Promise<void> {
  const entry: CacheEntry = { renderer: RENDERER_VERSION, key, objects: [...objects] };
  await writeAtomic(join(dir, `${key}.json`), JSON.stringify(entry));
}
