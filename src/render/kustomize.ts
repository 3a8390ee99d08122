/**
 * Kustomize components: rendered by the real kustomize built into kubectl (`kubectl kustomize <dir>`).
 */
import { ConvoyError } from '../errors.ts';
import { annotateObject } from '../objects/annotate.ts';
import type { ResolvedComponent, ResolvedSource } from '../resolve/types.ts';
import type { SourceRenderer } from './context.ts';
import { firstErrorLine, runTool, trimStderr } from './exec.ts';
import { kustomizeInputs } from './kustomize-inputs.ts';
import { parseDocuments, toObjects } from './parse.ts';

function kustomizeSource(component: ResolvedComponent): Extract<ResolvedSource, { kind: 'kustomize' }> {
  if (component.source.kind !== 'kustomize')
    throw new Error(`component ${component.name} is not a Kustomize component`);
  return component.source;
}

/**
 * Renders Kustomize components with `kubectl kustomize <absPath>`. Every object's origin is
 * `kustomize:<dir>` (the directory relative to the stack directory).
 */
export const kustomizeRenderer: SourceRenderer = {
  async keyInputs(component, ctx) {
    const source = kustomizeSource(component);
    const [tool, files] = await Promise.all([ctx.toolVersion(ctx.kubectl), kustomizeInputs(source.absPath, ctx)]);
    return { cacheable: files.cacheable, inputs: { tool, dir: ctx.rel(source.absPath), files: files.inputs } };
  },

  async render(component, ctx) {
    const source = kustomizeSource(component);
    const dir = ctx.rel(source.absPath) || '.';
    const result = await ctx.pool(() =>
      runTool(ctx.kubectl.binary, ['kustomize', source.absPath], {
        env: ctx.env,
        cwd: ctx.stack.dir,
        missingFix: ctx.kubectl.fix,
      }),
    );
    if (result.code !== 0) {
      throw new ConvoyError(
        'E_RENDER',
        `kustomize failed for component "${component.name}": ${firstErrorLine(result.stderr, result.code)}`,
        {
          position: component.position,
          fix: `fix the kustomization in ${dir}; reproduce with: kubectl kustomize ${dir}`,
          cause: new Error(trimStderr(result.stderr)),
        },
      );
    }
    const what = `component "${component.name}" (kustomize ${dir})`;
    const docs = parseDocuments(result.stdout, `kubectl kustomize ${dir}`, what);
    return toObjects(docs, what).map(({ object }) =>
      annotateObject(object, { component: component.name, origin: `kustomize:${dir}` }),
    );
  },
};
