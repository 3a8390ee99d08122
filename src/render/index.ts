/**
 * The render stage: every component of a resolved stack to Kubernetes objects. Helm through
 * the real `helm template`, Kustomize through real kustomize (`kubectl kustomize`), plain
 * manifests, and native workloads built in TypeScript. Renders run in parallel and are cached
 * by content; output is deterministic.
 */
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import { ConvoyError, ConvoyErrors } from '../errors.ts';
import type { ResolvedStack } from '../resolve/types.ts';
import { defaultCacheDir } from './cache.ts';
import { renderComponent, type ComponentResult } from './component.ts';
import { createContext } from './context.ts';
import { finalizeObjects } from './finalize.ts';
import { generatedNamespaces } from './generators/namespaces.ts';
import { generatedNetworkPolicies } from './generators/network-policies.ts';
import { toolEnv } from './tool-env.ts';
import { helmTool, kubectlTool, toolVersionReader } from './tools.ts';
import type { RenderedStack, RenderEvent, RenderOptions } from './types.ts';

export { buildNativeObjects, buildWorkloadObjects, workloadObjectName, type NativeComponent } from './native/index.ts';
export { defaultCacheDir, RENDERER_VERSION } from './cache.ts';
export { helmTemplateArgs } from './helm-args.ts';

function checkOptions(options: RenderOptions): void {
  const c = options.concurrency;
  if (c !== undefined && (!Number.isInteger(c) || c < 1)) {
    throw new ConvoyError('E_USAGE', `render concurrency must be a whole number ≥ 1, got ${c}`, {
      fix: 'pass a positive integer, e.g. --concurrency 4',
    });
  }
}

/**
 * Renders every component of `stack` into Kubernetes objects.
 *
 * - Each object is annotated `convoy.dev/component` (stack key) and `convoy.dev/origin`
 *   (chart template path relative to the stack dir, `<chart>@<version>:templates/x.yaml`
 *   for remote charts, `kustomize:<dir>`, a manifest path, or `native:<workload>`).
 *   Helm hooks are kept with Helm's `helm.sh/hook*` annotations (including `test` hooks);
 *   the plan stage orders them.
 * - Objects of namespaced kinds without a namespace get the component's namespace.
 * - Components come back sorted by name; their objects in kind/namespace/name order with
 *   canonical key order, so `toYaml` of the same input is byte-identical.
 * - Up to `options.concurrency` (default `os.availableParallelism()`) helm/kubectl processes
 *   run at once; up to twice as many components are in flight (hashing, parsing, caching).
 * - Cache: `options.cacheDir` (default `$CONVOY_CACHE/render` or `~/.cache/convoy/render`;
 *   null disables) holds one entry per input hash (chart, values, kustomize and manifest file
 *   contents, native specs, options, tool versions). Remote charts without an exact version
 *   and kustomizations with remote bases are never cached.
 * - `onEvent` receives `render-start`, `render-done` (with `cached`, `durationMs`, object
 *   count) and `render-failed` per component. The library never prints.
 *
 * All components are attempted even when one fails.
 *
 * @throws ConvoyError `E_RENDER` (tool failure, invalid YAML, duplicate objects in one
 *   component), `E_TOOL` (helm or kubectl missing), `E_FILE` (unreadable source file),
 *   `E_USAGE` (bad options); several failures → ConvoyErrors, in component order.
 */
export async function render(
  stack: ResolvedStack,
  options: RenderOptions = {},
  onEvent?: (e: RenderEvent) => void,
): Promise<RenderedStack> {
  checkOptions(options);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const concurrency = options.concurrency ?? availableParallelism();
  const ctx = createContext(
    stack,
    {
      helm: helmTool(options.helmBinary),
      kubectl: kubectlTool(options.kubectlBinary),
      toolVersion: toolVersionReader(cacheDir),
      env: toolEnv(process.env),
    },
    concurrency,
  );
  // Components in flight: twice the tool pool, so that while `concurrency` tools run, the
  // next components hash their inputs and the finished ones parse and write their cache.
  const limit = pLimit(concurrency * 2);
  const emit = onEvent ?? (() => {});
  const components = [...stack.components].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const settled = await Promise.allSettled(
    components.map((c) =>
      limit(async (): Promise<ComponentResult> => {
        emit({ type: 'render-start', component: c.name, sourceKind: c.source.kind });
        const started = performance.now();
        try {
          const r = await renderComponent(c, ctx, cacheDir);
          const durationMs = Math.round(performance.now() - started);
          emit({ type: 'render-done', component: c.name, cached: r.cached, durationMs, objects: r.objects.length });
          return r;
        } catch (err) {
          const durationMs = Math.round(performance.now() - started);
          emit({ type: 'render-failed', component: c.name, durationMs, message: (err as Error).message });
          throw err;
        }
      }),
    ),
  );
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as ConvoyError] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ConvoyErrors(errors);
  const results = settled.map((s) => (s as PromiseFulfilledResult<ComponentResult>).value);
  const namespaces = generatedNamespaces(
    components,
    results.map((r) => r?.objects ?? []),
    stack.name,
    stack.podSecurity,
  );
  const policies = generatedNetworkPolicies(
    stack,
    components,
    results.map((r) => r?.objects ?? []),
  );
  const finals = finalizeObjects(
    components.map((component, i) => ({
      component,
      objects: [...(namespaces[i] ?? []), ...(results[i]?.objects ?? []), ...(policies[i] ?? [])],
    })),
  );
  return {
    name: stack.name,
    environment: stack.environment,
    components: components.map((c, i) => ({
      name: c.name,
      instanceName: c.instanceName,
      namespace: c.namespace,
      objects: finals[i] ?? [],
      inputHash: results[i]?.inputHash ?? '',
      cached: results[i]?.cached ?? false,
    })),
  };
}
