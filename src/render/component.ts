/**
 * One component's render: key its inputs, use the cache or run its source renderer.
 */
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedComponent } from '../resolve/types.ts';
import { cacheKey, readCache, writeCache } from './cache.ts';
import type { RenderContext, SourceRenderer } from './context.ts';
import { helmRenderer } from './helm.ts';
import { kustomizeRenderer } from './kustomize.ts';
import { manifestsRenderer } from './manifests.ts';
import { nativeRenderer } from './native/renderer.ts';

const RENDERERS: Record<ResolvedComponent['source']['kind'], SourceRenderer> = {
  helm: helmRenderer,
  kustomize: kustomizeRenderer,
  manifests: manifestsRenderer,
  native: nativeRenderer,
};

/** A component's raw render result (objects annotated; namespaces not yet defaulted). */
export interface ComponentResult {
  objects: KubeObject[];
  inputHash: string;
  cached: boolean;
}

/** Maps file-system and unexpected errors of a component's render into ConvoyErrors. */
function asConvoyError(component: ResolvedComponent, err: unknown): ConvoyError {
  if (err instanceof ConvoyError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT' || e?.code === 'EACCES' || e?.code === 'ENOTDIR') {
    return new ConvoyError('E_FILE', `component "${component.name}": cannot read ${e.path ?? 'a file'}`, {
      position: component.position,
      fix: 'check the paths of the component source',
      cause: err,
    });
  }
  return new ConvoyError('E_RENDER', `component "${component.name}": ${e?.message ?? String(err)}`, {
    position: component.position,
    cause: err,
  });
}

/**
 * Renders one component. With a cache directory and cacheable inputs, a hit returns the
 * stored objects and a miss stores the new ones. Objects are plain JSON (a fresh render and
 * a cache hit are deep-equal).
 *
 * @throws ConvoyError from the source renderer (`E_RENDER`, `E_TOOL`, `E_FILE`).
 */
export async function renderComponent(
  component: ResolvedComponent,
  ctx: RenderContext,
  cacheDir: string | null,
): Promise<ComponentResult> {
  try {
    const renderer = RENDERERS[component.source.kind];
    const { inputs, cacheable } = await renderer.keyInputs(component, ctx);
    const inputHash = cacheKey(ctx.stack.name, component, inputs);
    const useCache = cacheDir !== null && cacheable;
    if (useCache) {
      const hit = await readCache(cacheDir, inputHash);
      if (hit) return { objects: hit, inputHash, cached: true };
    }
    const objects = JSON.parse(JSON.stringify(await renderer.render(component, ctx))) as KubeObject[];
    if (useCache) await writeCache(cacheDir, inputHash, objects);
    return { objects, inputHash, cached: false };
  } catch (err) {
    throw asConvoyError(component, err);
  }
}
