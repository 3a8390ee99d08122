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
  /** Maximum helm/kubectl processes at once (twice as many components hash, parse and cache meanwhile). Default: `os.availableParallelism()`. */
  concurrency?: number;
  /** Cache directory. Default `$CONVOY_CACHE/render` or `~/.cache/convoy/render`; null disables the cache. */
  cacheDir?: string | null;
  /** `helm` binary. Default: `$CONVOY_HELM` or `helm` on PATH. */
  helmBinary?: string;
  /** `kubectl` binary (for `kubectl kustomize`). Default: `$CONVOY_KUBECTL` or `kubectl` on PATH. */
  kubectlBinary?: string;
}

/** A component's render begins (emitted when it gets a slot in the render pool). */
export interface RenderStartEvent {
  type: 'render-start';
  /** The component's stack key. */
  component: string;
  sourceKind: 'helm' | 'kustomize' | 'manifests' | 'native';
}

/** A component's render finished. */
export interface RenderDoneEvent {
  type: 'render-done';
  component: string;
  /** True when the objects came from the render cache. */
  cached: boolean;
  /** Wall time of this component's render in milliseconds (hashing, tool run, parsing). */
  durationMs: number;
  /** Number of objects rendered. */
  objects: number;
}

/** A component's render failed; `render()` rejects with the error after all renders settle. */
export interface RenderFailedEvent {
  type: 'render-failed';
  component: string;
  durationMs: number;
  /** The error's message (its code is on the error `render()` rejects with). */
  message: string;
}

/** Progress events of `render()`, delivered through its `onEvent` callback (the library never prints). */
export type RenderEvent = RenderStartEvent | RenderDoneEvent | RenderFailedEvent;
