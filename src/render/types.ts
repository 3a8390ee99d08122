import type { KubeObject } from '../objects/types.ts';

/** The objects of one component, in deterministic order. */
export interface RenderedComponent {
  name: string;
  instanceName: string;
  namespace: string;
  /** Objects with `convoy.dev/component` and `convoy.dev/origin` annotations. */
  objects: KubeObject[];
  /** sha256 of the render inputs (chart files, values, options); the cache key. */
  inputHash: string;
  /** True when the result came from the render cache. */
  cached: boolean;
}

export interface RenderedStack {
  name: string;
  environment: string | undefined;
  /** Components sorted by name. */
  components: RenderedComponent[];
}

export interface RenderOptions {
  /** Maximum renders at once. Default: number of CPU cores. */
  concurrency?: number;
  /** Cache directory. Default `$CONVOY_CACHE/render` or `~/.cache/convoy/render`; null disables the cache. */
  cacheDir?: string | null;
  /** `helm` binary. Default: `$CONVOY_HELM` or `helm` on PATH. */
  helmBinary?: string;
  /** `kubectl` binary (for `kubectl kustomize`). Default: `$CONVOY_KUBECTL` or `kubectl` on PATH. */
  kubectlBinary?: string;
}
